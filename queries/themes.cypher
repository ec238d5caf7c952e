// title: Themes that recur across evaluations
// group: recommendations
// description: >-
//   Themes (gender, monitoring and evaluation, resource mobilisation and
//   others from queries/themes.yaml) that recommendations return to across
//   evaluations: in how many evaluations, which, and how many
//   recommendations. A recommendation is on a theme when its text contains
//   one of the theme's words.
// parameters:
//   min_evaluations: {type: integer, default: 2, description: "list a theme only when it recurs in at least this many evaluations"}
//   theme: {type: string, default: "", description: "one theme by name (gender); empty for all"}
// data: [themes]
// columns: [theme, evaluations, recommendations, evaluation_ids]
MATCH (e:Evaluation)-[:MAKES]->(r:Recommendation)
WITH e.id AS evaluation, toLower(coalesce(r.heading, '') + ' ' + r.text) AS said
UNWIND $themes AS t
WITH evaluation, said, t WHERE ($theme = '' OR t.theme = $theme) AND any(w IN t.words WHERE said CONTAINS w)
WITH t.theme AS theme, evaluation, count(*) AS hits
WITH theme, count(evaluation) AS evaluations, sum(hits) AS recommendations, collect(evaluation) AS evaluation_ids
WHERE evaluations >= $min_evaluations
RETURN theme, evaluations, recommendations, evaluation_ids
ORDER BY evaluations DESC, recommendations DESC, theme
