// Evaluations
// kg canned query evaluations (evidence); set its parameters first:
// :param country => '';
// :param row_limit => 100;
MATCH (e:Evaluation)
OPTIONAL MATCH (e)-[:COVERS]->(c:Country)
WITH e, collect(c.id) AS countries
WHERE $country = '' OR $country IN countries
OPTIONAL MATCH (e)-[:EVALUATES]->(p:Project)
WITH e, countries, collect(p.id) AS projects
OPTIONAL MATCH (e)-[:MAKES]->(r:Recommendation)
WITH e, countries, projects, count(r) AS recommendations
OPTIONAL MATCH (e)-[:IDENTIFIES]->(l:Lesson)
WITH e, countries, projects, recommendations, count(l) AS lessons
OPTIONAL MATCH (e)-[:IDENTIFIES]->(g:GoodPractice)
RETURN e.id AS evaluation, e.date AS date, e.type AS type, e.timing AS timing,
       projects, countries, recommendations, lessons, count(g) AS good_practices
ORDER BY date, evaluation
LIMIT $row_limit
