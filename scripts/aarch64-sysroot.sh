#!/usr/bin/env bash
# Unpacks Debian 12's arm64 libraries that the aarch64 runners link against (OpenCV DNN, ONNX,
# protobuf, OpenSSL, nlohmann-json) and an aarch64 busybox (the emulated board's shell) into a
# folder, without installing them: dpkg would then lock every Multi-Arch package (systemd,
# libssl3, mesa, ...) to the same version on amd64 and upgrade or refuse them in lockstep.
# The cross compiler's own glibc and libstdc++ (/usr/aarch64-linux-gnu) complete it.
# Usage: scripts/aarch64-sysroot.sh FOLDER   (needs `dpkg --add-architecture arm64`, done by setup)
set -euo pipefail
root=${1:?usage: aarch64-sysroot.sh FOLDER}
packages=(
  # headers and link libraries
  libopencv-core-dev libopencv-dnn-dev libonnx-dev libprotobuf-dev libssl-dev nlohmann-json3-dev
  # the shared libraries they need at run time, NEEDED by NEEDED (glibc and libstdc++ excepted)
  libopencv-core406 libopencv-dnn406 libopencv-imgproc406 libprotobuf32 libonnx1 libssl3 libtbb12
  libonnxifi zlib1g liblapack3 libblas3 libgfortran5 libglx0 libglvnd0 libx11-6 libxcb1 libxau6 libxdmcp6
  libbsd0 libmd0
  busybox-static
)
stamp=$root/.packages
wanted=$(printf '%s\n' "${packages[@]}")
if [[ -f $stamp && $(cat "$stamp") == "$wanted" ]]; then
  exit 0
fi
debs=$(mktemp -d /tmp/onnxbench-arm64-debs.XXXXXX)
trap 'rm -rf "$debs"' EXIT
# nlohmann-json3-dev is Architecture: all; the others are asked for as :arm64.
names=()
for p in "${packages[@]}"; do
  [[ $p == nlohmann-json3-dev ]] && names+=("$p") || names+=("$p:arm64")
done
chmod 777 "$debs"  # apt's sandbox user writes the downloads
(cd "$debs" && apt-get download -qq "${names[@]}")
rm -rf "$root"
mkdir -p "$root"
for deb in "$debs"/*.deb; do
  dpkg-deb -x "$deb" "$root"
done
# Debian's postinst scripts would point liblapack.so.3 and libblas.so.3 at one implementation
# (update-alternatives); here the reference ones are the only ones.
for lib in lapack/liblapack.so.3 blas/libblas.so.3; do
  ln -sf "$lib" "$root/usr/lib/aarch64-linux-gnu/$(basename "$lib")"
done
echo "$wanted" >"$stamp"
echo "aarch64-sysroot: ${#packages[@]} arm64 packages unpacked into $root"
