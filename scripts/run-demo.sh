#!/usr/bin/env bash
# Sets everything up, then the main job as a local fleet on the embedded store (SQLite,
# demo/onnxbench.db): three small demo models submitted, two workers draining seed 000's default
# pipeline (inspect/MACs, quantize to int8, bench float and int8 on each engine; the accuracy
# stages wait for a data set, so the idle workers exit), then the status table, the stored
# records, and the self-contained HTML report of every stored record.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
mkdir -p demo
ob=build/onnxbench
export ONNXBENCH_STORE=demo/onnxbench.db
rm -f demo/onnxbench.db demo/onnxbench.db-wal demo/onnxbench.db-shm
for seed in 1 2 3; do
  $ob zoo generate demo-cnn --seed "$seed" -o "demo/demo-cnn-$seed.onnx" >/dev/null
done
echo; echo "== onnxbench farm submit demo/demo-cnn-*.onnx"
# The demo has no images to calibrate int8 with: random data, said so here and marked in the table.
$ob farm submit demo/demo-cnn-1.onnx demo/demo-cnn-2.onnx demo/demo-cnn-3.onnx \
  --set calibration=random:8
$ob farm priority demo-cnn-3 0
echo; echo "== two workers: onnxbench farm worker --idle-exit 3 (logs in demo/worker-*.log)"
$ob farm worker --name demo-w1 --idle-exit 3 2>demo/worker-1.log &
w1=$!
$ob farm worker --name demo-w2 --idle-exit 3 2>demo/worker-2.log &
w2=$!
wait "$w1" "$w2"
echo; echo "== onnxbench farm status"
$ob farm status
echo "demo: the accuracy stages wait for a labelled data set: 'onnxbench farm set dataset=DIR'" \
  "queues them for the workers"
echo; echo "== onnxbench results --kind bench"
$ob results --kind bench
echo; echo "demo: the store is demo/onnxbench.db; 'onnxbench farm download demo-cnn-1 -o DIR'" \
  "writes a model's records and artifacts"
echo; echo "== onnxbench report --store demo/onnxbench.db -o demo/report.html"
$ob report --store demo/onnxbench.db -o demo/report.html
echo "demo: the report of everything the demo measured is demo/report.html (open it in a browser;" \
  "it is one file and needs no network)"
echo "demo: its dashboard: build/onnxbench serve --store demo/onnxbench.db, then open" \
  "http://127.0.0.1:8080/"
