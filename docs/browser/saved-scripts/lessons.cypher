// Lessons and good practices by country and theme
// kg canned query lessons (evidence); set its parameters first:
// :param country => '';
// :param theme => '';
// :param kind => '';
// :param themes => [{theme: 'gender', words: ['gender', 'women', 'woman', 'girls', 'female']}, {theme: 'monitoring and evaluation', words: ['monitoring', 'm&e', 'indicator', 'baseline', 'results framework', 'results-based']}, {theme: 'resource mobilisation', words: ['resource mobili', 'fundrais', 'donor', 'funding', 'financing']}, {theme: 'social dialogue', words: ['social dialogue', 'tripartit', 'social partners', 'collective bargaining']}, {theme: 'capacity building', words: ['capacity', 'capacities', 'training']}, {theme: 'sustainability', words: ['sustainab', 'exit strategy', 'ownership', 'phase-out', 'handover']}, {theme: 'knowledge management', words: ['knowledge', 'dissemination', 'lessons learned', 'documentation', 'communication']}, {theme: 'coordination and partnerships', words: ['coordination', 'partnership', 'one un', 'un agencies', 'inter-agency']}, {theme: 'labour standards', words: ['convention', 'labour standards', 'ratif', 'labour law']}, {theme: 'social protection', words: ['social protection', 'social security', 'social insurance', 'health insurance']}, {theme: 'skills and employment', words: ['skills', 'vocational', 'tvet', 'employability', 'apprentice']}, {theme: 'child labour', words: ['child labour', 'child labor']}, {theme: 'disability and inclusion', words: ['disabilit', 'inclusion', 'inclusive', 'indigenous']}];
// :param row_limit => 100;
MATCH (e:Evaluation)-[:IDENTIFIES]->(l:Lesson|GoodPractice)
OPTIONAL MATCH (lesson:Lesson {id: l.id})
WITH e, l, CASE WHEN lesson IS NULL THEN 'good practice' ELSE 'lesson' END AS kind
WHERE $kind = '' OR kind = $kind
OPTIONAL MATCH (e)-[:COVERS]->(c:Country)
WITH e.id AS evaluation, l, kind, c
WITH evaluation, l, kind, collect(c.id) AS countries
WHERE $country = '' OR $country IN countries
UNWIND $themes AS t
WITH evaluation, l, kind, countries,
     collect(CASE WHEN any(w IN t.words WHERE toLower(l.text) CONTAINS w) THEN t.theme END) AS themes
WHERE $theme = '' OR $theme IN themes
RETURN evaluation, kind, l.number AS number, countries, themes, l.text AS text
ORDER BY evaluation, kind, size(coalesce(number, '')), number, text
LIMIT $row_limit
