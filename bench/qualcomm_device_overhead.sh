#!/usr/bin/env bash
# What running snpe on a device costs onnxbench itself, against the emulated SDK on the emulated
# adb phone (tests/support: an aarch64/SM8350 sandbox on this host, NOT a phone): wall seconds of
# `onnxbench run` of the demo model with snpe on this host, on the phone the first time (the SDK's
# device binaries, libraries and DSP skeletons pushed) and on the phone again (all cached by
# sha256: pushes nothing). ROUNDS rounds, interleaved, so that the machine's load hits all alike;
# prints each case's median. The emulated tools' own compute is the same in all three: the
# differences are the transport's round trips and copies. Never a device timing.
#
#   bash bench/qualcomm_device_overhead.sh [ONNXBENCH] [ROUNDS]
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
ob=$(realpath "${1:-$here/build/onnxbench}") rounds=${2:-5}
runner=$(dirname "$ob")/runners/opencv/onnxbench-runner-opencv
work=$(mktemp -d "${TMPDIR:-/tmp}/onnxbench-qdevbench.XXXXXX")
mkfifo "$work/control"
cleanup() {
  set +e
  exec 4>&-  # EOF on its control: the emulated adb server stops
  [[ -n ${adb_pid:-} ]] && wait "$adb_pid"
  rm -rf "$work"
}
trap cleanup EXIT

bash "$here/tests/support/emulated_qualcomm_sdk/make_emulated_sdk.sh" "$work/sdk" "$ob" "$runner" >/dev/null
export SNPE_ROOT=$work/sdk/snpe ONNXBENCH_QUALCOMM_CACHE=$work/cache
"$ob" zoo generate demo-cnn -o "$work/demo.onnx" >/dev/null

python3 "$here/tests/support/emulated_adb_server.py" --serial bench-0 --sandbox "$work/phone" \
  --machine aarch64 --property ro.soc.model=SM8350 <"$work/control" >"$work/port" &
adb_pid=$!
exec 4>"$work/control"
for _ in $(seq 100); do [[ -s $work/port ]] && break; sleep 0.1; done
url="adb://bench-0@127.0.0.1:$(awk '{print $2}' "$work/port")"

seconds() {  # COMMAND... -> wall seconds
  local start end
  start=$(date +%s.%N)
  "$@" >/dev/null 2>&1
  end=$(date +%s.%N)
  echo "$end - $start" | bc
}
: >"$work/local" ; : >"$work/first" ; : >"$work/cached"
for round in $(seq "$rounds"); do
  rm -rf "$work/phone/data/local/tmp/onnxbench"
  seconds "$ob" run "$work/demo.onnx" --engine snpe -o "$work/out-local" >>"$work/local"
  seconds "$ob" run "$work/demo.onnx" --engine snpe --set runtime=dsp --device "$url" \
    -o "$work/out-phone" >>"$work/first"
  seconds "$ob" run "$work/demo.onnx" --engine snpe --set runtime=dsp --device "$url" \
    -o "$work/out-phone" >>"$work/cached"
  echo "round $round done" >&2
done
median() { sort -n "$1" | awk '{a[NR]=$1} END {print (NR % 2 ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2)}'; }
echo "case                         median wall s over $rounds rounds"
echo "snpe on this host            $(median "$work/local")"
echo "snpe on the phone, 1st run   $(median "$work/first")   (SDK, skeletons and DLC pushed)"
echo "snpe on the phone, cached    $(median "$work/cached")   (nothing pushed)"
echo "load: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
