// Analysts look identifiers up by value (a phone number, an e-mail) without knowing the key.
CREATE INDEX identifier_value IF NOT EXISTS FOR (i:Identifier) ON (i.value)
