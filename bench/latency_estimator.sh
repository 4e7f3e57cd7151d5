#!/usr/bin/env bash
# Done-check of `onnxbench latency` (issue 12, seed 001): for each engine, the module table of a
# search space, an estimator fitted on N sampled architectures, and its validation on N others
# (another seed) against the machine's test-retest floor. Writes the records under build/ and the
# scatter plots to docs/latency/. By hand, not in CTest (minutes per engine on 2 cores).
# usage: bench/latency_estimator.sh   (env: ENGINES="onnxruntime opencv" N=50 FIT_SEED=1
#        VALIDATE_SEED=2 THREADS=1 ROUNDS=8 ITERATIONS=100
#        SPACE=bench/spaces/mobilenet_v2_cifar10.json)
set -euo pipefail
cd "$(dirname "$0")/.."
engines=(${ENGINES:-onnxruntime opencv})
n=${N:-50}
fit_seed=${FIT_SEED:-1}
validate_seed=${VALIDATE_SEED:-2}
threads=${THREADS:-1}
rounds=${ROUNDS:-8}
iterations=${ITERATIONS:-100}
space=${SPACE:-bench/spaces/mobilenet_v2_cifar10.json}
name=$(basename "$space" .json)
out=build/latency-estimator
ob=build/onnxbench
mkdir -p "$out" docs/latency

for engine in "${engines[@]}"; do
  prefix=$out/$name-$engine
  knobs=(--engine "$engine" --threads "$threads")
  echo "== $engine: module table of $space"
  $ob latency table --space "$space" "${knobs[@]}" --warmup 10 --iterations 100 \
    -o "$prefix-table.csv" --resume
  echo "== $engine: fit on $n architectures (seed $fit_seed)"
  $ob latency fit --table "$prefix-table.csv" --space "$space" --n "$n" --seed "$fit_seed" \
    "${knobs[@]}" --rounds "$rounds" --warmup 5 --iterations "$iterations" \
    --points-csv "$prefix-fit.csv" -o "$prefix-estimator.json" | tee "$prefix-fit.txt"
  echo "== $engine: validation on $n other architectures (seed $validate_seed)"
  $ob latency validate --estimator "$prefix-estimator.json" --space "$space" --n "$n" \
    --seed "$validate_seed" "${knobs[@]}" --rounds "$rounds" --warmup 5 \
    --iterations "$iterations" --json "$prefix-validate.json" --csv "$prefix-validate.csv" \
    --svg "docs/latency/$name-$engine.svg" | tee "$prefix-validate.txt"
done
