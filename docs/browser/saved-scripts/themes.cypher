// Themes that recur across evaluations
// kg canned query themes (recommendations); set its parameters first:
// :param min_evaluations => 2;
// :param theme => '';
// :param themes => [{theme: 'gender', words: ['gender', 'women', 'woman', 'girls', 'female']}, {theme: 'monitoring and evaluation', words: ['monitoring', 'm&e', 'indicator', 'baseline', 'results framework', 'results-based']}, {theme: 'resource mobilisation', words: ['resource mobili', 'fundrais', 'donor', 'funding', 'financing']}, {theme: 'social dialogue', words: ['social dialogue', 'tripartit', 'social partners', 'collective bargaining']}, {theme: 'capacity building', words: ['capacity', 'capacities', 'training']}, {theme: 'sustainability', words: ['sustainab', 'exit strategy', 'ownership', 'phase-out', 'handover']}, {theme: 'knowledge management', words: ['knowledge', 'dissemination', 'lessons learned', 'documentation', 'communication']}, {theme: 'coordination and partnerships', words: ['coordination', 'partnership', 'one un', 'un agencies', 'inter-agency']}, {theme: 'labour standards', words: ['convention', 'labour standards', 'ratif', 'labour law']}, {theme: 'social protection', words: ['social protection', 'social security', 'social insurance', 'health insurance']}, {theme: 'skills and employment', words: ['skills', 'vocational', 'tvet', 'employability', 'apprentice']}, {theme: 'child labour', words: ['child labour', 'child labor']}, {theme: 'disability and inclusion', words: ['disabilit', 'inclusion', 'inclusive', 'indigenous']}];
// :param row_limit => 100;
MATCH (e:Evaluation)-[:MAKES]->(r:Recommendation)
WITH e.id AS evaluation, toLower(coalesce(r.heading, '') + ' ' + r.text) AS said
UNWIND $themes AS t
WITH evaluation, said, t WHERE ($theme = '' OR t.theme = $theme) AND any(w IN t.words WHERE said CONTAINS w)
WITH t.theme AS theme, evaluation, count(*) AS hits
WITH theme, count(evaluation) AS evaluations, sum(hits) AS recommendations, collect(evaluation) AS evaluation_ids
WHERE evaluations >= $min_evaluations
RETURN theme, evaluations, recommendations, evaluation_ids
ORDER BY evaluations DESC, recommendations DESC, theme
LIMIT $row_limit
