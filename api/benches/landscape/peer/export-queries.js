// Writes queries.json: per query name, the exact text and variables sent to our server
// ("ours") and to the PostGraphile peer ("peer"), taken from queries.js, for the Rust benchmark.
//
//   node export-queries.js          (writes queries.json beside this file)
//   node export-queries.js --check  (exits 1 when queries.json is not what queries.js gives)
"use strict";

const fs = require("fs");
const path = require("path");
const queries = require("./queries");

const out = {};
for (const [name, q] of Object.entries(queries)) {
  out[name] = {
    ours: { query: q.ours.query, variables: q.ours.variables },
    peer: { query: q.peer.query, variables: q.peer.variables },
  };
}
const text = `${JSON.stringify(out, null, 2)}\n`;
const file = path.join(__dirname, "queries.json");

if (process.argv.includes("--check")) {
  const current = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "";
  if (current !== text) {
    console.error("queries.json is out of date: run `node export-queries.js`");
    process.exit(1);
  }
  console.log("queries.json is up to date");
} else {
  fs.writeFileSync(file, text);
  console.log(`wrote ${file} (${Object.keys(out).length} queries)`);
}
