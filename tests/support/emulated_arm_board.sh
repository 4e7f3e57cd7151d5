#!/usr/bin/env bash
# The emulated aarch64 board of the EmulatedArm tests: not a board, an emulation of one on this
# x86-64 host, said so everywhere. Every command that reaches it over ssh runs in Debian's
# aarch64 busybox under qemu-user-static (binfmt_misc), so `uname -m` says aarch64 and the
# runner pushed to it must be the aarch64 bundle. Its /proc/cpuinfo and cpufreq governor are a
# Raspberry Pi 4's, bind-mounted in sshd's own mount namespace (the host's are untouched).
# Needs root (binfmt_misc, mount namespaces).
#   emulated_arm_board.sh start DIR SYSROOT   binfmt, the board's userland in DIR.board, its
#                                             network namespace, and the devices tests' sshd
#                                             (test_sshd.sh) serving it there
#   emulated_arm_board.sh stop DIR            sshd and its sessions killed, DIR and DIR.board
#                                             removed, the namespace deleted
#   emulated_arm_board.sh exec CMD...         runs CMD (sshd, a runner under qemu) in a mount
#                                             namespace with the board's cpuinfo and governor
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)

binfmt() {
  local misc=/proc/sys/fs/binfmt_misc
  [[ -f $misc/register ]] || mount binfmt_misc -t binfmt_misc "$misc"
  [[ -f $misc/qemu-aarch64 ]] && return 0
  # Debian's registration of qemu-user-static (/usr/share/binfmts/qemu-aarch64): the ELF header
  # of an aarch64 executable; F opens the interpreter now, P keeps argv[0].
  local magic='\x7f\x45\x4c\x46\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00\xb7\x00'
  local mask='\xff\xff\xff\xff\xff\xff\xff\x00\xff\xff\xff\xff\xff\xff\xff\xff\xfe\xff\xff\xff'
  printf '%s' ":qemu-aarch64:M:0:$magic:$mask:/usr/libexec/qemu-binfmt/aarch64-binfmt-P:PF" \
    >"$misc/register"
}

prepare() {
  local dir=$1 sysroot=$2
  mkdir -p "$dir/bin"
  cp "$sysroot/bin/busybox" "$dir/bin/busybox"
  local applet
  for applet in $("$dir/bin/busybox" --list); do
    [[ $applet == busybox ]] || ln -sf busybox "$dir/bin/$applet"
  done
  # sshd's ForceCommand: the client's command runs in the board's shell; sftp (scp's protocol)
  # is served by this host's sftp-server, as a board's sshd would serve it.
  cat >"$dir/login" <<LOGIN
#!/bin/sh
case "\$SSH_ORIGINAL_COMMAND" in
  internal-sftp|*/sftp-server) exec /usr/lib/openssh/sftp-server ;;
esac
export PATH="$dir/bin" QEMU_LD_PREFIX=/usr/aarch64-linux-gnu
cd "\$HOME" 2>/dev/null || cd /
exec "$dir/bin/sh" -c "\$SSH_ORIGINAL_COMMAND"
LOGIN
  chmod 755 "$dir/login"
}

# The board's /proc/cpuinfo is an aarch64 kernel's (a Raspberry Pi 4's), not this host's x86 one
# that qemu-user passes through: ONNX Runtime's cpuinfo library parses it at start and crashes
# on an x86 one. sysfs has no cpufreq folder on this virtual machine: a tmpfs over cpu0 holds
# the governor.
exec_in_board() {
  exec unshare --mount --propagation private sh -c '
    cpu0=/sys/devices/system/cpu/cpu0
    mount --bind "$0" /proc/cpuinfo
    mount -t tmpfs emulated-board-cpu0 "$cpu0"
    mkdir "$cpu0/cpufreq"
    echo ondemand >"$cpu0/cpufreq/scaling_governor"
    exec "$@"' "$here/emulated_arm_board/cpuinfo" "$@"
}

# The board's own network namespace, joined to this host by a veth link with loopback-range
# addresses (as scripts/fleet-netns.sh does): 127.N.21.1 on the board, 127.N.21.2 here, N from
# the folder's name so that two checkouts testing at once do not collide. Loopback-range
# addresses on a link need route_localnet on both ends, the board's lo left down (its local
# 127.0.0.0/8 route would claim them) and here a local-table route over the link.
net_id() { echo $(($(cksum <<<"$1" | cut -d' ' -f1) % 200 + 20)); }
namespace_of() { echo "obarm-$(net_id "$1")"; }
board_address() { echo "127.$(net_id "$1").21.1"; }

network_up() {
  local n ns here_end board_end
  n=$(net_id "$1") ns=$(namespace_of "$1")
  here_end=obarm${n}h board_end=obarm${n}b
  ip netns add "$ns"
  ip link add "$here_end" type veth peer name "$board_end"
  ip link set "$board_end" netns "$ns"
  ip netns exec "$ns" sysctl -qw "net.ipv4.conf.$board_end.route_localnet=1"
  ip netns exec "$ns" ip addr add "127.$n.21.1/30" dev "$board_end"
  ip netns exec "$ns" ip link set "$board_end" up
  sysctl -qw "net.ipv4.conf.$here_end.route_localnet=1"
  ip addr add "127.$n.21.2/30" dev "$here_end" noprefixroute
  ip link set "$here_end" up
  ip route replace "127.$n.21.0/30" dev "$here_end" src "127.$n.21.2" table local
}

# Deleting the namespace deletes the link, its other end and the route with it.
network_down() { ip netns del "$(namespace_of "$1")" 2>/dev/null || true; }

start() {
  local dir=$1 sysroot=$2
  stop "$dir"
  if [[ ! -x $sysroot/bin/busybox || ! -x /usr/bin/qemu-aarch64-static ]]; then
    echo "emulated_arm_board: no aarch64 busybox in $sysroot or no qemu-user-static: the" \
      "EmulatedArm tests skip (scripts/setup.sh installs both)"
    return 0
  fi
  binfmt
  # Beside DIR: test_sshd.sh starts by emptying DIR.
  prepare "$dir.board" "$sysroot"
  network_up "$dir"
  # test_sshd.sh keeps root's ~/.bashrc (this host's, not the board's) out of every session.
  TEST_SSHD_ADDRESS=$(board_address "$dir") \
    TEST_SSHD_CONFIG="ForceCommand $dir.board/login" \
    TEST_SSHD_WRAPPER="ip netns exec $(namespace_of "$dir") $here/emulated_arm_board.sh exec" \
    bash "$here/test_sshd.sh" start "$dir"
}

stop() {
  bash "$here/test_sshd.sh" stop "$1"
  network_down "$1"
  rm -rf "$1.board"
}

case ${1:-} in
  start) start "$2" "$3" ;;
  stop) stop "$2" ;;
  exec) shift; exec_in_board "$@" ;;
  *) echo "usage: $0 start DIR SYSROOT | stop DIR | exec CMD..." >&2; exit 2 ;;
esac
