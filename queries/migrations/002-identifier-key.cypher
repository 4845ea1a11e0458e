// One Identifier per normalised (kind, value): key = kind:value. Community edition has no node-key
// constraints, hence the single-property key.
CREATE CONSTRAINT identifier_key IF NOT EXISTS FOR (i:Identifier) REQUIRE i.key IS UNIQUE
