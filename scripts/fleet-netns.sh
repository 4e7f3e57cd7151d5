#!/usr/bin/env bash
# A fleet across network namespaces on one machine, as if on three: PostgreSQL in namespace
# obN-db, one worker in each of obN-w1 and obN-w2, each joined to the database by its own veth
# link; the host (which submits and watches) by a third. Addresses are in the loopback range
# only: 127.N.L.1 on the database's end of link L, 127.N.L.2 on the other end. Needs root.
#
#   scripts/fleet-netns.sh up              namespaces, links, PostgreSQL with database "fleet"
#   scripts/fleet-netns.sh url host|1|2    the store URL as the host or worker 1|2 reaches it
#   scripts/fleet-netns.sh worker 1|2 [farm worker options]   runs that worker in its namespace
#   scripts/fleet-netns.sh bytes 1|2       bytes worker 1|2 received over its link
#   scripts/fleet-netns.sh down            workers killed, PostgreSQL stopped, namespaces gone
#   scripts/fleet-netns.sh demo MODEL...   up, submit, two workers drain the queue, status, down
#
# FLEET_ID=N (1-254, default 77) keeps fleets apart; ONNXBENCH names the executable (default
# build/onnxbench). `up` and `down` are idempotent, and `up` starts from nothing.
#
# Loopback-range addresses on a real link need two things on Linux: route_localnet=1 on each
# veth end (else the kernel drops them as martians), and no `local 127.0.0.0/8` route claiming
# them: the namespaces keep their lo down, and on the host a more specific route in the local
# table sends 127.N.3.0/30 over the host's link instead of to its own lo.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
n=${FLEET_ID:-77}
ob=${ONNXBENCH:-$repo/build/onnxbench}
db=ob$n-db dir=/tmp/onnxbench-fleet-$n port=5432
ns_of() { echo "ob$n-w$1"; }
in_ns() { ip netns exec "$@"; }
usage() { sed -n '7,12p' "$0" | sed 's/^# //' >&2; exit 2; }

url() {
  case $1 in
    host) echo "postgresql://postgres@127.$n.3.1:$port/fleet" ;;
    1 | 2) echo "postgresql://postgres@127.$n.$1.1:$port/fleet" ;;
    *) usage ;;
  esac
}

# Link L between the database's namespace and namespace NS (empty: the host).
link() {
  local l=$1 ns=$2 a=ob${n}d$1 b=ob${n}w$1
  [[ -n $ns ]] || b=ob${n}h
  ip link add "$a" type veth peer name "$b"
  ip link set "$a" netns "$db"
  in_ns "$db" sysctl -qw "net.ipv4.conf.$a.route_localnet=1"
  in_ns "$db" ip addr add "127.$n.$l.1/30" dev "$a"
  in_ns "$db" ip link set "$a" up
  if [[ -n $ns ]]; then
    ip link set "$b" netns "$ns"
    in_ns "$ns" sysctl -qw "net.ipv4.conf.$b.route_localnet=1"
    in_ns "$ns" ip addr add "127.$n.$l.2/30" dev "$b"
    in_ns "$ns" ip link set "$b" up
  else
    sysctl -qw "net.ipv4.conf.$b.route_localnet=1"
    ip addr add "127.$n.$l.2/30" dev "$b" noprefixroute
    ip link set "$b" up
    ip route replace "127.$n.$l.0/30" dev "$b" src "127.$n.$l.2" table local
  fi
}

down() {
  local ns pid
  for ns in "$(ns_of 1)" "$(ns_of 2)"; do
    if ip netns list | grep -qw "$ns"; then
      for pid in $(ip netns pids "$ns"); do kill -KILL "$pid" 2>/dev/null || true; done
    fi
  done
  if [[ -d $dir ]]; then bash "$repo/tests/support/pg_cluster.sh" stop "$dir" "$port" || true; fi
  if ip netns list | grep -qw "$db"; then
    for pid in $(ip netns pids "$db"); do kill -KILL "$pid" 2>/dev/null || true; done
  fi
  for ns in "$db" "$(ns_of 1)" "$(ns_of 2)"; do
    if ip netns list | grep -qw "$ns"; then ip netns del "$ns"; fi
  done
  if ip link show "ob${n}h" >/dev/null 2>&1; then ip link del "ob${n}h"; fi
  rm -rf "$dir"
}

up() {
  down
  ip netns add "$db"
  ip netns add "$(ns_of 1)"
  ip netns add "$(ns_of 2)"
  link 1 "$(ns_of 1)"
  link 2 "$(ns_of 2)"
  link 3 ""
  in_ns "$db" bash "$repo/tests/support/pg_cluster.sh" start "$dir" "$port" \
    "127.$n.1.1,127.$n.2.1,127.$n.3.1"
  psql -q -h "127.$n.3.1" -p "$port" -U postgres -c "CREATE DATABASE fleet" postgres
  "$ob" store init --store "$(url host)"
  echo "fleet-netns: PostgreSQL in $db; workers reach it at $(url 1) and $(url 2);" \
    "the host at $(url host)"
}

# Worker K in its namespace, under its own host name (a UTS namespace of its own).
worker() {
  local k=$1
  [[ $k == 1 || $k == 2 ]] || usage
  shift
  in_ns "$(ns_of "$k")" unshare --uts sh -c 'echo "$1" >/proc/sys/kernel/hostname; shift; exec "$@"' \
    sh "fleet-w$k" "$ob" farm worker --store "$(url "$k")" --name "fleet-w$k" "$@"
}

bytes() { in_ns "$(ns_of "$1")" cat "/sys/class/net/ob${n}w$1/statistics/rx_bytes"; }

demo() {
  [[ $# -gt 0 ]] || usage
  trap down EXIT
  up
  "$ob" farm submit "$@" --store "$(url host)"
  worker 1 --idle-exit 10 2>"$dir/worker-1.log" &
  local w1=$!
  worker 2 --idle-exit 10 2>"$dir/worker-2.log" &
  local w2=$!
  "$ob" farm status --store "$(url host)" --watch &
  local watch=$!
  wait "$w1" "$w2"
  kill "$watch"
  "$ob" farm status --store "$(url host)"
  echo "fleet-netns: worker 1 received $(bytes 1) bytes over its link, worker 2 $(bytes 2)"
}

[[ $# -gt 0 ]] || usage
action=$1
shift
case $action in
  up | down) "$action" ;;
  url | bytes) [[ $# == 1 ]] || usage; "$action" "$1" ;;
  worker | demo) "$action" "$@" ;;
  *) usage ;;
esac
