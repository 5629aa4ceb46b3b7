#!/usr/bin/env bash
# Rebuild static/govuk/ (CSS, JS, images) from the npm versions pinned in
# package.json / package-lock.json. Works in a temporary directory, so no
# node_modules ever lands in the repo. Needs Node >= 18 and npm.
#
#   static/govuk/build/refresh.sh
#
# To upgrade: bump the versions in package.json, run
#   (cd static/govuk/build && npm install --package-lock-only --ignore-scripts --legacy-peer-deps)
# then run this script and update ../README.md.
set -euo pipefail

build=$(cd "$(dirname "$0")" && pwd)
out=$(dirname "$build")            # static/govuk
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

cp "$build"/package.json "$build"/package-lock.json "$build"/*.scss "$tmp"/
cd "$tmp"
# --legacy-peer-deps: MOJ Frontend lists moment as a peer (only for its JS
# date filters), which we do not need. --ignore-scripts: nothing needs building.
npm ci --ignore-scripts --legacy-peer-deps --no-audit --no-fund --loglevel=error

gf=node_modules/govuk-frontend/dist/govuk
moj=node_modules/@ministryofjustice/frontend/moj

# CSS: compressed, no source map. (One upstream deprecation warning about
# govuk-text-colour from MOJ Frontend's alert is expected.)
npx --no-install sass --pkg-importer=node --load-path=. --style=compressed \
  --no-source-map portal.scss govuk-frontend.min.css

# JS: GOV.UK Frontend's ES module, minus its sourceMappingURL comment (we do
# not ship the .map; whitenoise's manifest storage fails on a missing map).
sed 's|//# sourceMappingURL=[^ ]*$||' "$gf/govuk-frontend.min.js" > govuk-frontend.min.js

# Images: exactly those the CSS references, from MOJ or GOV.UK assets, or our
# own build/ folder (blank.svg).
mkdir -p assets/images
for f in $(grep -o 'url([^)]*)' govuk-frontend.min.css \
           | sed -E 's/^url\("?//; s/"?\)$//' | sort -u); do
  case "$f" in
    /static/govuk/assets/images/*) name=${f#/static/govuk/assets/images/} ;;
    *) echo "unexpected url() in CSS: $f" >&2; exit 1 ;;
  esac
  for src in "$build/$name" "$moj/assets/images/$name" "$gf/assets/images/$name"; do
    if [ -f "$src" ]; then cp "$src" assets/images/; continue 2; fi
  done
  echo "url() target not found in any package: $name" >&2; exit 1
done

# Safety checks before touching static/govuk.
if grep -q -e 'GDS Transport' -e '@font-face' -e 'sourceMappingURL' govuk-frontend.min.css; then
  echo "CSS contains GDS Transport, @font-face or a sourceMappingURL" >&2; exit 1
fi
if grep -q 'sourceMappingURL' govuk-frontend.min.js; then
  echo "JS still has a sourceMappingURL comment" >&2; exit 1
fi

rm -rf "$out/assets"
mkdir -p "$out/assets"
cp -R assets/images "$out/assets/"
cp govuk-frontend.min.css govuk-frontend.min.js "$out/"

node -e '
  for (const p of ["govuk-frontend", "@ministryofjustice/frontend", "sass"])
    console.log(p, require("./node_modules/" + p + "/package.json").version)'
echo "Rebuilt $out"
