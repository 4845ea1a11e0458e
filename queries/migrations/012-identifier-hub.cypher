CREATE INDEX identifier_hub IF NOT EXISTS FOR (i:Identifier) ON (i.hub)
