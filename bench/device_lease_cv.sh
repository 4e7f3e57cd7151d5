#!/usr/bin/env bash
# The README demo's repeated benches of one model, before and after device leases: a local fleet
# of two workers on the embedded store drains a pipeline that benches each of two demo models
# REPEATS times (plus inspect and quantize), and the coefficient of variation of each model's
# throughputs is printed. BEFORE is an onnxbench without device leases (main before issue 19),
# where both workers bench at once; AFTER one with them, where a bench holds the `local` device.
# The two alternate ROUNDS times so that the machine's load hits both alike.
#
#   bash bench/device_lease_cv.sh BEFORE_ONNXBENCH AFTER_ONNXBENCH [ROUNDS] [REPEATS] [ENGINE]
#   e.g. bash bench/device_lease_cv.sh /work/main/build/onnxbench build/onnxbench 3 6 onnxruntime
set -euo pipefail
before=$(realpath "$1") after=$(realpath "$2")
rounds=${3:-3} repeats=${4:-6} engine=${5:-onnxruntime}
work=$(mktemp -d "${TMPDIR:-/tmp}/onnxbench-leasecv.XXXXXX")
trap 'rm -rf "$work"' EXIT

"$after" zoo generate demo-cnn --seed 1 -o "$work/m1.onnx" >/dev/null
"$after" zoo generate demo-cnn --seed 2 -o "$work/m2.onnx" >/dev/null
# bench-1..bench-N of the same model, then inspect and quantize: the demo's mix of stages.
{
  echo '{"name": "repeat", "stages": ['
  for i in $(seq 1 "$repeats"); do
    echo "{\"name\": \"bench-$i\", \"command\": [\"bench\", \"{input}\", \"--engine\", \"$engine\","
    echo " \"--duration\", \"2\", \"--json\", \"{record}\"], \"value\": \"/throughput_per_s\"},"
  done
  echo '{"name": "inspect", "command": ["inspect", "{input}", "--json"]},'
  echo '{"name": "quantize", "command": ["quantize", "{input}", "--calib", "random:8", "-o",'
  echo ' "{output}"], "output": true, "record": "none"}]}'
} >"$work/pipeline.json"

# One fleet run with $1; prints "label model cv% n min max" per model.
run_fleet() {
  local ob=$1 label=$2
  local store="$work/$label.db"
  rm -f "$store"*
  "$ob" farm submit --store "$store" --pipeline "$work/pipeline.json" "$work/m1.onnx" \
    "$work/m2.onnx" >/dev/null
  "$ob" farm worker --store "$store" --name w1 --idle-exit 2 --work-dir "$work/w1" 2>/dev/null &
  local p1=$!
  "$ob" farm worker --store "$store" --name w2 --idle-exit 2 --work-dir "$work/w2" 2>/dev/null &
  local p2=$!
  wait "$p1" "$p2"
  "$after" results --store "$store" --kind bench --csv - |
    awk -F, -v label="$label" '
      NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
      { m = $col["model_sha256"]; v = $col["summary"]; sub(/\/s.*/, "", v); gsub(/"/, "", v); v += 0
        n[m]++; s[m] += v; ss[m] += v * v
        if (!(m in lo) || v < lo[m]) lo[m] = v; if (v > hi[m]) hi[m] = v }
      END { for (m in n) { mean = s[m] / n[m]; var = ss[m] / n[m] - mean * mean
            if (var < 0) var = 0
            printf "%s %s %.1f %d %.0f %.0f\n", label, substr(m, 1, 12), 100 * sqrt(var) / mean,
                   n[m], lo[m], hi[m] } }'
}

echo "# $(nproc) cores; load before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "# label model cv_percent benches min_per_s max_per_s"
for r in $(seq 1 "$rounds"); do
  run_fleet "$before" "before-$r"
  run_fleet "$after" "after-$r"
done
echo "# load after: $(cut -d' ' -f1-3 /proc/loadavg)"
