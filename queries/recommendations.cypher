// title: Recommendations
// description: >-
//   The recommendations each evaluation makes, in their printed order, with
//   lettered sub-items under their parent and the organisations they are
//   addressed to.
// parameters:
//   evaluation: {type: string, default: "", description: "an evaluation id (see the evaluations query); empty for all"}
// columns: [evaluation, number, part_of, recommendation, addressed_to]
MATCH (e:Evaluation)-[:MAKES]->(r:Recommendation)
WHERE $evaluation = '' OR e.id = $evaluation
OPTIONAL MATCH (r)-[:PART_OF]->(parent:Recommendation)
OPTIONAL MATCH (r)-[:ADDRESSED_TO]->(o:Organization)
WITH e, r, parent, o ORDER BY o.id SKIP 0
WITH e, r, parent, collect(o.id) AS addressed_to
WITH e, r, parent, addressed_to, coalesce(parent.number, r.number) AS top
RETURN e.id AS evaluation, r.number AS number, parent.number AS part_of,
       coalesce(r.heading, r.text) AS recommendation, addressed_to
ORDER BY evaluation, size(top), top, size(number), number
