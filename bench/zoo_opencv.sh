#!/usr/bin/env bash
# Do plain torchvision exports run on Debian's OpenCV 4.6 after `transform --pass simplify`, with
# the outputs ONNX Runtime gives? For each model: export (cached in build/zoo-opencv/), run on ONNX
# Runtime, simplify, run the simplified model on ONNX Runtime and on OpenCV with the same seeded
# input, and compare both with the original's ONNX Runtime output (bench/compare_outputs).
# usage: bench/zoo_opencv.sh [MODEL...]   (default: the 14 models of issue 3)
# Columns: runs on ORT | simplify's changes | OpenCV runs the original | OpenCV runs the simplified
# model (or the engine's reason) | max abs diff, cosine similarity and top-1 agreement of OpenCV
# and of the simplified model on ORT, each against the original on ORT.
set -uo pipefail
cd "$(dirname "$0")/.."
out=build/zoo-opencv
mkdir -p "$out"
ob=build/onnxbench
compare=build/bench/compare_outputs
seed=1
models=("$@")
((${#models[@]})) || models=(resnet18 resnet50 mobilenet_v2 mobilenet_v3_small mobilenet_v3_large
  efficientnet_b0 squeezenet1_1 shufflenet_v2_x1_0 densenet121 mnasnet1_0 inception_v3
  regnet_y_400mf convnext_tiny vit_b_16)

# The engine's reason from a failed run's output: its last "error" line, shortened.
reason() {
  grep -i 'error' "$1" | tail -1 |
    sed -e 's/^onnxbench: error: //' -e 's/^[^ ]*\.onnx: //' -e "s/^engine 'opencv' cannot load it: //" |
    cut -c1-200
}

# run MODEL ENGINE DIR LOG: one inference with the seeded input; prints y or n.
run() {
  rm -rf "$3"
  if $ob run "$1" --engine "$2" --seed $seed --output-dir "$3" >"$4" 2>&1; then echo y; else echo n; fi
}

rows=()
for m in "${models[@]}"; do
  model=$out/$m.onnx simple=$out/$m.simplified.onnx
  echo "== $m" >&2
  [[ -f $model ]] || $ob zoo export "$m" --out "$out" >"$out/$m.export.log" 2>&1 ||
    { rows+=("| $m | export failed: $(reason "$out/$m.export.log") | | | | | |"); continue; }
  ort=$(run "$model" onnxruntime "$out/$m.ort" "$out/$m.ort.log")
  ocv_plain=$(run "$model" opencv "$out/$m.ocv-plain" "$out/$m.ocv-plain.log")
  if $ob transform "$model" --pass simplify -o "$simple" >"$out/$m.simplify.log" 2>&1; then
    changes=$(grep -v '^simplify$\|^wrote\|note:' "$out/$m.simplify.log" | sed 's/^ *//' | paste -sd ';' | sed 's/;/; /g')
  else
    changes="refused ($(reason "$out/$m.simplify.log" | sed 's/^simplify: //'))"
    cp "$model" "$simple"
  fi
  ort_simple=$(run "$simple" onnxruntime "$out/$m.ort-simple" "$out/$m.ort-simple.log")
  ocv=$(run "$simple" opencv "$out/$m.ocv" "$out/$m.ocv.log")
  ocv_cmp="" ort_cmp=""
  [[ $ort == y && $ocv == y ]] && ocv_cmp=$($compare "$out/$m.ort/output.npy" "$out/$m.ocv/output.npy")
  [[ $ort == y && $ort_simple == y ]] && ort_cmp=$($compare "$out/$m.ort/output.npy" "$out/$m.ort-simple/output.npy")
  [[ $ocv == n ]] && ocv="n: $(reason "$out/$m.ocv.log")"
  [[ $ocv_plain == n ]] && ocv_plain="n: $(reason "$out/$m.ocv-plain.log")"
  rows+=("| $m | $ort | $changes | $ocv_plain | $ocv | $ocv_cmp | $ort_cmp |")
done

echo "| model | ORT | simplify changes | OpenCV, original | OpenCV, simplified | OpenCV vs ORT: max abs diff (relative), cosine, top-1 | simplified vs original on ORT |"
echo "| --- | --- | --- | --- | --- | --- | --- |"
printf '%s\n' "${rows[@]}"
