// title: Who works with whom
// group: partners
// description: >-
//   Pairs of organisations that take part in or fund the same projects or
//   programmes, with how many and which, most shared first.
// parameters:
//   organisation: {type: string, default: "", description: "an organisation id or acronym: only its partners; empty for all pairs"}
//   min_shared: {type: integer, default: 1, description: "list a pair only when it shares at least this many projects or programmes"}
// columns: [organisation, partner, shared, projects]
MATCH (a:Organization)<-[:PARTNERS_WITH|FUNDED_BY]-(x:Project|Programme)-[:PARTNERS_WITH|FUNDED_BY]->(b:Organization)
WHERE a.id < b.id OR ($organisation <> '' AND a.id <> b.id)
WITH a, b, x WHERE $organisation = '' OR a.id = $organisation OR a.acronym = $organisation
WITH a, b, collect(DISTINCT x.id) AS projects
WHERE size(projects) >= $min_shared
RETURN a.id AS organisation, b.id AS partner, size(projects) AS shared, projects
ORDER BY shared DESC, organisation, partner
