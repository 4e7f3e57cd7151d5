#!/usr/bin/env bash
# Sets everything up, then runs every test (C++ GoogleTest suites and the Node runner's tests)
# through CTest, which ends with its summary line.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
cd build
ctest --output-on-failure -j"$(nproc)" --timeout 900
