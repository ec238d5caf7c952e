// title: Coverage of each country
// group: coverage
// description: >-
//   For each country: the programmes and projects that cover it (a project
//   also through its programme), the outcomes of those programmes (three
//   levels deep), the money
//   reports state for any of them (empty when unknown, never zero), and the
//   evaluations that cover the country with their recommendations, lessons
//   and good practices (counted together as lessons).
// parameters: {}
// columns: [country, name, programmes, projects, outcomes, budget, expenditure, contributions, currencies, evaluations, recommendations, lessons]
MATCH (c:Country)
OPTIONAL MATCH (g:Programme)-[:COVERS]->(c)
WITH c, collect(g.id) AS programmes
OPTIONAL MATCH (p1:Project)-[:COVERS]->(c)
WITH c, programmes, collect(p1.id) AS covering
OPTIONAL MATCH (p2:Project)-[:PART_OF]->(:Programme)-[:COVERS]->(c)
WITH c, programmes, covering, collect(p2.id) AS through
UNWIND covering + through + [''] AS pid
WITH c, programmes, collect(DISTINCT CASE WHEN pid <> '' THEN pid END) AS projects
UNWIND programmes + [''] AS gid
OPTIONAL MATCH (:Programme {id: gid})<-[:PART_OF]-(o1:Outcome)
OPTIONAL MATCH (o1)<-[:PART_OF]-(o2:Outcome)
OPTIONAL MATCH (o2)<-[:PART_OF]-(o3:Outcome)
WITH c, programmes, projects, collect(o1.id) AS top, collect(o2.id) AS mid, collect(o3.id) AS low
UNWIND top + mid + low + [''] AS oid
WITH c, programmes, projects, collect(DISTINCT CASE WHEN oid <> '' THEN oid END) AS outcomes
UNWIND programmes + projects + outcomes + [''] AS x
OPTIONAL MATCH (m:Funding)-[:FUNDS]->(:Programme|Project|Outcome {id: x})
WITH c, programmes, projects, outcomes,
     sum(CASE WHEN m.kind = 'budget' THEN m.amount END) AS budget, count(CASE WHEN m.kind = 'budget' THEN 1 END) AS budgets,
     sum(CASE WHEN m.kind = 'expenditure' THEN m.amount END) AS expenditure, count(CASE WHEN m.kind = 'expenditure' THEN 1 END) AS spent,
     sum(CASE WHEN m.kind = 'contribution' THEN m.amount END) AS contributions, count(CASE WHEN m.kind = 'contribution' THEN 1 END) AS given,
     collect(DISTINCT m.currency) AS currencies
OPTIONAL MATCH (e:Evaluation)-[:COVERS]->(c)
OPTIONAL MATCH (e)-[:MAKES]->(r:Recommendation)
OPTIONAL MATCH (e)-[:IDENTIFIES]->(l:Lesson|GoodPractice)
RETURN c.id AS country, c.name AS name, size(programmes) AS programmes, size(projects) AS projects,
       size(outcomes) AS outcomes, CASE WHEN budgets = 0 THEN NULL ELSE budget END AS budget,
       CASE WHEN spent = 0 THEN NULL ELSE expenditure END AS expenditure,
       CASE WHEN given = 0 THEN NULL ELSE contributions END AS contributions, currencies,
       count(DISTINCT e) AS evaluations, count(DISTINCT r) AS recommendations, count(DISTINCT l) AS lessons
ORDER BY country
