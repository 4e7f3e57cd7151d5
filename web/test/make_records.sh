#!/usr/bin/env bash
# Real records for the report's browser tests, from the real commands on a generated model: bench
# on both engines (float and int8), profile, compare, quantize --analyze and a small tune search.
# Usage: make_records.sh ONNXBENCH OUT_DIR   (kept short: a few seconds of measuring in all)
set -euo pipefail
ob=$1 out=$2
mkdir -p "$out"
cd "$out"
"$ob" zoo generate demo-cnn --dynamic-batch -o demo-cnn.onnx >/dev/null
for engine in onnxruntime opencv; do
  "$ob" bench demo-cnn.onnx --engine "$engine" --iterations 300 --json "bench-$engine.json" >/dev/null
done
"$ob" bench demo-cnn.onnx --engine onnxruntime --instances 2 --iterations 300 \
  --json bench-onnxruntime-2x.json >/dev/null
"$ob" quantize demo-cnn.onnx --calib random:8 --analyze --target-sqnr 40 \
  --analyze-json sensitivity.json -o demo-cnn.int8.onnx >/dev/null 2>&1
"$ob" bench demo-cnn.int8.onnx --engine onnxruntime --iterations 300 --json bench-int8.json >/dev/null
"$ob" profile demo-cnn.onnx --engine onnxruntime --iterations 20 --json profile.json >/dev/null
"$ob" compare demo-cnn.onnx demo-cnn.int8.onnx --inputs random:2 --json compare.json >/dev/null
cat > space.json <<'SPEC'
{"max_func_eval": 4, "objective": "maximize_inf_rate",
 "params": {"instances": {"min": 1, "max": 2}, "batch": {"min": 1, "max": 2}},
 "static_params": {"threads": 1, "set_size": 1}}
SPEC
"$ob" tune demo-cnn.onnx --engine opencv --spec space.json --trial-duration 0.2 \
  --trials demo-cnn.opencv.trials.jsonl --lut lut.csv >/dev/null 2>&1
