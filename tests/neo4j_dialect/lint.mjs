// Checks Cypher files with Neo4j's own Cypher 5 front end, so that queries written and
// tested on LadybugDB are known to be Neo4j Cypher too, without a Neo4j server.
//
// @neo4j-cypher/language-support bundles Neo4j's parser and semantic analysis (compiled
// from the server's Java to JavaScript): syntax, undefined variables, aggregation and
// type errors, deprecations. Unknown functions and procedures are errors only against a
// list of those that exist; we give it Neo4j's built-in functions and its db./dbms./tx.
// procedures, from the server listing the package ships (testData.mockSchema).
//
// Usage: node lint.mjs FILE...
// Prints JSON: {"FILE": [{"severity", "message", "line", "column"}, ...], ...}, line and
// column counted from 1. Parameters are not declared to the linter (the query's header
// declares them), so its "Parameter $x is not defined." errors are left out.

import { readFileSync } from 'node:fs';
import { isNotParamError, lintCypherQuery, testData } from '@neo4j-cypher/language-support';

const VERSION = 'CYPHER 5';
const listed = testData.mockSchema;
const functions = Object.values(listed.functions[VERSION]).filter((f) => f.isBuiltIn);
const procedures = Object.values(listed.procedures[VERSION]).filter((p) => /^(db|dbms|tx)\./.test(p.name));
const dbSchema = {
  defaultLanguage: VERSION,
  functions: { [VERSION]: Object.fromEntries(functions.map((f) => [f.name, f])) },
  procedures: { [VERSION]: Object.fromEntries(procedures.map((p) => [p.name, p])) },
};
const SEVERITY = { 1: 'error', 2: 'warning', 3: 'information', 4: 'hint' };

const report = {};
for (const file of process.argv.slice(2)) {
  const { diagnostics } = lintCypherQuery(readFileSync(file, 'utf8'), dbSchema, { consoleCommandsEnabled: false });
  report[file] = diagnostics.filter(isNotParamError).map((d) => ({
    severity: SEVERITY[d.severity] ?? 'error',
    message: d.message,
    line: d.range.start.line + 1,
    column: d.range.start.character + 1,
  }));
}
console.log(JSON.stringify(report, null, 1));
