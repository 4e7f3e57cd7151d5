#!/usr/bin/env bash
# A throwaway OpenSSH server for the device tests: Debian's sshd on a free loopback port, with a
# host key and a user key made for it, run as root in the foreground (-D) in the background of
# this script. Everything lives in DIR, which `stop` removes after killing sshd and every
# process it started (the connections' own sshd processes and the sessions under them).
#   test_sshd.sh start DIR   -> DIR/ssh_config names the host alias onnxbench-test-sshd
#   test_sshd.sh kill DIR    -> kills sshd and its processes, keeps DIR (the client's config)
#   test_sshd.sh stop DIR    -> kill, then removes DIR
# The emulated Arm board (emulated_arm_board.sh) reuses it: TEST_SSHD_ADDRESS is the address to
# listen on (default 127.0.0.1), TEST_SSHD_WRAPPER a command that sshd runs under (a network and
# mount namespace), TEST_SSHD_CONFIG more sshd_config lines (its ForceCommand).
set -euo pipefail
action=$1
dir=$2

descendants() {
  local pid=$1 child
  for child in $(ps -o pid= --ppid "$pid" 2>/dev/null); do
    echo "$child"
    descendants "$child"
  done
}

kill_server() {
  if [[ -f $dir/sshd.pid ]]; then
    local pid all
    pid=$(cat "$dir/sshd.pid")
    kill -STOP "$pid" 2>/dev/null || true  # no new connection while its tree is listed
    all="$pid $(descendants "$pid")"
    # shellcheck disable=SC2086
    kill -KILL $all 2>/dev/null || true
    rm -f "$dir/sshd.pid"
  fi
}

stop() {
  kill_server
  rm -rf "$dir"
}

start() {
  stop
  mkdir -p "$dir/device"
  chmod 700 "$dir"
  ssh-keygen -q -t ed25519 -N '' -C onnxbench-test-host -f "$dir/host_key"
  ssh-keygen -q -t ed25519 -N '' -C onnxbench-test-user -f "$dir/user_key"
  cp "$dir/user_key.pub" "$dir/authorized_keys"
  local port
  local address=${TEST_SSHD_ADDRESS:-127.0.0.1}
  # A free port here; a board in its own network namespace has every port free.
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  echo "$port" >"$dir/port"
  cat >"$dir/sshd_config" <<CONFIG
ListenAddress $address:$port
${TEST_SSHD_CONFIG:-}
HostKey $dir/host_key
AuthorizedKeysFile $dir/authorized_keys
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
PermitRootLogin prohibit-password
StrictModes no
PidFile none
Subsystem sftp internal-sftp
LogLevel ERROR
# bash reads ~/.bashrc for a command that sshd starts unless SHLVL says it is nested; a user's
# .bashrc (pyenv's shims lock, say) must not stall or break the tests' sessions.
SetEnv SHLVL=1
CONFIG
  echo "[$address]:$port $(cat "$dir/host_key.pub")" >"$dir/known_hosts"
  cat >"$dir/ssh_config" <<CONFIG
Host onnxbench-test-sshd
  HostName $address
  Port $port
  User root
  IdentityFile $dir/user_key
  IdentitiesOnly yes
  IdentityAgent none
  UserKnownHostsFile $dir/known_hosts
  StrictHostKeyChecking yes
  LogLevel ERROR
CONFIG
  mkdir -p /run/sshd  # sshd's privilege-separation folder (the package's own, made at boot)
  ${TEST_SSHD_WRAPPER:-} /usr/sbin/sshd -D -f "$dir/sshd_config" -E "$dir/sshd.log" </dev/null >/dev/null 2>&1 &
  echo $! >"$dir/sshd.pid"
  for _ in $(seq 100); do
    if ssh -F "$dir/ssh_config" -o BatchMode=yes onnxbench-test-sshd true 2>/dev/null; then
      return 0
    fi
    sleep 0.1
  done
  echo "test_sshd: sshd did not answer on port $port:" >&2
  cat "$dir/sshd.log" >&2 || true
  stop
  exit 1
}

case $action in
  start) start ;;
  kill) kill_server ;;
  stop) stop ;;
  *)
    echo "usage: $0 start|kill|stop DIR" >&2
    exit 2
    ;;
esac
