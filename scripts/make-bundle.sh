#!/usr/bin/env bash
# Makes a self-contained runner bundle: the runner, the shared libraries it needs (NEEDED by
# NEEDED, found in the search folders) and manifest.json naming the engine, the versions, the
# architecture, and the lowest glibc and libstdc++ the bundle runs on, read off every file's
# versioned symbol needs (objdump -p), never assumed. glibc, libstdc++.so.6 and libgcc_s.so.1
# are the board's own: bundling the cross toolchain's libstdc++ would raise the glibc needed to
# the toolchain's (2.36) and shut out boards that run Ubuntu 22.04.
# Usage: make-bundle.sh --out DIR --engine NAME --engine-version V --runner-version V
#          --arch ARCH --objdump TOOL --strip TOOL [--search DIR]... RUNNER [EXTRA_LIBRARY]...
set -euo pipefail
search=()
while [[ $1 == --* ]]; do
  case $1 in
    --out) out=$2 ;;
    --engine) engine=$2 ;;
    --engine-version) engine_version=$2 ;;
    --runner-version) runner_version=$2 ;;
    --arch) arch=$2 ;;
    --objdump) objdump=$2 ;;
    --strip) strip=$2 ;;
    --search) search+=("$2") ;;
    *) echo "make-bundle: unknown option $1" >&2; exit 2 ;;
  esac
  shift 2
done
runner=$1
shift

# The board's own libraries, never bundled.
is_board_library() {
  [[ $1 =~ ^(libc|libm|libdl|librt|libpthread|libresolv|libutil|libanl|libgcc_s)\.so\.[0-9]+$ ||
     $1 == ld-linux-*.so.* || $1 == libstdc++.so.6 ]]
}
needed() { "$objdump" -p "$1" | awk '$1 == "NEEDED" { print $2 }'; }
find_library() {
  local dir
  for dir in "${search[@]}"; do
    [[ -e $dir/$1 ]] && { echo "$dir/$1"; return; }
  done
  echo "make-bundle: $1 (needed by the $engine runner) is in none of: ${search[*]}" >&2
  exit 1
}

mkdir -p "$(dirname "$out")"
staging=$(mktemp -d "$(dirname "$out")/.bundle-$engine.XXXXXX")
trap 'rm -rf "$staging" "$staging.manifest"' EXIT
cp "$runner" "$staging/"
"$strip" --strip-unneeded "$staging/$(basename "$runner")"
for lib in "$@"; do cp -L "$lib" "$staging/"; done

queue=("$staging/$(basename "$runner")")
for lib in "$@"; do queue+=("$staging/$(basename "$lib")"); done
while ((${#queue[@]})); do
  file=${queue[0]}
  queue=("${queue[@]:1}")
  for name in $(needed "$file"); do
    is_board_library "$name" && continue
    [[ -e $staging/$name ]] && continue
    cp -L "$(find_library "$name")" "$staging/$name"
    queue+=("$staging/$name")
  done
done

# The highest version of a symbol set (GLIBC, GLIBCXX) that any file of the bundle needs.
lowest_needed() {
  for f in "$staging"/*; do "$objdump" -p "$f"; done |
    grep -oE "\b$1_[0-9]+(\.[0-9]+)+\b" | sed "s/$1_//" | sort -uV | tail -1
}
glibc_min=$(lowest_needed GLIBC)
libstdcxx_min=$(lowest_needed GLIBCXX)
{
  printf '{"format":1,"engine":"%s","engine_version":"%s",' "$engine" "$engine_version"
  printf '"runner":"%s","runner_version":"%s",' "$(basename "$runner")" "$runner_version"
  printf '"os":"linux","architecture":"%s","glibc_min":"%s","libstdcxx_min":"%s","files":[' \
    "$arch" "$glibc_min" "$libstdcxx_min"
  sep=
  for f in "$staging"/*; do
    printf '%s{"name":"%s","bytes":%d,"sha256":"%s"}' "$sep" "$(basename "$f")" \
      "$(stat -c %s "$f")" "$(sha256sum "$f" | cut -d' ' -f1)"
    sep=,
  done
  printf ']}\n'
} >"$staging.manifest"
mv "$staging.manifest" "$staging/manifest.json"
chmod 755 "$staging"
rm -rf "$out"
mv "$staging" "$out"
trap - EXIT
echo "make-bundle: $out ($engine $engine_version for linux-$arch, glibc >= $glibc_min," \
  "libstdc++ >= GLIBCXX_$libstdcxx_min, $(du -sh "$out" | cut -f1))"
