// One cluster as a picture: its accounts and the identifiers two or more of them share
// (hubs among them are drawn grey by the style; they are shown, but never count as evidence).
//
// :param clusterId => 'FR-0123456789ab'
//
// Switch the Browser result to the graph view. Click an identifier to see how many accounts
// use it in the whole snapshot (accountCount).
MATCH (c:FraudCluster:Current {clusterId: $clusterId})<-[:MEMBER_OF]-(a:Account)
WITH c, collect(a) AS members
UNWIND members AS a
MATCH (a)-[:USES]->(i:Identifier)
WHERE COUNT { (i)<-[:USES]-(other:Account) WHERE other IN members } >= 2
WITH c, members, collect(DISTINCT i) AS shared
RETURN c AS cluster,
       members,
       shared,
       COLLECT {
         UNWIND members AS m
         MATCH (m)-[r:USES|MEMBER_OF]->(x)
         WHERE x = c OR x IN shared
         RETURN r
       } AS links
