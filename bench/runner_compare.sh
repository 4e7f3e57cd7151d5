#!/usr/bin/env bash
# Two ONNX Runtime runners through the same onnxbench, interleaved round by round: the runner of
# this build against OLD_RUNNER (a program speaking the runner protocol; for the Node.js runner of
# an earlier commit, a two-line script that runs `exec node <checkout>/runners/onnxruntime/runner.js`).
# Models: torchvision's resnet18 and mobilenet_v2 (random weights) and the demo CNN; 1 and 2
# instances, THREADS intra-op threads each. Prints p50 and throughput per runner and their ratios.
# usage: OLD_RUNNER=/path/to/old-runner bench/runner_compare.sh   (env: ROUNDS=3 SECONDS_PER_RUN=3
#        THREADS=1)
set -euo pipefail
cd "$(dirname "$0")/.."
: "${OLD_RUNNER:?set OLD_RUNNER to the runner to compare with}"
rounds=${ROUNDS:-3}
seconds=${SECONDS_PER_RUN:-3}
threads=${THREADS:-1}
out=build/bench-runners
mkdir -p "$out"
ob=build/onnxbench
for name in resnet18 mobilenet_v2; do
  [[ -f $out/$name.onnx ]] || /usr/bin/python3 scripts/export_torchvision.py "$name" --out "$out/$name.onnx" >/dev/null
done
[[ -f $out/demo_cnn.onnx ]] || $ob zoo generate demo-cnn -o "$out/demo_cnn.onnx" >/dev/null

run() {  # which model instances round
  local which=$1 model=$2 instances=$3 round=$4 json=$out/$1-$(basename "$2" .onnx)-$3-$4.json
  if [[ $which == old ]]; then
    ONNXBENCH_RUNNER_ONNXRUNTIME=$OLD_RUNNER $ob bench "$model" -e onnxruntime -x "$threads" \
      --instances "$instances" --duration "$seconds" --warmup 20 --json "$json" >/dev/null
  else
    $ob bench "$model" -e onnxruntime -x "$threads" --instances "$instances" --duration "$seconds" \
      --warmup 20 --json "$json" >/dev/null
  fi
}

for model in "$out/resnet18.onnx" "$out/mobilenet_v2.onnx" "$out/demo_cnn.onnx"; do
  for instances in 1 2; do
    for ((r = 1; r <= rounds; r++)); do
      if ((r % 2)); then run old "$model" "$instances" "$r"; run new "$model" "$instances" "$r"
      else run new "$model" "$instances" "$r"; run old "$model" "$instances" "$r"; fi
    done
  done
done

/usr/bin/python3 - "$out" "$rounds" <<'PY'
import glob, json, statistics, sys
out, rounds = sys.argv[1], int(sys.argv[2])
print(f"{'model':14} {'inst':>4} {'old p50 ms':>10} {'new p50 ms':>10} {'new/old':>7}"
      f" {'old /s':>8} {'new /s':>8} {'new/old':>7}")
for model in ["resnet18", "mobilenet_v2", "demo_cnn"]:
    for inst in [1, 2]:
        v = {}
        for which in ["old", "new"]:
            recs = [json.load(open(f)) for f in glob.glob(f"{out}/{which}-{model}-{inst}-*.json")]
            v[which] = (statistics.median(r["measure"]["latency_ms"]["p50"] for r in recs),
                        statistics.median(r["throughput_per_s"] for r in recs))
        (op, ot), (np_, nt) = v["old"], v["new"]
        print(f"{model:14} {inst:>4} {op:10.3f} {np_:10.3f} {np_ / op:7.3f} {ot:8.1f} {nt:8.1f}"
              f" {nt / ot:7.3f}")
PY
