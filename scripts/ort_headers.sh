#!/usr/bin/env bash
# Fetches ONNX Runtime's C/C++ API headers into third_party/onnxruntime/include (gitignored): npm
# has them only inside com.github.asus4.onnxruntime (a 150 MB Unity package, MIT, Microsoft's own
# headers of ONNX Runtime 1.29). The tarball is checked against its pinned integrity hash, only the
# headers are kept, and the tarball is deleted. The library itself comes from npm onnxruntime-node
# (runners/onnxruntime/package-lock.json); its C API is ABI-stable, so the 1.29 headers call it.
# Idempotent: does nothing when the headers are there. Part of scripts/setup.sh.
set -euo pipefail
cd "$(dirname "$0")/.."

package=com.github.asus4.onnxruntime@0.4.9
integrity=sha512-BkzxduSZ9IkeDP6Q8lz2TFU2ie7hSSvS7ZIfzMooExoq0CNzJnuuGaUJ7IsojBgqO4ouD1jXah8OYyJbCN29Fg==
headers='package/Plugins/iOS~/onnxruntime.xcframework/ios-arm64/onnxruntime.framework/Headers'
dest=third_party/onnxruntime/include

[[ -f $dest/onnxruntime_cxx_api.h ]] && exit 0
echo "setup: fetching ONNX Runtime's C/C++ headers ($package, about 150 MB, kept: 200 KB)"
download=$(mktemp -d)
trap 'rm -rf "$download"' EXIT
(cd "$download" && npm pack "$package" --cache "$download/npm-cache" --silent --no-audit --no-fund >/dev/null)
tarball=("$download"/*.tgz)
actual="sha512-$(sha512sum "${tarball[0]}" | cut -d' ' -f1 | xxd -r -p | base64 -w0)"
if [[ $actual != "$integrity" ]]; then
  echo "setup: $package: integrity $actual, expected $integrity; not using it" >&2
  exit 1
fi
tar -xzf "${tarball[0]}" -C "$download" --wildcards "$headers/*.h"
mkdir -p "$dest"
cp "$download/$headers"/*.h "$dest/"
echo "setup: ONNX Runtime headers in $dest"
