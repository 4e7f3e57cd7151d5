#!/usr/bin/env bash
# The emulated aarch64 board of the EmulatedArm tests: not a board, an emulation of one on this
# x86-64 host, said so everywhere. Every command that reaches it over ssh runs in Debian's
# aarch64 busybox under qemu-user-static (binfmt_misc), so `uname -m` says aarch64 and the
# runner pushed to it must be the aarch64 bundle. Its /proc/cpuinfo and cpufreq governor are a
# Raspberry Pi 4's, bind-mounted in sshd's own mount namespace (the host's are untouched).
# Needs root (binfmt_misc, mount namespaces).
#   emulated_arm_board.sh start DIR SYSROOT   binfmt, the board's userland in DIR/board, and the
#                                             devices tests' sshd (test_sshd.sh) serving it
#   emulated_arm_board.sh stop DIR            sshd and its sessions killed, DIR removed
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

start() {
  local dir=$1 sysroot=$2
  "$here/test_sshd.sh" stop "$dir"
  binfmt
  prepare "$dir/board" "$sysroot"
  TEST_SSHD_CONFIG="ForceCommand $dir/board/login" \
    TEST_SSHD_WRAPPER="$here/emulated_arm_board.sh exec" "$here/test_sshd.sh" start "$dir"
}

case ${1:-} in
  start) start "$2" "$3" ;;
  stop) "$here/test_sshd.sh" stop "$2" ;;
  exec) shift; exec_in_board "$@" ;;
  *) echo "usage: $0 start DIR SYSROOT | stop DIR | exec CMD..." >&2; exit 2 ;;
esac
