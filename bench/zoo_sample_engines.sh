#!/usr/bin/env bash
# Done-check of `zoo sample` (issue 3): draws N architectures from a MobileNetV2 search space and
# runs each on both engines with a short `onnxbench bench`, then prints how many ran on each and
# every model's MACs and p50 latency. By hand, not in CTest (a few minutes on 2 cores).
# usage: bench/zoo_sample_engines.sh   (env: N=50 SEED=1 ITERATIONS=10 THREADS=1
#                                       SPACE=bench/spaces/mobilenet_v2_cifar10.json)
set -euo pipefail
cd "$(dirname "$0")/.."
n=${N:-50}
seed=${SEED:-1}
iterations=${ITERATIONS:-10}
threads=${THREADS:-1}
space=${SPACE:-bench/spaces/mobilenet_v2_cifar10.json}
out=build/zoo-sample-engines
ob=build/onnxbench
engines=(onnxruntime opencv)
rm -rf "$out"
mkdir -p "$out"

$ob zoo sample --space "$space" --n "$n" --seed "$seed" --out "$out/models" | tee "$out/sample.txt"

declare -A ran=([onnxruntime]=0 [opencv]=0)
printf '\n%-14s %10s %10s %16s %16s\n' model MACs params "onnxruntime p50" "opencv p50"
for model in "$out"/models/arch_*.onnx; do
  name=$(basename "$model" .onnx)
  macs=$($ob inspect "$model" --json - | jq -r '.macs.total_text')
  params=$($ob inspect "$model" --json - | jq -r '.parameters.count')
  p50=()
  for engine in "${engines[@]}"; do
    record=$out/$name-$engine.json
    if $ob bench "$model" --engine "$engine" --threads "$threads" --warmup 2 \
      --iterations "$iterations" --json "$record" >"$out/$name-$engine.txt" 2>&1; then
      ran[$engine]=$((ran[$engine] + 1))
      p50+=("$(jq -r '.measure.latency_ms.p50 * 1000 | round / 1000 | tostring + " ms"' "$record")")
    else
      p50+=("FAILED")
      echo "$name on $engine: $(tail -1 "$out/$name-$engine.txt")" >&2
    fi
  done
  printf '%-14s %10s %10s %16s %16s\n' "$name" "$macs" "$params" "${p50[0]}" "${p50[1]}"
done
echo
for engine in "${engines[@]}"; do
  echo "$engine: ${ran[$engine]} of $n ran"
done
