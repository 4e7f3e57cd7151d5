#!/usr/bin/env bash
# Does `onnxbench tune` find, in at most a quarter of the grid's trials, a config within 3% of the
# exhaustive grid's best throughput? For torchvision resnet50 and mobilenet_v2 on ONNX Runtime:
# 1. the exhaustive grid of bench/tune_space.json, 2. the search on the same space,
# 3. both winners re-measured side by side, interleaved, in one run (the machine drifts).
# The space has 128 points; the search is allowed 20 trials plus at most 12 re-measurements, so
# at most 32 trials, a quarter of the grid.
# usage: bench/tune_vs_grid.sh [MODEL...]   (env: TRIAL_SECONDS=3 ROUNDS=6 ROUND_SECONDS=5
#        REUSE_GRID=1 keeps a finished grid of an earlier run and measures only the rest)
set -euo pipefail
cd "$(dirname "$0")/.."
out=build/tune-vs-grid
mkdir -p "$out"
ob=build/onnxbench
trial_seconds=${TRIAL_SECONDS:-3}
rounds=${ROUNDS:-6}
round_seconds=${ROUND_SECONDS:-5}
models=("$@")
((${#models[@]})) || models=(mobilenet_v2 resnet50)

for m in "${models[@]}"; do
  model=$out/$m.onnx
  [[ -f $model ]] || /usr/bin/python3 scripts/export_torchvision.py "$m" --dynamic-batch --out "$model"
  for kind in grid tune; do
    if [[ $kind == grid && ${REUSE_GRID:-0} == 1 && -f $out/$m.grid.lut.csv ]]; then
      echo "== $m: grid (reused)"
      continue
    fi
    rm -f "$out/$m.$kind.trials.jsonl" "$out/$m.$kind.lut.csv"
    args=(--spec bench/tune_space.json --trial-duration "$trial_seconds" --trials "$out/$m.$kind.trials.jsonl"
          --lut "$out/$m.$kind.lut.csv")
    [[ $kind == grid ]] && args+=(--exhaustive)
    echo "== $m: $kind"
    $ob tune "$model" --engine onnxruntime "${args[@]}" 2>"$out/$m.$kind.log" | tee "$out/$m.$kind.txt" | sed -n '1,3p'
  done
  grid_trials=$(wc -l <"$out/$m.grid.trials.jsonl")
  tune_trials=$(wc -l <"$out/$m.tune.trials.jsonl")
  echo "== $m: winners side by side ($rounds rounds of ${round_seconds}s, alternating order)"
  files=()
  for ((r = 1; r <= rounds; r++)); do
    order=(grid tune)
    ((r % 2)) || order=(tune grid)
    for kind in "${order[@]}"; do
      $ob bench "$model" --engine onnxruntime --config-from "$out/$m.$kind.lut.csv" \
        --duration "$round_seconds" --json "$out/$m.$kind.side-$r.json" >/dev/null
    done
    files+=("$out/$m.grid.side-$r.json" "$out/$m.tune.side-$r.json")
  done
  build/bench/compare_records "$m: grid winner vs tune winner" "${files[@]}"
  echo "$m: tune ran $tune_trials trials, the grid $grid_trials ($(awk -v a="$tune_trials" -v b="$grid_trials" 'BEGIN{printf "%.0f", 100*a/b}')%)"
done
