#!/usr/bin/env bash
# Fleet figures for the README: claim throughput with trivial stages on PostgreSQL (1, 2, 4, 8
# workers) and SQLite (1-4 local workers), then 10,000 submitted models: the submit rate and
# the time `farm status` takes. Starts its own throwaway PostgreSQL cluster and stops it after;
# its SQLite files live in a scratch folder that is removed at exit.
#
# BEFORE_RATE=FILE BEFORE_ONNXBENCH=FILE (an older farm_rate and onnxbench) measure those too,
# interleaved with this build's in the same run, so both see the same machine and load.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${BUILD:-build}
tasks=${TASKS:-2000}
scratch=$(mktemp -d)
chmod 755 "$scratch"  # the cluster runs as the postgres user
port=$((50000 + RANDOM % 10000)) pgdir=$scratch/pg
trap 'bash tests/support/pg_cluster.sh stop "$pgdir" "$port"; rm -rf "$scratch"' EXIT
bash tests/support/pg_cluster.sh start "$pgdir" "$port"

variants=("this:$build/bench/farm_rate:$build/onnxbench")
if [[ -n ${BEFORE_RATE:-} ]]; then variants+=("before:$BEFORE_RATE:$BEFORE_ONNXBENCH"); fi

fresh_pg() {
  psql -q -h 127.0.0.1 -p "$port" -U postgres -c "DROP DATABASE IF EXISTS $1" \
    -c "CREATE DATABASE $1" postgres
  echo "postgresql://postgres@127.0.0.1:$port/$1"
}

echo "== PostgreSQL, $tasks trivial tasks (claim + complete)"
for w in 1 2 4 8; do
  for v in "${variants[@]}"; do
    IFS=: read -r name rate _ <<<"$v"
    printf '%-7s' "$name"
    "$rate" claims "$(fresh_pg "claims_${name}_$w")" "$w" "$tasks"
  done
done
echo "== SQLite, $tasks trivial tasks (claim + complete)"
for w in 1 2 3 4; do
  for v in "${variants[@]}"; do
    IFS=: read -r name rate _ <<<"$v"
    printf '%-7s' "$name"
    "$rate" claims "$scratch/claims-$name-$w.db" "$w" "$tasks"
  done
done
echo "== 10,000 models"
TIMEFORMAT=%R
for v in "${variants[@]}"; do
  IFS=: read -r name rate ob <<<"$v"
  url=$(fresh_pg "status_$name")
  printf '%-7s(PostgreSQL) ' "$name"
  "$rate" submit "$url" 10000
  printf '%-7sfarm status (PostgreSQL): ' "$name"
  { time "$ob" farm status --store "$url" >/dev/null; } 2>&1
  db=$scratch/status-$name.db
  printf '%-7s(SQLite) ' "$name"
  "$rate" submit "$db" 10000
  printf '%-7sfarm status (SQLite): ' "$name"
  { time "$ob" farm status --store "$db" >/dev/null; } 2>&1
done
