#!/usr/bin/env bash
# Builds the libFuzzer targets of fuzz/ in build-fuzz/ (clang, ASan + UBSan) and runs each in turn.
#   scripts/fuzz.sh [--time SECONDS] [TARGET...]   the long run by hand: each target SECONDS
#                                                   (default 480), its corpus kept and grown in
#                                                   build-fuzz/corpus/TARGET
#   scripts/fuzz.sh --short                         the test command's run: each target 7 s from
#                                                   its seed corpus alone, with a fixed seed
#   --no-build                                      run the fuzzers as last built
# Prints per target: seconds, executions, executions per second, corpus size and crashes; exits 1
# when a target found anything (its input is left in build-fuzz/findings/TARGET/). The long run's
# logs stay in build-fuzz/logs/.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${ONNXBENCH_FUZZ_BUILD:-$root/build-fuzz}
seconds=480 short=0 build_first=1 targets=()
while (($#)); do
  case $1 in
    --short) short=1 seconds=7 ;;
    --time) seconds=$2; shift ;;
    --no-build) build_first=0 ;;
    -h|--help) sed -n 2,11p "$0"; exit 0 ;;
    -*) echo "fuzz.sh: unknown option '$1' (see --help)" >&2; exit 2 ;;
    *) targets+=("$1") ;;
  esac
  shift
done
all=(model_loader npy tensor_pb runner_request runner_reply tune_spec architecture search_space
     calibration_table)
((${#targets[@]})) || targets=("${all[@]}")

# The longest input worth trying per format: a few seed models are ~10 KiB, the rest is text.
declare -A max_len=([model_loader]=65536 [tensor_pb]=8192 [npy]=4096 [runner_reply]=16384)
# Dictionaries of the format's own words (field names, magic strings, op types).
declare -A dict=([model_loader]=onnx [tensor_pb]=onnx [npy]=npy [runner_request]=protocol
                 [runner_reply]=protocol [tune_spec]=json [architecture]=json
                 [search_space]=json [calibration_table]=json)

if ((build_first)) && [[ ! -f $build/CMakeCache.txt ]]; then
  cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++-14 \
    -DONNXBENCH_FUZZ=ON >/dev/null
fi
if ((build_first)); then
  cmake --build "$build" -j"$(nproc)" --target "${targets[@]/#/fuzz_}" -- --no-print-directory \
    >"$build/fuzz-build.log" 2>&1 || {
    tail -30 "$build/fuzz-build.log" >&2
    echo "fuzz.sh: the fuzz build failed ($build/fuzz-build.log)" >&2
    exit 1
  }
fi

scratch=$(mktemp -d "$build/run.XXXXXX")
trap 'rm -rf "$scratch"' EXIT
# Run copies, so that a rebuild during a long run does not replace a binary under it.
for t in "${targets[@]}"; do cp "$build/fuzz/fuzz_$t" "$scratch/"; done
printf '%-18s %6s %12s %9s %7s %8s\n' target seconds executions exec/s corpus crashes
failed=0
for t in "${targets[@]}"; do
  seeds=$root/fuzz/corpus/$t
  [[ -d $seeds ]] || { echo "fuzz.sh: no seed corpus $seeds" >&2; exit 2; }
  findings=$build/findings/$t
  mkdir -p "$findings"
  if ((short)); then
    corpus=$scratch/$t log=$scratch/$t.log
    extra=(-seed=1)
  else
    corpus=$build/corpus/$t log=$build/logs/$t.log
    extra=()
  fi
  mkdir -p "$corpus" "$(dirname "$log")"
  start=$SECONDS
  status=0
  # -timeout is wall-clock time: 20 s, as 5 s fired on a unit that takes 0.1 s of CPU when the
  # nice-19 run was starved on a shared machine.
  "$scratch/fuzz_$t" "$corpus" "$seeds" -max_total_time="$seconds" -timeout=20 \
    -rss_limit_mb=2048 -malloc_limit_mb=2048 -max_len="${max_len[$t]:-4096}" \
    -dict="$root/fuzz/dict/${dict[$t]}.dict" -artifact_prefix="$findings/" \
    -print_final_stats=1 "${extra[@]}" >"$log" 2>&1 || status=$?
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
  units=$(grep -o 'corp: [0-9]*' "$log" | tail -1 | cut -d' ' -f2)
  crashes=$((status != 0))
  printf '%-18s %6d %12s %9s %7s %8d\n' "$t" $((SECONDS - start)) "${execs:-?}" "${rate:-?}" \
    "${units:-?}" "$crashes"
  if ((status)); then
    failed=1
    grep -E 'ERROR|SUMMARY|fuzz finding|Test unit written|#[0-9]+ in onnxbench' "$log" | head -20 >&2
  fi
done
exit $failed
