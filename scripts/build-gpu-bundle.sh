#!/usr/bin/env bash
# Packs what bench/real-gpu-run.sh needs on a GPU machine that has no Node and no node_modules into .gpu/ (keep it
# out of git: `echo /.gpu/ >> .git/info/exclude`): the bench bundled into one file (esbuild, from Vite's
# dependencies), this machine's Node binary, the `webgpu` package's index.js, package.json and linux-x64
# dawn.node, and the run script. The big files are xz-compressed; the bundle too, so that ESLint (which lints
# every .mjs of the tree) never reads it. The `webgpu` package is not a dependency of the project:
#   (cd /tmp && npm pack webgpu@0.6.2 && tar xzf webgpu-0.6.2.tgz)   # then WEBGPU_DIR=/tmp/package
# or `npm install --no-save webgpu@0.6.2` (then WEBGPU_DIR defaults to node_modules/webgpu).
# Usage, from the repo root: WEBGPU_DIR=/tmp/package scripts/build-gpu-bundle.sh; then on the GPU machine, from the
# repo root with .gpu (and .gl, the Vulkan loader's debs: /work/.library/device/README.md) beside it:
#   bash .gpu/run.sh
set -euo pipefail
WEBGPU_DIR=${WEBGPU_DIR:-node_modules/webgpu}
if [ ! -f "$WEBGPU_DIR/dist/linux-x64/dawn.node" ]; then
  echo "no $WEBGPU_DIR/dist/linux-x64/dawn.node: get the package with 'npm install --no-save webgpu@0.6.2'," >&2
  echo "or 'npm pack webgpu@0.6.2 && tar xzf webgpu-0.6.2.tgz' and WEBGPU_DIR=<that>/package" >&2
  exit 2
fi
mkdir -p .gpu
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# --main-fields: TF.js's ESM entries, the ones its package.json's sideEffects list (with Node's "main" entries esbuild
# drops the backends' registering imports); the banner gives the bundle the `require` TF.js's Node platform calls.
npx esbuild bench/real-gpu-bench.ts --bundle --platform=node --format=esm --target=node20 --main-fields=module,main \
  --loader:.css=empty --external:webgpu --log-level=warning --outfile="$tmp/bench.mjs" \
  "--banner:js=import { createRequire as __benchCreateRequire } from 'node:module'; const require = __benchCreateRequire(import.meta.url);"
xz -T2 -6 -c "$tmp/bench.mjs" >.gpu/bench.mjs.xz
# A tar, not loose files: ESLint would lint the package's index.js.
tar -cf .gpu/webgpu.tar -C "$WEBGPU_DIR" index.js package.json
[ .gpu/dawn.node.xz -nt "$WEBGPU_DIR/dist/linux-x64/dawn.node" ] || xz -T2 -6 -c "$WEBGPU_DIR/dist/linux-x64/dawn.node" >.gpu/dawn.node.xz
[ .gpu/node.xz -nt "$(command -v node)" ] || xz -T2 -9 -c "$(command -v node)" >.gpu/node.xz
cp bench/real-gpu-run.sh .gpu/run.sh
du -sh .gpu
