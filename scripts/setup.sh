#!/usr/bin/env bash
# Sets up onnxbench on Debian 12 as root: Debian packages, ONNX Runtime's headers and onnxruntime-node
# (the library) from npm (its install script skipped: it would try to download extras), then a
# Release build in build/.
# Idempotent: a second run installs nothing and only rebuilds what changed.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  g++ cmake make pkg-config git ccache xxd
  libopencv-dnn-dev libopencv-imgcodecs-dev libopencv-imgproc-dev libonnx-dev libprotobuf-dev protobuf-compiler
  nlohmann-json3-dev libcli11-dev libgtest-dev libgmock-dev
  libonnx-testdata                            # ONNX's conformance models and tensors (tests)
  python3 python3-numpy python3-onnx python3-torchvision  # torchvision exports
  python3-sklearn                             # the digits classifier the quantization test trains
  chromium                                    # the report's browser tests (playwright-core drives it)
  libcivetweb-dev                             # serve: the dashboard's HTTP server
  libsqlite3-dev libpq-dev                    # the store's two backends
  postgresql                                  # the server the store and fleet tests start
  iproute2 util-linux                         # fleet-netns.sh: ip netns and veth; unshare
  zlib1g-dev dataset-fashion-mnist            # eval: gzip IDX files; the Fashion-MNIST test
  python3-torch python3-pil                   # eval fixtures: the shapes detector, PNG images
  clang libclang-rt-14-dev                    # the libFuzzer targets (scripts/fuzz.sh)
  libssl-dev                                  # SHA-256 of models and artifacts (OpenSSL)
  g++-aarch64-linux-gnu qemu-user-static      # aarch64 runner bundles; the emulated Arm board
  openssh-client openssh-server adb           # devices: ssh:// and adb:// (sshd: the tests' device)
)
command -v node >/dev/null || packages+=(nodejs)
command -v npm >/dev/null || packages+=(npm)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# ONNX Runtime's C/C++ headers (npm com.github.asus4.onnxruntime, pinned by its integrity hash).
bash scripts/ort_headers.sh

# onnxruntime-node (the library the runner loads), pinned by runners/onnxruntime/package-lock.json.
# npm ci replaces node_modules, so only run it when the lock file changed since the last install.
# The same for the report's front end (web/: ECharts, and playwright-core for its browser tests;
# playwright never downloads a browser here, the tests drive Debian's chromium).
for folder in runners/onnxruntime web; do
  if [[ ! -f $folder/node_modules/.package-lock.json ||
        $folder/package-lock.json -nt $folder/node_modules/.package-lock.json ]]; then
    echo "setup: npm ci --ignore-scripts in $folder"
    (cd "$folder" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
  fi
done

# The aarch64 runner bundles (docs/arm-boards.md) link Debian's arm64 libraries, unpacked into
# sysroots/aarch64 rather than installed (scripts/aarch64-sysroot.sh says why).
if ! dpkg --print-foreign-architectures | grep -qx arm64; then
  dpkg --add-architecture arm64
  apt-get update -qq
fi
scripts/aarch64-sysroot.sh sysroots/aarch64

cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j"$(nproc)" -- --no-print-directory >/dev/null || {
  echo "setup: the build failed; 'cmake --build build' shows why" >&2
  exit 1
}
echo "setup: done (build/onnxbench)"
