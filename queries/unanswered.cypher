// title: Recommendations without a management response
// group: recommendations
// description: >-
//   Recommendations with no recorded response from the Office, per
//   evaluation, with whom they are addressed to. An evaluation whose report
//   records no responses at all shows every recommendation here.
// parameters:
//   evaluation: {type: string, default: "", description: "an evaluation id; empty for all"}
// columns: [evaluation, number, recommendation, addressed_to, responses_in_report]
MATCH (e:Evaluation)-[:MAKES]->(r:Recommendation)
WHERE ($evaluation = '' OR e.id = $evaluation) AND NOT EXISTS { MATCH (r)-[:HAS_RESPONSE]->() }
OPTIONAL MATCH (r)-[:ADDRESSED_TO]->(o:Organization)
WITH e, r, collect(o.id) AS addressed_to,
     COUNT { MATCH (e)-[:MAKES]->(:Recommendation)-[:HAS_RESPONSE]->() } AS responses_in_report
RETURN e.id AS evaluation, r.number AS number, coalesce(r.heading, r.text) AS recommendation, addressed_to,
       responses_in_report
ORDER BY evaluation, size(number), number
