#!/usr/bin/env bash
# Lays out the emulated Qualcomm SDKs (test doubles, see emulated_common.py) as the real ones are
# laid out: a QAIRT root (SNPE and QNN tools) with bin/<target> and lib/<target> for this host
# (x86_64-linux-clang), a phone (aarch64-android) and a Yocto board (aarch64-oe-linux-gcc11.2),
# the Hexagon v68 DSP skeletons (lib/hexagon-v68/unsigned), and a Cloud AI 100 root like
# /opt/qti-aic with exec/. Every tool is the one Python entry point, linked under the tool's
# name. Each lib/<target> also holds the emulation and a copy of the runner it computes with, so
# that a device binary pushed with its libraries finds them through LD_LIBRARY_PATH alone.
# usage: make_emulated_sdk.sh DEST ONNXBENCH RUNNER [SNPE_RUNTIMES]
#   SNPE_RUNTIMES: comma-separated runtimes the emulated device has (default cpu,gpu,gpu_fp16,dsp)
set -euo pipefail
dest=$1 onnxbench=$2 runner=$3 runtimes=${4:-cpu,gpu,gpu_fp16,dsp}
here=$(cd "$(dirname "$0")" && pwd)
snpe=$dest/snpe qaic=$dest/qti-aic
rm -rf "$snpe" "$qaic"

install_emulation() {  # FOLDER RUNNER
  mkdir -p "$1"
  cp "$here"/emulated_*.py "$1/"
  local list
  list=$(printf '"%s",' ${runtimes//,/ })
  cat >"$1/emulated.json" <<JSON
{"onnxbench": "$onnxbench", "runner": "$2", "snpe_version": "2.22.0.240425",
 "qaic_version": "1.10.0.193", "qaic_cores": 14, "snpe_runtimes": [${list%,}]}
JSON
}

install_emulation "$snpe/emulated" "$runner"
for target in x86_64-linux-clang aarch64-android aarch64-oe-linux-gcc11.2; do
  mkdir -p "$snpe/bin/$target" "$snpe/lib/$target"
  echo "emulated SNPE runtime library" >"$snpe/lib/$target/libSNPE.so"
  echo "emulated C++ runtime library" >"$snpe/lib/$target/libc++_shared.so"
  install_emulation "$snpe/lib/$target" onnxbench-runner-opencv
  cp "$runner" "$snpe/lib/$target/onnxbench-runner-opencv"
  # QNN backends: the runtimes the emulated device has (a missing one fails to load, as it does)
  for backend in cpu gpu htp; do
    [[ ,$runtimes, == *,${backend/htp/dsp},* ]] || continue
    name=$(tr '[:lower:]' '[:upper:]' <<<"${backend:0:1}")${backend:1}
    echo "emulated QNN backend" >"$snpe/lib/$target/libQnn$name.so"
  done
done
for tool in snpe-onnx-to-dlc snpe-dlc-quant snpe-dlc-info snpe-net-run snpe-throughput-net-run \
  snpe-diagview qairt-converter qairt-quantizer qnn-net-run qnn-profile-viewer; do
  ln -s ../../emulated/emulated_tool.py "$snpe/bin/x86_64-linux-clang/$tool"
done
for target in aarch64-android aarch64-oe-linux-gcc11.2; do
  for tool in snpe-net-run snpe-throughput-net-run qnn-net-run; do
    ln -s ../../emulated/emulated_tool.py "$snpe/bin/$target/$tool"
  done
done
mkdir -p "$snpe/lib/hexagon-v68/unsigned"
echo "emulated HTP skeleton library" >"$snpe/lib/hexagon-v68/unsigned/libSnpeHtpV68Skel.so"
echo "emulated HTP skeleton library" >"$snpe/lib/hexagon-v68/unsigned/libQnnHtpV68Skel.so"

install_emulation "$qaic/emulated" "$runner"
mkdir -p "$qaic/exec"
for tool in qaic-exec qaic-runner; do
  ln -s ../emulated/emulated_tool.py "$qaic/exec/$tool"
done
