// Recommendations by addressee
// kg canned query addressees (recommendations); set its parameters first:
// :param kind => '';
// :param row_limit => 100;
MATCH (o:Organization)<-[:ADDRESSED_TO]-(r:Recommendation)<-[:MAKES]-(e:Evaluation)
WHERE $kind = '' OR o.kind = $kind
WITH o, count(DISTINCT r) AS recommendations, count(DISTINCT e) AS evaluations,
     count(DISTINCT CASE WHEN toLower(r.priority) = 'high' THEN r.id END) AS high_priority,
     count(DISTINCT CASE WHEN EXISTS { MATCH (r)-[:HAS_RESPONSE]->() } THEN r.id END) AS with_response,
     collect(DISTINCT r.time_implication) AS timeframes
RETURN o.id AS addressee, o.name AS name, o.kind AS kind, recommendations, evaluations, high_priority,
       with_response, timeframes
ORDER BY recommendations DESC, addressee
LIMIT $row_limit
