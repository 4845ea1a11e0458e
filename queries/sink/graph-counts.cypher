// How much of the snapshot graph the database holds already (from the count store, not a scan):
// the sink CREATEs accounts, identifiers and USES into a database that has none of a kind, and
// MERGEs otherwise.
CALL () { MATCH (a:Account) RETURN count(a) AS accounts }
CALL () { MATCH (i:Identifier) RETURN count(i) AS identifiers }
CALL () { MATCH ()-[u:USES]->() RETURN count(u) AS uses }
RETURN accounts, identifiers, uses
