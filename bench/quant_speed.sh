#!/usr/bin/env bash
# int8 against float on ONNX Runtime: torchvision resnet50 (random weights, batch 1) quantized
# by `onnxbench quantize` (QDQ, int8 per-channel weights, uint8 activations), then both benched
# with the same settings, alternating round by round in one run so the machine's drift hits both.
# Target (issue 4): int8 throughput at least 1.8x the float one.
# The calibration uses seeded random data: it sets the ranges, not the speed; accuracy is measured
# on a trained classifier by the digits test (tests/cli/quantize_cli_test.cpp).
# usage: bench/quant_speed.sh [MODEL...]   (env: ROUNDS=6 ROUND_SECONDS=5 THREADS=1 CALIB=random:8)
set -euo pipefail
cd "$(dirname "$0")/.."
out=build/quant-speed
mkdir -p "$out"
ob=build/onnxbench
rounds=${ROUNDS:-6}
round_seconds=${ROUND_SECONDS:-5}
threads=${THREADS:-1}
models=("$@")
((${#models[@]})) || models=(resnet50)

for m in "${models[@]}"; do
  model=$out/$m.onnx
  [[ -f $model ]] || $ob zoo export "$m" --out "$out" >/dev/null
  echo "== $m: quantize"
  $ob quantize "$model" --calib "${CALIB:-random:8}" -o "$out/$m.int8.onnx" 2>/dev/null | sed 's/^/  /'
  echo "== $m: float vs int8, $rounds rounds of ${round_seconds}s, $threads intra-op thread(s)"
  files=()
  for ((r = 1; r <= rounds; r++)); do
    order=(float int8)
    ((r % 2)) || order=(int8 float)
    for kind in "${order[@]}"; do
      file=$model
      [[ $kind == int8 ]] && file=$out/$m.int8.onnx
      $ob bench "$file" --engine onnxruntime --threads "$threads" --warmup 5 \
        --duration "$round_seconds" --json "$out/$m.$kind.$r.json" >/dev/null
    done
    files+=("$out/$m.float.$r.json" "$out/$m.int8.$r.json")
  done
  build/bench/compare_records "$m: float (A) vs int8 (B)" "${files[@]}"
done
