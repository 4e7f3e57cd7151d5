#!/bin/bash
# Runs ONNX's conformance models (Debian's libonnx-testdata) through `onnxbench run --expect` on
# an engine and counts them: passed, failed (outputs differ), refused (the engine or onnxbench
# would not run the model). Usage: bench/conformance.sh [ENGINE] [SUITE...]
# (default: onnxruntime, suites pytorch-converted and node). Failures go to build/conformance-ENGINE.log.
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
engine=${1:-onnxruntime}
shift || true
suites=("${@:-pytorch-converted node}")
data=/usr/share/libonnx-testdata/data
log=${CONFORMANCE_LOG:-$root/build/conformance-$engine.log}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
: >"$log"
for suite in ${suites[@]}; do
  pass=0 fail=0 refused=0
  for test in "$data/$suite"/*/; do
    set0="$test/test_data_set_0"
    [ -f "$test/model.onnx" ] && [ -d "$set0" ] || continue
    if result=$("$root/build/onnxbench" run "$test/model.onnx" --engine "$engine" --input "$set0" \
                --expect "$set0" -o "$out/o" --runner-timeout 60 2>&1); then
      pass=$((pass + 1))
    elif grep -q '^FAIL ' <<<"$result"; then
      fail=$((fail + 1)); printf 'FAIL %s\n%s\n' "$test" "$result" >>"$log"
    else
      refused=$((refused + 1)); printf 'REFUSED %s\n%s\n' "$test" "$result" >>"$log"
    fi
    rm -rf "$out/o"
  done
  total=$((pass + fail + refused))
  echo "$suite on $engine: $pass of $total pass, $fail fail, $refused refused (details: $log)"
done
