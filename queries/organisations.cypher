// title: Organisations by kind and number of projects
// group: partners
// description: >-
//   Each organisation with the projects and programmes it takes part in or
//   funds, and the recommendations addressed to it, most involved first.
//   Organisations a report only mentions are listed with zero.
// parameters:
//   kind: {type: string, default: "", description: "government, employers, workers, donor, UN agency, NGO, ILO unit, intergovernmental or other; empty for all"}
//   country: {type: string, default: "", description: "ISO 3166 alpha-3 code of a national body (LAO); empty for all"}
// columns: [organisation, name, kind, country, projects, programmes, funds, recommendations]
MATCH (o:Organization)
WHERE ($kind = '' OR o.kind = $kind) AND ($country = '' OR o.country = $country)
OPTIONAL MATCH (p:Project)-[:PARTNERS_WITH|FUNDED_BY]->(o)
WITH o, count(DISTINCT p) AS projects
OPTIONAL MATCH (g:Programme)-[:PARTNERS_WITH|FUNDED_BY]->(o)
WITH o, projects, count(DISTINCT g) AS programmes
OPTIONAL MATCH (f)-[:FUNDED_BY]->(o)
WITH o, projects, programmes, count(DISTINCT f) AS funds
OPTIONAL MATCH (r:Recommendation)-[:ADDRESSED_TO]->(o)
RETURN o.id AS organisation, o.name AS name, o.kind AS kind, o.country AS country, projects, programmes, funds,
       count(r) AS recommendations
ORDER BY projects + programmes DESC, recommendations DESC, organisation
