// Who works with whom
// kg canned query collaborations (partners); set its parameters first:
// :param organisation => '';
// :param min_shared => 1;
// :param row_limit => 100;
MATCH (a:Organization)<-[:PARTNERS_WITH|FUNDED_BY]-(x:Project|Programme)-[:PARTNERS_WITH|FUNDED_BY]->(b:Organization)
WHERE a.id < b.id OR ($organisation <> '' AND a.id <> b.id)
WITH a, b, x WHERE $organisation = '' OR a.id = $organisation OR a.acronym = $organisation
WITH a, b, collect(DISTINCT x.id) AS projects
WHERE size(projects) >= $min_shared
RETURN a.id AS organisation, b.id AS partner, size(projects) AS shared, projects
ORDER BY shared DESC, organisation, partner
LIMIT $row_limit
