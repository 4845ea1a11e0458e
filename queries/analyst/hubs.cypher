// Hubs: identifiers shared by so many accounts (parcel lockers, corporate IPs, shared cards)
// that they are never taken as a link between accounts. Listed with how many members of
// current clusters use them, since rings like to hide behind honest hubs. With the default
// scope (clusters) these are the hubs that accounts around the results use; hubs.csv in the run
// folder lists every hub of the snapshot.
//
// Nothing to set.
MATCH (i:Identifier {hub: true})
RETURN i.kind AS kind,
       i.value AS value,
       i.accountCount AS accounts,
       COUNT { (i)<-[:USES]-(:Account)-[:MEMBER_OF]->(:FraudCluster:Current) } AS clusterMembersUsingIt,
       COUNT { (i)<-[:USES]-(:Account {label: 'fraud'}) } AS knownFraudUsingIt
ORDER BY accounts DESC, kind, value
LIMIT 50
