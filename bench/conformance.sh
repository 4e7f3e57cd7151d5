#!/bin/bash
# Runs ONNX's conformance models (Debian's libonnx-testdata) through `onnxbench run --expect` on
# an engine and counts them: passed, failed (outputs differ), refused (the engine or onnxbench
# would not run the model). On onnxruntime it sets ONNX Runtime's own verdict beside it
# (build/bench/conformance_ort: each model straight into the runner, without onnxbench's loader,
# compared by the same check) and lists every model ONNX Runtime passes that onnxbench does not.
# Usage: bench/conformance.sh [ENGINE] [SUITE...] (default: onnxruntime; pytorch-converted, node).
# JOBS (default 2) models run at once; EVERY=N takes every Nth model only (in name order), for a
# quick measure on a busy machine. Verdicts, one line per model, go to
# build/conformance-ENGINE-SUITE.txt (and -ort.txt for ONNX Runtime's own).
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
engine=${1:-onnxruntime}
shift || true
suites=("${@:-pytorch-converted node}")
data=/usr/share/libonnx-testdata/data

# One model through onnxbench: "PASS|FAIL|REFUSED TEST[: the first failing line]".
one() {
  local test=$1 set0=$1/test_data_set_0 out result
  out=$(mktemp -d)
  if result=$("$root/build/onnxbench" run "$test/model.onnx" --engine "$engine" --input "$set0" \
              --expect "$set0" -o "$out/o" --runner-timeout 60 2>&1); then
    echo "PASS $test"
  elif grep -q '^FAIL ' <<<"$result"; then
    echo "FAIL $test: $(grep -m1 '^FAIL ' <<<"$result")"
  else
    echo "REFUSED $test: $(grep -m1 'onnxbench: error' <<<"$result" || tail -n1 <<<"$result")"
  fi
  rm -rf "$out"
}
export -f one
export root engine

count() { grep -c "^$1 " "$2"; }
for suite in ${suites[@]}; do
  tests=() i=0
  for test in "$data/$suite"/*/; do
    test=${test%/}
    [ -f "$test/model.onnx" ] && [ -d "$test/test_data_set_0" ] || continue
    [ $((i++ % ${EVERY:-1})) -eq 0 ] && tests+=("$test")
  done
  verdicts=$root/build/conformance-$engine-$suite.txt
  ort=$root/build/conformance-ort-$suite.txt
  if [ "$engine" = onnxruntime ]; then  # ONNX Runtime's own verdicts meanwhile, in one runner
    "$root/build/bench/conformance_ort" "${tests[@]}" | sort -k2 >"$ort" &
  fi
  printf '%s\n' "${tests[@]}" | xargs -P "${JOBS:-2}" -I{} bash -c 'one "$1"' _ {} |
    sort -k2 >"$verdicts"
  echo "$suite on $engine: ${#tests[@]} models; onnxbench: $(count PASS "$verdicts") pass," \
       "$(count FAIL "$verdicts") fail, $(count REFUSED "$verdicts") refused ($verdicts)"
  [ "$engine" = onnxruntime ] || continue
  wait
  echo "$suite, ONNX Runtime itself: $(count PASS "$ort") pass, $(count FAIL "$ort") fail," \
       "$(count REFUSED "$ort") refused ($ort)"
  missed=$(join -1 2 -2 2 <(grep '^PASS ' "$ort" | sort -k2) <(grep -v '^PASS ' "$verdicts" |
           sed 's/:.*//' | sort -k2) | awk '{print $1}')
  echo "passed by ONNX Runtime, not by onnxbench: $(wc -w <<<"$missed")"
  for t in $missed; do grep -F " $t:" "$verdicts"; done
done
