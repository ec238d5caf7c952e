// title: Evaluations
// group: evidence
// description: >-
//   Each evaluation with its date, type and timing, the projects it evaluated,
//   the countries it covers and how many recommendations, lessons and good
//   practices it states.
// parameters:
//   country: {type: string, default: "", description: "ISO 3166 alpha-3 code such as KHM; empty for all"}
// columns: [evaluation, date, type, timing, projects, countries, recommendations, lessons, good_practices]
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
