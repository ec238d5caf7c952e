// Coverage of each country
// kg canned query coverage-countries (coverage); set its parameters first:
// :param row_limit => 100;
MATCH (c:Country)
WITH c.id AS country, c.name AS name
OPTIONAL MATCH (g:Programme)-[:COVERS]->(:Country {id: country})
WITH country, name, collect(g.id) AS programmes
OPTIONAL MATCH (p1:Project)-[:COVERS]->(:Country {id: country})
WITH country, name, programmes, collect(p1.id) AS covering
OPTIONAL MATCH (p2:Project)-[:PART_OF]->(:Programme)-[:COVERS]->(:Country {id: country})
WITH country, name, programmes, covering, collect(p2.id) AS through
UNWIND covering + through + [''] AS pid
WITH country, name, programmes, collect(DISTINCT CASE WHEN pid <> '' THEN pid END) AS projects
UNWIND programmes + [''] AS gid
OPTIONAL MATCH (:Programme {id: gid})<-[:PART_OF]-(o1:Outcome)
OPTIONAL MATCH (o1)<-[:PART_OF]-(o2:Outcome)
OPTIONAL MATCH (o2)<-[:PART_OF]-(o3:Outcome)
WITH country, name, programmes, projects, collect(o1.id) AS top, collect(o2.id) AS mid, collect(o3.id) AS low
UNWIND top + mid + low + [''] AS oid
WITH country, name, programmes, projects, collect(DISTINCT CASE WHEN oid <> '' THEN oid END) AS outcomes
WITH country, name, size(programmes) AS programmes, size(projects) AS projects, size(outcomes) AS outcomes,
     programmes + projects + outcomes AS funded
UNWIND funded + [''] AS x
OPTIONAL MATCH (m:Funding)-[:FUNDS]->(:Programme|Project|Outcome {id: x})
WITH country, name, programmes, projects, outcomes,
     sum(CASE WHEN m.kind = 'budget' THEN m.amount END) AS budget, count(CASE WHEN m.kind = 'budget' THEN 1 END) AS budgets,
     sum(CASE WHEN m.kind = 'expenditure' THEN m.amount END) AS expenditure, count(CASE WHEN m.kind = 'expenditure' THEN 1 END) AS spent,
     sum(CASE WHEN m.kind = 'contribution' THEN m.amount END) AS contributions, count(CASE WHEN m.kind = 'contribution' THEN 1 END) AS given,
     collect(DISTINCT m.currency) AS currencies
OPTIONAL MATCH (e:Evaluation)-[:COVERS]->(:Country {id: country})
WITH country, name, programmes, projects, outcomes, budget, budgets, expenditure, spent, contributions, given, currencies,
     collect(e.id) AS evaluated_by
UNWIND evaluated_by + [''] AS eid
OPTIONAL MATCH (:Evaluation {id: eid})-[:MAKES]->(r:Recommendation)
WITH country, name, programmes, projects, outcomes, budget, budgets, expenditure, spent, contributions, given, currencies,
     evaluated_by, eid, count(r) AS made
OPTIONAL MATCH (:Evaluation {id: eid})-[:IDENTIFIES]->(l:Lesson|GoodPractice)
WITH country, name, programmes, projects, outcomes, budget, budgets, expenditure, spent, contributions, given, currencies,
     evaluated_by, eid, made, count(l) AS found
WITH country, name, programmes, projects, outcomes, budget, budgets, expenditure, spent, contributions, given, currencies,
     size(evaluated_by) AS evaluations, sum(made) AS recommendations, sum(found) AS lessons
RETURN country, name, programmes, projects, outcomes, CASE WHEN budgets = 0 THEN NULL ELSE budget END AS budget,
       CASE WHEN spent = 0 THEN NULL ELSE expenditure END AS expenditure,
       CASE WHEN given = 0 THEN NULL ELSE contributions END AS contributions, currencies,
       evaluations, recommendations, lessons
ORDER BY country
LIMIT $row_limit
