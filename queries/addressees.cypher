// title: Recommendations by addressee
// group: recommendations
// description: >-
//   Each organisation that recommendations are addressed to: how many, from
//   how many evaluations, how many are high priority, how many have a
//   recorded response from the Office, and the timeframes given.
// parameters:
//   kind: {type: string, default: "", description: "organisation kind (government, employers, workers, donor, UN agency, NGO, ILO unit, intergovernmental, other); empty for all"}
// columns: [addressee, name, kind, recommendations, evaluations, high_priority, with_response, timeframes]
MATCH (o:Organization)<-[:ADDRESSED_TO]-(r:Recommendation)<-[:MAKES]-(e:Evaluation)
WHERE $kind = '' OR o.kind = $kind
WITH o, count(DISTINCT r) AS recommendations, count(DISTINCT e) AS evaluations,
     count(DISTINCT CASE WHEN toLower(r.priority) = 'high' THEN r.id END) AS high_priority,
     count(DISTINCT CASE WHEN EXISTS { MATCH (r)-[:HAS_RESPONSE]->() } THEN r.id END) AS with_response,
     collect(DISTINCT r.time_implication) AS timeframes
RETURN o.id AS addressee, o.name AS name, o.kind AS kind, recommendations, evaluations, high_priority,
       with_response, timeframes
ORDER BY recommendations DESC, addressee
