// Organisations by kind and number of projects
// kg canned query organisations (partners); set its parameters first:
// :param kind => '';
// :param country => '';
// :param row_limit => 100;
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
LIMIT $row_limit
