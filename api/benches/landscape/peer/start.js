// The PostGraphile peer of the landscape benchmark: PostGraphile 4 as a library, in one
// process, over the same PostgreSQL database as our server.
//
//   PEER_DATABASE_URL=postgres://postgres@127.0.0.1:5432/aigc_peer PEER_PORT=5055 node start.js
//
// Prints "peer listening on 127.0.0.1:PORT" once its schema is built and it serves /graphql
// (POST only; no GraphiQL). With PEER_SCHEMA_OUT=/tmp/peer-schema.graphql it also writes the
// GraphQL SDL it built to that file, for reading the peer's schema. PEER_VERBOSE=1 also prints
// how long the start took.
"use strict";

const http = require("http");
const { postgraphile } = require("postgraphile");
const ConnectionFilterPlugin = require("postgraphile-plugin-connection-filter");
const PgSimplifyInflectorPlugin = require("@graphile-contrib/pg-simplify-inflector");

const connectionString = process.env.PEER_DATABASE_URL;
if (!connectionString) {
  console.error("set PEER_DATABASE_URL, e.g. postgres://postgres@127.0.0.1:5432/aigc_peer");
  process.exit(2);
}
const host = "127.0.0.1";
const port = Number(process.env.PEER_PORT || 5055);

const options = {
  appendPlugins: [ConnectionFilterPlugin, PgSimplifyInflectorPlugin],
  graphileBuildOptions: {
    // Filters through relations (`eventCompanies: { some: … }`, `company: { … }`): needed to
    // list a company's events by date, to skip links to soft-deleted rows, and to split a
    // week's events into those of watched companies and the rest, as our queries do.
    connectionFilterRelations: true,
  },
  dynamicJson: true,
  setofFunctionsContainNulls: false,
  ignoreRBAC: false,
  disableQueryLog: true,
  graphiql: false,
  enableQueryBatching: false,
  retryOnInitFail: false,
  legacyRelations: "omit",
};
if (process.env.PEER_SCHEMA_OUT) {
  options.exportGqlSchemaPath = process.env.PEER_SCHEMA_OUT;
}

const started = Date.now();
const middleware = postgraphile(connectionString, "public", options);
const server = http.createServer(middleware);
server.on("error", (err) => {
  console.error(`peer failed to listen on ${host}:${port}: ${err.message}`);
  process.exit(1);
});
// Build the schema (introspection) before listening, so that the line below means ready: the
// first request a benchmark sends is then served, not held while the schema is built.
middleware
  .getGraphQLSchema()
  .then(() => {
    server.listen(port, host, () => {
      console.log(`peer listening on ${host}:${port}`);
      if (process.env.PEER_VERBOSE) {
        console.log(`(schema built and listening ${Date.now() - started} ms after start)`);
      }
    });
  })
  .catch((err) => {
    console.error(`peer could not build its schema: ${err.message}`);
    process.exit(1);
  });

// Stop at once on SIGINT or SIGTERM, keep-alive connections and all.
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
    setTimeout(() => process.exit(0), 2000).unref();
  });
}
