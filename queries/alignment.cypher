// title: Alignment chains
// group: alignment
// description: >-
//   The chain from each project or programme to the outcome it serves, the
//   outcomes above that one, and every UNDAF outcome, plan priority, plan,
//   SDG or SDG target that any of them aligns with (or that an outcome it
//   maps to in another planning document aligns with, shown as aligned_via), with the basis (stated or
//   inferred) and the evidence count of both links. A contribution whose
//   outcomes align with nothing is listed once, with an empty target.
// parameters:
//   project: {type: string, default: "", description: "a project or programme id or acronym (WEDGE); empty for all"}
// columns: [project, outcome, parents, aligned_via, target, target_kind, framework, contribution_basis, contribution_evidence, alignment_basis, alignment_evidence]
MATCH (p:Project|Programme)-[c:CONTRIBUTES_TO]->(o:Outcome)
WHERE $project = '' OR p.id = $project OR p.acronym = $project
OPTIONAL MATCH (o)-[:PART_OF*1..4]->(up:Outcome)
WITH p, c, o, up ORDER BY up.id SKIP 0
WITH p, c, o, collect(up.id) AS parents
OPTIONAL MATCH (o)-[:MAPS_TO*0..1]-(:Outcome)-[:PART_OF*0..4]->(via:Outcome)-[al:ALIGNS_WITH]->(t)
OPTIONAL MATCH (t)-[:PART_OF*0..3]->(f:UNDAF|NationalPlan|SDG)
RETURN DISTINCT p.id AS project, o.id AS outcome, parents, via.id AS aligned_via, t.id AS target,
       CASE WHEN t IS NULL THEN NULL
            WHEN EXISTS { MATCH (:UNDAFOutcome {id: t.id}) } THEN 'UNDAF outcome'
            WHEN EXISTS { MATCH (:PlanPriority {id: t.id}) } THEN 'plan priority'
            WHEN EXISTS { MATCH (:NationalPlan {id: t.id}) } THEN 'plan'
            WHEN EXISTS { MATCH (:SDGTarget {id: t.id}) } THEN 'SDG target'
            ELSE 'SDG' END AS target_kind,
       f.id AS framework, c.basis AS contribution_basis, size(c.evidence) AS contribution_evidence,
       al.basis AS alignment_basis, size(al.evidence) AS alignment_evidence
ORDER BY project, outcome, target, aligned_via
