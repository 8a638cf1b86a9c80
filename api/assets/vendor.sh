#!/usr/bin/env bash
# Copies the built front-end files from node_modules into graphiql/ and dashboard/, where the
# binary embeds them (include_bytes!), so the playground and the landscape page work offline
# and on intranets. Run after `npm ci` in this folder.
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

# Chart.js for the landscape page; its source-map comment is dropped, since the map is not
# shipped and a browser's developer tools would otherwise ask this server for it.
sed '/^\/\/# sourceMappingURL=/d' node_modules/chart.js/dist/chart.umd.min.js > dashboard/chart.umd.min.js
cp node_modules/chart.js/LICENSE.md dashboard/LICENSE-chart.js.md
echo "vendored into dashboard: chart.umd.min.js LICENSE-chart.js.md"
