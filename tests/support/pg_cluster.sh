#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the store and fleet tests, started and stopped by CTest
# fixtures (tests/CMakeLists.txt) and by scripts/fleet-netns.sh:
#   pg_cluster.sh start|stop|restart DIR PORT [LISTEN]
# The server listens on LISTEN (default 127.0.0.1; a comma list of loopback-range addresses),
# port PORT, and a Unix socket in DIR, trusts connections from 127.0.0.0/8 only, and runs as the
# `postgres` user (PostgreSQL refuses to run as root). Installs Debian's postgresql when its
# server binaries are missing.
set -euo pipefail
action=$1 dir=$2 port=$3 listen=${4:-127.0.0.1}

find_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }
bin=$(find_bin)
if [[ -z $bin && $action == start ]]; then
  echo "pg_cluster: installing postgresql (Debian)"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql >/dev/null
  bin=$(find_bin)
fi
[[ -n $bin ]] || { echo "pg_cluster: no PostgreSQL server binaries in /usr/lib/postgresql" >&2; exit 1; }

as_server() {
  if [[ $(id -u) == 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}
ctl() {
  as_server "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-p $port -k $dir -c listen_addresses=$listen -c fsync=off -c max_connections=300" "$@"
}

case $action in
  start)
    if [[ -f $dir/data/postmaster.pid ]]; then ctl -m immediate stop >/dev/null 2>&1 || true; fi
    rm -rf "$dir"
    mkdir -p "$dir"
    [[ $(id -u) == 0 ]] && chown postgres "$dir"
    as_server "$bin/initdb" -D "$dir/data" -U postgres -A trust --no-sync -E UTF8 >/dev/null
    echo "host all all 127.0.0.0/8 trust" >>"$dir/data/pg_hba.conf"
    ctl start >/dev/null
    echo "pg_cluster: PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on $listen port $port"
    ;;
  restart) ctl -m fast restart >/dev/null ;;
  stop)
    ctl -m fast stop >/dev/null 2>&1 || true
    rm -rf "$dir"
    ;;
  *) echo "usage: pg_cluster.sh start|stop|restart DIR PORT [LISTEN]" >&2; exit 2 ;;
esac
