// Alignment chains
// kg canned query alignment (alignment); set its parameters first:
// :param project => '';
// :param row_limit => 100;
MATCH (p:Project|Programme)-[c:CONTRIBUTES_TO]->(o:Outcome)
WHERE $project = '' OR p.id = $project OR p.acronym = $project
WITH p.id AS project, o, c.basis AS contribution_basis, size(c.evidence) AS contribution_evidence
UNWIND ['up', 'mapped'] AS way
OPTIONAL MATCH (o)-[:PART_OF]->(u1:Outcome) WHERE way = 'up'
OPTIONAL MATCH (u1)-[:PART_OF]->(u2:Outcome)
OPTIONAL MATCH (o)-[:MAPS_TO]-(m:Outcome) WHERE way = 'mapped'
OPTIONAL MATCH (m)-[:PART_OF]->(m1:Outcome)
OPTIONAL MATCH (m1)-[:PART_OF]->(m2:Outcome)
UNWIND [0, 1, 2] AS step
WITH DISTINCT project, o.id AS outcome, contribution_basis, contribution_evidence,
     CASE WHEN way = 'up' AND step > 0 THEN u1.id END AS parent,
     CASE WHEN way = 'up' AND step = 2 THEN u2.id END AS grandparent,
     CASE WHEN step = 0 THEN coalesce(m.id, o.id) WHEN step = 1 THEN coalesce(m1.id, u1.id)
          ELSE coalesce(m2.id, u2.id) END AS vid
MATCH (via:Outcome {id: vid})-[al:ALIGNS_WITH]->(t)
OPTIONAL MATCH (t)-[:PART_OF]->(undaf:UNDAF)
OPTIONAL MATCH (t)-[:PART_OF]->(sdg:SDG)
OPTIONAL MATCH (t)-[:PART_OF]->(plan1:NationalPlan)
OPTIONAL MATCH (t)-[:PART_OF]->(:PlanPriority)-[:PART_OF]->(plan2:NationalPlan)
OPTIONAL MATCH (plan0:NationalPlan {id: t.id})
RETURN project, outcome, parent, grandparent, vid AS aligned_via, t.id AS target,
       CASE WHEN undaf IS NOT NULL THEN 'UNDAF outcome'
            WHEN sdg IS NOT NULL THEN 'SDG target'
            WHEN plan1 IS NOT NULL OR plan2 IS NOT NULL THEN 'plan priority'
            WHEN plan0 IS NOT NULL THEN 'plan'
            ELSE 'SDG' END AS target_kind,
       coalesce(undaf.id, sdg.id, plan1.id, plan2.id, t.id) AS framework,
       contribution_basis, contribution_evidence, al.basis AS alignment_basis, size(al.evidence) AS alignment_evidence
ORDER BY project, outcome, target, aligned_via, parent, grandparent
LIMIT $row_limit
