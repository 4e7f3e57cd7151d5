#!/usr/bin/env bash
# Smoke test of the OpenCV runner: pipes one hello + load + infer + bench + profile + quit session
# through it on an ONNX conformance model and fails unless every reply is ok and stdout holds
# nothing but protocol lines.
#   usage: runners/opencv/smoke.sh [runner executable] [libonnx-testdata node test folder]
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
runner=${1:-}
if [[ -z $runner ]]; then
  for candidate in "$root/build/runners/opencv/onnxbench-runner-opencv" \
                   "$root/build-opencv/runners/opencv/onnxbench-runner-opencv"; do
    if [[ -x $candidate ]]; then runner=$candidate; break; fi
  done
fi
[[ -n $runner && -x $runner ]] || { echo "smoke.sh: runner not built; pass its path" >&2; exit 2; }
test_dir=${2:-/usr/share/libonnx-testdata/data/node/test_conv_with_strides_padding}
model=$test_dir/model.onnx
[[ -f $model ]] || { echo "smoke.sh: $model missing (Debian package libonnx-testdata)" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# write_npy PATH "1, 1, 7, 5" ELEMENTS: a float32 .npy of zeros, NumPy format 1.0.
write_npy() {
  local header="{'descr': '<f4', 'fortran_order': False, 'shape': ($2), }"
  local total=$(( (10 + ${#header} + 1 + 63) / 64 * 64 ))
  local len=$(( total - 10 ))
  header=$(printf '%-*s' $(( len - 1 )) "$header")
  {
    printf '\x93NUMPY\x01\x00'
    printf "\\x$(printf %02x $(( len & 255 )))\\x$(printf %02x $(( len >> 8 )))"
    printf '%s\n' "$header"
    head -c $(( $3 * 4 )) /dev/zero
  } > "$1"
}
write_npy "$work/x.npy" "1, 1, 7, 5" 35
write_npy "$work/W.npy" "1, 1, 3, 3" 9

inputs="{\"x\":\"$work/x.npy\",\"W\":\"$work/W.npy\"}"
requests=(
  '{"id":1,"op":"hello"}'
  "{\"id\":2,\"op\":\"load\",\"model\":\"$model\",\"instances\":2,\"options\":{\"threads\":1}}"
  "{\"id\":3,\"op\":\"infer\",\"inputs\":$inputs,\"output_dir\":\"$work/out\"}"
  "{\"id\":4,\"op\":\"bench\",\"inputs\":$inputs,\"warmup\":{\"iterations\":3,\"ms\":0},\"run\":{\"iterations\":50,\"seconds\":0},\"set_size\":2,\"progress_ms\":100}"
  "{\"id\":5,\"op\":\"profile\",\"inputs\":$inputs,\"warmup\":1,\"iterations\":3}"
  '{"id":6,"op":"quit"}'
)
status=0
replies=$(printf '%s\n' "${requests[@]}" | "$runner" 2> "$work/stderr") || status=$?
if (( status != 0 )); then
  echo "smoke.sh: runner exited with status $status; stderr:" >&2
  tail -n 20 "$work/stderr" >&2
  exit 1
fi

fail() { echo "smoke.sh: $*" >&2; printf '%s\n' "$replies" | cut -c1-300 >&2; exit 1; }
while IFS= read -r line; do
  [[ $line == '{'*'}' ]] || fail "stdout line is not a JSON object: $line"
  [[ $line == *'"ok":false'* ]] && fail "error reply: $line"
done <<< "$replies"
for id in 1 2 3 4 5 6; do
  grep -q "\"id\":$id,.*\"ok\":true\|\"ok\":true.*\"id\":$id[,}]" <<< "$replies" ||
    fail "no ok reply to request $id"
done
grep -q '"event":"samples"' <<< "$replies" || fail "bench sent no samples"
[[ -f $work/out/y.npy ]] || fail "infer wrote no $work/out/y.npy"
grep -q '"measure":{"count":50,' <<< "$replies" || fail "bench did not complete 50 requests"
echo "smoke.sh: ok ($runner, $model)"
