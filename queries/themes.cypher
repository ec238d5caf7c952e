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
UNWIND $themes AS t
WITH t WHERE $theme = '' OR t.theme = $theme
MATCH (e:Evaluation)-[:MAKES]->(r:Recommendation)
WHERE any(w IN t.words WHERE toLower(coalesce(r.heading, '') + ' ' + r.text) CONTAINS w)
WITH t, e, count(r) AS hits
WITH t.theme AS theme, count(e) AS evaluations, sum(hits) AS recommendations, collect(e.id) AS evaluation_ids
WHERE evaluations >= $min_evaluations
RETURN theme, evaluations, recommendations, evaluation_ids
ORDER BY evaluations DESC, recommendations DESC, theme
