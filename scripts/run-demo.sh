#!/usr/bin/env bash
# Sets everything up, then the main job on the embedded defaults: make a small demo model,
# inspect it, and bench it on both engines.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
mkdir -p demo
ob=build/onnxbench
echo; echo "== onnxbench zoo generate demo-cnn"
$ob zoo generate demo-cnn --dynamic-batch -o demo/demo-cnn.onnx
echo; echo "== onnxbench inspect demo/demo-cnn.onnx"
$ob inspect demo/demo-cnn.onnx
for engine in onnxruntime opencv; do
  echo; echo "== onnxbench bench demo/demo-cnn.onnx --engine $engine"
  $ob bench demo/demo-cnn.onnx --engine "$engine" --duration 3 --json "demo/bench-$engine.json"
done
echo; echo "demo: records in demo/bench-onnxruntime.json and demo/bench-opencv.json"
