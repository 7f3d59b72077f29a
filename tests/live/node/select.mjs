// Run a SPARQL SELECT with Comunica against an endpoint; print the bindings as JSON lines.
// usage: node select.mjs ENDPOINT QUERY
import { QueryEngine } from "@comunica/query-sparql";

const [endpoint, query] = process.argv.slice(2);
const engine = new QueryEngine();
const stream = await engine.queryBindings(query, { sources: [{ type: "sparql", value: endpoint }] });
const rows = [];
for await (const bindings of stream) {
  const row = {};
  for (const [variable, term] of bindings) {
    row[variable.value] = { type: term.termType, value: term.value, language: term.language || null };
  }
  rows.push(row);
}
process.stdout.write(JSON.stringify(rows));
