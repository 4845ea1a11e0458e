// Drops one index by name (lookup-indexes names them; the migrations create them again).
DROP INDEX $name IF EXISTS
