#!/usr/bin/env bash
# Fleet figures for the README: claim throughput with trivial stages on PostgreSQL (1, 2, 4, 8
# workers) and SQLite (1-4 local workers), then 10,000 submitted models: the submit rate and
# the time `farm status` takes. Starts its own throwaway PostgreSQL cluster and stops it after.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${BUILD:-build}
rate=$build/bench/farm_rate
port=$((50000 + RANDOM % 10000)) dir=/tmp/onnxbench-pg-bench-$port
bash tests/support/pg_cluster.sh start "$dir" "$port"
trap 'bash tests/support/pg_cluster.sh stop "$dir" "$port"' EXIT
pg() { echo "postgresql://postgres@127.0.0.1:$port/$1"; }
fresh_pg() { psql -q -h 127.0.0.1 -p "$port" -U postgres -c "DROP DATABASE IF EXISTS $1" -c "CREATE DATABASE $1" postgres; pg "$1"; }
tasks=${TASKS:-2000}
echo "== PostgreSQL, $tasks trivial tasks"
for w in 1 2 4 8; do $rate claims "$(fresh_pg claims$w)" $w "$tasks"; done
echo "== SQLite, $tasks trivial tasks"
for w in 1 2 3 4; do
  db=/tmp/onnxbench-claims-$w.db; rm -f $db*
  $rate claims $db $w "$tasks"
done
echo "== 10,000 models"
url=$(fresh_pg status10k)
$rate submit "$url" 10000
/usr/bin/time -f "farm status (PostgreSQL): %e s" $build/onnxbench farm status --store "$url" >/dev/null
db=/tmp/onnxbench-status10k.db; rm -f $db*
$rate submit $db 10000
/usr/bin/time -f "farm status (SQLite): %e s" $build/onnxbench farm status --store $db >/dev/null
