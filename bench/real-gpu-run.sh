#!/usr/bin/env bash
# Runs bench/real-gpu-bench.ts on a machine with a GPU but no Node and no node_modules, from the folder .gpu/ that
# scripts/build-gpu-bundle.sh packs (Node, the bundled bench, dawn.node, this script) and, where the machine lacks the
# Vulkan loader, .gl/ (Debian's libvulkan1 and GL debs, unpacked over / first). Run from the repo root (the bench
# reads public/data). Each step has its own timeout, so one that hangs leaves time for the rest. Everything printed
# also goes to $OUT/result.txt (OUT defaults to /tmp/real-gpu-out).
set -u -o pipefail
OUT=${OUT:-/tmp/real-gpu-out}
mkdir -p "$OUT"
RESULT="$OUT/result.txt"
: >"$RESULT"
log() { tee -a "$RESULT"; }
step() { # step SECONDS LABEL ENV... : one run of the bench with its own timeout
  local seconds=$1 label=$2
  shift 2
  echo "== $label" | log
  env "$@" DATA_DIR="$PWD/public/data" timeout "$seconds" /tmp/rg/node /tmp/rg/bench.mjs 2>&1 | log
  local rc=$?
  echo "== $label: exit $rc" | log
  return $rc
}

{
  date -u
  nvidia-smi -L 2>&1 || echo 'no nvidia-smi'
  nvidia-smi --query-gpu=name,driver_version,clocks.sm,clocks.max.sm --format=csv,noheader 2>&1 || true
  grep -m1 'model name' /proc/cpuinfo || true
  echo "cores: $(nproc)"
} 2>&1 | log

# The Vulkan loader (and GL libraries) where the image lacks them: /work/.library/device/README.md.
if [ "${UNPACK_GL:-1}" = 1 ] && ! ldconfig -p | grep libvulkan.so.1 >/dev/null && ls .gl/*.deb >/dev/null 2>&1; then
  for f in .gl/*.deb; do dpkg -x "$f" /; done
  ldconfig
fi
ldconfig -p | grep libvulkan | head -2 | log
command -v vulkaninfo >/dev/null && timeout 20 vulkaninfo --summary 2>&1 | head -30 | log

# xz, else Python's lzma (an image may lack xz-utils).
unxz_to() { xz -dc "$1" >"$2" 2>/dev/null || python3 -c 'import lzma, shutil, sys; shutil.copyfileobj(lzma.open(sys.argv[1]), open(sys.argv[2], "wb"))' "$1" "$2"; }
mkdir -p /tmp/rg/node_modules/webgpu/dist/linux-x64
unxz_to .gpu/node.xz /tmp/rg/node && chmod +x /tmp/rg/node
unxz_to .gpu/bench.mjs.xz /tmp/rg/bench.mjs
unxz_to .gpu/dawn.node.xz /tmp/rg/node_modules/webgpu/dist/linux-x64/dawn.node
tar -xf .gpu/webgpu.tar -C /tmp/rg/node_modules/webgpu
echo "node $(/tmp/rg/node --version)" | log

# A hardware adapter, or the NVIDIA ICD named explicitly (the README's fallback), or say why not. ALLOW_SOFTWARE=1
# accepts a fallback adapter (a local trial on SwiftShader); TASKS_TO_RUN and PLAIN=0 shorten the run.
adapter() { step 40 "$1" MODE=adapter "${@:2}"; local rc=$?; [ $rc -eq 0 ] || { [ $rc -eq 4 ] && [ "${ALLOW_SOFTWARE:-0}" = 1 ]; }; }
if ! adapter 'adapter'; then
  icd=/usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json
  [ -f "$icd" ] || icd=$(find /usr /etc /opt -name 'nvidia_icd*.json' 2>/dev/null | head -1)
  echo "ICD files: $(ls /usr/share/vulkan/icd.d /etc/vulkan/icd.d 2>/dev/null | tr '\n' ' '); using ${icd:-none}" | log
  export VK_DRIVER_FILES=$icd VK_ICD_FILENAMES=$icd
  export LD_LIBRARY_PATH=/usr/local/nvidia/lib64:/usr/local/nvidia/lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
  if ! adapter 'adapter, NVIDIA ICD named'; then
    step 40 'adapter, loader debug' MODE=adapter VK_LOADER_DEBUG=error,warn,driver 2>&1 | tail -40
    echo 'no hardware adapter: stopping' | log
    exit 1
  fi
fi

# Issue 18's three tasks on WebGPU (fused kernels where there is one), one process each.
TASKS_TO_RUN=${TASKS_TO_RUN:-circle paper-backprop paper-locoprop-m}
for task in $TASKS_TO_RUN; do step 75 "measure $task" MODE=measure TASKS=$task TICKS=8 TICK_MS=200; done
# What `auto` picks, with the worker's own calibration (CPU and WebGPU timed on a scratch copy).
step 90 'calibrate' MODE=calibrate TASKS="${TASKS_TO_RUN// /,}"
# For reference, if time allows: TF.js's plain ops on this GPU (one dispatch per op).
[ "${PLAIN:-1}" = 0 ] || for task in $TASKS_TO_RUN; do step 45 "measure $task, plain kernels" MODE=measure TASKS=$task KERNELS=plain TICKS=4 TICK_MS=200; done
date -u | log
