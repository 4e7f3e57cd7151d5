#!/usr/bin/env bash
# Harness overhead: `onnxbench bench` against a bare loop that calls the same engine with the same
# settings on the same model and input, interleaved round by round in one run (the machine's
# noise hits both alike). Target: overhead at the median <= 2% for both engines.
# Both sides run pinned to the same core (PIN_CPU), so that scheduling noise hits them alike; many
# short rounds beat a few long ones on a shared machine.
# usage: bench/overhead.sh   (env: ROUNDS=12 SECONDS_PER_RUN=2 THREADS=1 PIN_CPU=1; MODEL=FILE.onnx
# with FILE_input.npy beside it and ENGINES="onnxruntime" measure another model or one engine)
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${ROUNDS:-12}
seconds=${SECONDS_PER_RUN:-2}
threads=${THREADS:-1}
pin=(taskset -c "${PIN_CPU:-1}")
((threads > 1)) && pin=()  # several threads: no pinning
out=build/bench-overhead
mkdir -p "$out"
ob=build/onnxbench

# One model of a few ms for both engines: torchvision's mobilenet_v2 (random weights) at opset
# 10, the newest whose Clip OpenCV 4.6 imports.
model=$out/mobilenet_v2.onnx
[[ -f $model ]] ||
  /usr/bin/python3 scripts/export_torchvision.py mobilenet_v2 --opset 10 --out "$model"
/usr/bin/python3 - "$out" <<'PY'
import sys, numpy as np
rng = np.random.default_rng(1)
np.save(sys.argv[1] + "/mobilenet_v2_input.npy", rng.uniform(-1, 1, (1, 3, 224, 224)).astype(np.float32))
PY

# measure ENGINE MODEL INPUT_NAME: prints the sample files, bare and onnxbench for each round.
measure() {
  local engine=$1 model=$2 name=$3 files=()
  local input=${model%.onnx}_input.npy
  for ((r = 1; r <= rounds; r++)); do
    local bare=$out/$engine-bare-$r.txt ours=$out/$engine-onnxbench-$r.csv
    run_bare() {
      if [[ $engine == onnxruntime ]]; then
        "${pin[@]}" build/bench/bare_loop_onnxruntime "$model" "$name" "$input" "$threads" "$seconds" 20 "$bare"
      else
        "${pin[@]}" build/bench/bare_loop_opencv "$model" "$input" "$threads" "$seconds" 20 "$bare"
      fi
    }
    run_ours() {
      "${pin[@]}" $ob bench "$model" --engine "$engine" --threads "$threads" --input "$input" \
        --duration "$seconds" --warmup 20 --samples "$ours" >/dev/null
    }
    # Alternate which goes first, so that a drift in machine load favours neither.
    if ((r % 2)); then run_bare; run_ours; else run_ours; run_bare; fi
    files+=("$bare" "$ours")
  done
  build/bench/overhead_report "$engine, $(basename "$model"), $threads thread(s), ${seconds}s x $rounds rounds" "${files[@]}"
}

model=${MODEL:-$model}
engines=${ENGINES:-onnxruntime opencv}
for engine in $engines; do measure "$engine" "$model" input; done

# In one run: the share of wall time outside the engine calls (ONNX Runtime's session.run;
# OpenCV's setInput and forward).
for engine in $engines; do
  "${pin[@]}" $ob bench "$model" --engine "$engine" --threads "$threads" --duration 10 \
    --json "$out/$engine-record.json" >/dev/null
done
[[ $engines == *onnxruntime* ]] && build/bench/overhead_report --record "$out/onnxruntime-record.json" run
[[ $engines == *opencv* ]] && build/bench/overhead_report --record "$out/opencv-record.json" set_input+forward
