// title: Lessons and good practices by country and theme
// group: evidence
// description: >-
//   The lessons learned and emerging good practices evaluations state, with
//   the countries the evaluation covers and the themes (from
//   queries/themes.yaml) the text touches.
// parameters:
//   country: {type: string, default: "", description: "ISO 3166 alpha-3 code (VNM); empty for all"}
//   theme: {type: string, default: "", description: "a theme from queries/themes.yaml (gender); empty for all"}
//   kind: {type: string, default: "", choices: [lesson, good practice], description: "lesson or good practice; empty for both"}
// data: [themes]
// columns: [evaluation, kind, number, countries, themes, text]
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
