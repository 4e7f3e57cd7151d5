#!/usr/bin/env bash
# Sets everything up, then the main job on the embedded defaults: make a small demo model,
# inspect it, bench it on both engines, quantize it to int8, compare it with the float model
# tensor by tensor, bench the int8 model, profile it and write the HTML report of it all.
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
echo; echo "== onnxbench quantize demo/demo-cnn.onnx (calibrated on seeded random data)"
$ob quantize demo/demo-cnn.onnx --calib random:16 -o demo/demo-cnn.int8.onnx
echo; echo "== onnxbench compare demo/demo-cnn.onnx demo/demo-cnn.int8.onnx"
$ob compare demo/demo-cnn.onnx demo/demo-cnn.int8.onnx --inputs random:4 --worst 5 \
  --csv demo/similarities.csv --json demo/compare.json
echo; echo "== onnxbench bench demo/demo-cnn.int8.onnx --engine onnxruntime"
$ob bench demo/demo-cnn.int8.onnx --engine onnxruntime --duration 3 --json demo/bench-int8.json
echo; echo "demo: records in demo/bench-onnxruntime.json, demo/bench-opencv.json and" \
  "demo/bench-int8.json; per-tensor similarities in demo/similarities.csv"
echo; echo "== onnxbench profile demo/demo-cnn.onnx, then onnxbench report (everything measured above)"
$ob profile demo/demo-cnn.onnx --engine onnxruntime --json demo/profile.json >/dev/null
$ob report demo/bench-onnxruntime.json demo/bench-opencv.json demo/bench-int8.json \
  demo/compare.json demo/profile.json -o demo/report.html
echo "demo: the report of everything the demo measured is demo/report.html (open it in a browser;" \
  "it is one file and needs no network)"
