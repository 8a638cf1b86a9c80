#!/usr/bin/env bash
# Copies the built GraphiQL and React files from node_modules into graphiql/, where the binary
# embeds them (include_bytes!), so the playground works offline and on intranets.
# Run after `npm ci` in this folder.
set -euo pipefail
cd "$(dirname "$0")"
out=graphiql
mkdir -p "$out"
cp node_modules/react/umd/react.production.min.js "$out/"
cp node_modules/react-dom/umd/react-dom.production.min.js "$out/"
cp node_modules/graphiql/graphiql.min.js "$out/"
cp node_modules/graphiql/graphiql.min.css "$out/"
for pkg in react react-dom graphiql; do
  cp "node_modules/$pkg/LICENSE" "$out/LICENSE-$pkg"
done
echo "vendored into $out: $(ls "$out" | tr '\n' ' ')"
