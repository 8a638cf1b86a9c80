// Sends each benchmark query to our server and to the PostGraphile peer, normalises both
// answers to one JSON shape and prints, per query, "same rows" or the first difference.
//
//   OURS_URL=http://127.0.0.1:8123/graphql PEER_URL=http://127.0.0.1:5055/graphql node compare.js
//
// With --all (or COMPARE_ALL=1) it also checks queries.js's extra variants. Exits 1 when any
// query differs or fails.
"use strict";

const http = require("http");
const https = require("https");
const queries = require("./queries");

const OURS_URL = process.env.OURS_URL;
const PEER_URL = process.env.PEER_URL;
if (!OURS_URL || !PEER_URL) {
  console.error("set OURS_URL and PEER_URL, e.g. http://127.0.0.1:8123/graphql and http://127.0.0.1:5055/graphql");
  process.exit(2);
}

function post(url, body) {
  return new Promise((resolve, reject) => {
    const u = new URL(url);
    const payload = Buffer.from(JSON.stringify(body));
    const req = (u.protocol === "https:" ? https : http).request(
      u,
      {
        method: "POST",
        headers: { "content-type": "application/json", "content-length": payload.length },
        timeout: 30000,
      },
      (res) => {
        const chunks = [];
        res.on("data", (c) => chunks.push(c));
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          try {
            resolve({ status: res.statusCode, json: JSON.parse(text) });
          } catch (e) {
            reject(new Error(`${url} answered ${res.statusCode} with non-JSON: ${text.slice(0, 300)}`));
          }
        });
      },
    );
    req.on("timeout", () => req.destroy(new Error(`${url} timed out`)));
    req.on("error", reject);
    req.end(payload);
  });
}

async function data(url, { query, variables }) {
  const { status, json } = await post(url, { query, variables });
  if (json.errors && json.errors.length) {
    throw new Error(`${url} answered ${status} with errors: ${JSON.stringify(json.errors).slice(0, 500)}`);
  }
  if (!json.data) throw new Error(`${url} answered ${status} without data`);
  return json.data;
}

// The path to and the two values at the first place where a and b differ, or null.
function firstDifference(a, b, path = "$") {
  if (a === b) return null;
  const kind = (v) => (v === null ? "null" : Array.isArray(v) ? "array" : typeof v);
  if (kind(a) !== kind(b) || (kind(a) !== "array" && kind(a) !== "object")) {
    return { path, ours: a, peer: b };
  }
  if (Array.isArray(a)) {
    const n = Math.min(a.length, b.length);
    for (let i = 0; i < n; i++) {
      const d = firstDifference(a[i], b[i], `${path}[${i}]`);
      if (d) return d;
    }
    if (a.length !== b.length) {
      return {
        path: `${path}.length`,
        ours: a.length,
        peer: b.length,
        next: a.length > b.length ? { ours: a[n] } : { peer: b[n] },
      };
    }
    return null;
  }
  for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
    const d = firstDifference(a[k], b[k], `${path}.${k}`);
    if (d) return d;
  }
  return null;
}

function describe(rows) {
  if (Array.isArray(rows)) return `${rows.length} rows`;
  if (rows === null) return "null";
  const lists = Object.entries(rows)
    .filter(([, v]) => Array.isArray(v))
    .map(([k, v]) => `${v.length} ${k}`);
  return lists.length ? lists.join(", ") : "1 row";
}

async function main() {
  const all = process.argv.includes("--all") || process.env.COMPARE_ALL === "1";
  const entries = Object.entries(queries);
  if (all) entries.push(...Object.entries(queries.extraChecks));
  let failed = 0;
  for (const [name, q] of entries) {
    try {
      const [ours, peer] = await Promise.all([data(OURS_URL, q.ours), data(PEER_URL, q.peer)]);
      const a = q.normalise.ours(ours);
      const b = q.normalise.peer(peer);
      const d = firstDifference(a, b);
      if (d) {
        failed++;
        console.log(`${name}: DIFFERENT at ${d.path}: ours ${JSON.stringify(d.ours)}, peer ${JSON.stringify(d.peer)}${d.next ? ` (first extra: ${JSON.stringify(d.next)})` : ""}`);
      } else {
        console.log(`${name}: same rows (${describe(a)})`);
      }
    } catch (e) {
      failed++;
      console.log(`${name}: FAILED: ${e.message}`);
    }
  }
  process.exit(failed ? 1 : 0);
}

main();
