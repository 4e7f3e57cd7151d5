#!/usr/bin/env python3
"""EmulatedAdbServer: a test double of the adb server, for tests that drive Debian's real `adb`
client where no Android device exists. It is NOT adb and its device is NOT a phone.

It listens on a loopback port and speaks the adb host protocol as AOSP documents it
(packages/modules/adb: protocol.txt, SERVICES.TXT, SYNC.TXT): a request is 4 hex digits of
length and the text; the answer is OKAY, or FAIL with a length-prefixed message.
  host:version                  -> the version the Debian client (1.0.41) expects: 0029
  host:devices, host:devices-l  -> "SERIAL\tdevice" (or offline)
  host:features, host-serial:SERIAL:features, host-serial:SERIAL:get-state
  host:transport:SERIAL, host:tport:serial:SERIAL (answer: 8-byte transport id), host:tport:any
then on the same connection a device service:
  shell,v2,...:COMMAND          -> shell protocol v2 (1-byte id, 4-byte little-endian length):
                                   stdin 0, stdout 1, stderr 2, exit 3, close-stdin 4
  sync:                         -> STAT, STA2/LST2, SEND (DATA..., DONE), RECV, QUIT
The one device, SERIAL, is a sandbox folder: shell commands run chrooted there (in a private
mount namespace with this host's /usr, /etc, /proc, /sys and /dev bound in, read-only where it
matters), and sync paths are resolved inside it. `getprop` answers emulated properties.

Control, one line at a time on stdin: `offline` (the device goes away: its streams are cut and
its commands killed, as when a USB cable is pulled), `online`. EOF stops the server. The first
line on stdout is `port N`.

  emulated_adb_server.py --serial emulated-0 --sandbox DIR [--property K=V]... [--machine ARCH]
"""
import argparse
import os
import signal
import socket
import stat
import struct
import subprocess
import sys
import threading

ADB_SERVER_VERSION = 41  # adb 1.0.41, Debian's android-tools 29
FEATURES = "shell_v2,cmd,stat_v2,ls_v2,fixed_push_mkdir"
PROPERTIES = {
    "ro.build.version.release": "14",
    "ro.product.model": "EmulatedAdbDevice",
    "ro.soc.manufacturer": "Emulated",
    "ro.soc.model": "EmulatedSoC",
    "ro.board.platform": "emulated",
}
SHELL_STDIN, SHELL_STDOUT, SHELL_STDERR, SHELL_EXIT, SHELL_CLOSE_STDIN = 0, 1, 2, 3, 4


class ProtocolError(Exception):
    pass


def read_exact(conn, n):
    data = b""
    while len(data) < n:
        chunk = conn.recv(n - len(data))
        if not chunk:
            raise ProtocolError("connection closed")
        data += chunk
    return data


def send_okay(conn, payload=None):
    conn.sendall(b"OKAY" + (b"" if payload is None else b"%04x" % len(payload) + payload))


def send_fail(conn, message):
    data = message.encode()
    conn.sendall(b"FAIL" + b"%04x" % len(data) + data)


class Device:
    def __init__(self, serial, sandbox, properties=None, machine=None):
        self.serial = serial
        self.sandbox = os.path.realpath(sandbox)
        self.properties = {**PROPERTIES, **(properties or {})}
        self.machine = machine
        self.state = "device"
        self.lock = threading.Lock()
        self.streams = set()  # (connection, process or None) of running services
        self.prepare_sandbox()

    def prepare_sandbox(self):
        for folder in ("usr", "etc", "proc", "sys", "dev", "tmp", "data/local/tmp", "system/bin"):
            os.makedirs(os.path.join(self.sandbox, folder), exist_ok=True)
        for link in ("bin", "lib", "lib64", "sbin"):
            path = os.path.join(self.sandbox, link)
            if not os.path.lexists(path) and os.path.lexists("/" + link):
                os.symlink("usr/" + link, path)
        props = "".join('  %s) echo "%s" ;;\n' % (k, v) for k, v in self.properties.items())
        getprop = os.path.join(self.sandbox, "system/bin/getprop")
        with open(getprop, "w") as f:
            f.write('#!/bin/sh\n# EmulatedAdbServer: emulated properties\ncase "$1" in\n%s'
                    '  *) echo "" ;;\nesac\n' % props)
        os.chmod(getprop, 0o755)
        if self.machine:
            uname = os.path.join(self.sandbox, "system/bin/uname")
            with open(uname, "w") as f:
                f.write('#!/bin/sh\n# EmulatedAdbServer: the emulated architecture\n'
                        'if [ "$*" = -m ]; then echo %s; else exec /usr/bin/uname "$@"; fi\n'
                        % self.machine)
            os.chmod(uname, 0o755)

    def path(self, device_path):
        full = os.path.realpath(os.path.join(self.sandbox, device_path.lstrip("/")))
        if full != self.sandbox and not full.startswith(self.sandbox + "/"):
            raise ProtocolError("path outside the device: " + device_path)
        return full

    def shell_process(self, command):
        s = self.sandbox
        mounts = " && ".join(
            "mount --rbind /%s %s/%s" % (d, s, d) for d in ("usr", "etc", "proc", "sys", "dev"))
        readonly = " && ".join("mount -o remount,bind,ro %s/%s" % (s, d) for d in ("usr", "etc"))
        script = mounts + " && " + readonly + ' && exec /usr/sbin/chroot %s /bin/sh -c "$0"' % s
        env = {"PATH": "/system/bin:/usr/bin:/bin", "HOME": "/data/local/tmp", "TMPDIR": "/tmp"}
        return subprocess.Popen(["unshare", "--mount", "--fork", "/bin/sh", "-c", script, command],
                                stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, env=env, cwd="/",
                                start_new_session=True)

    def go_offline(self):
        with self.lock:
            self.state = "offline"
            streams = list(self.streams)
        for conn, process in streams:
            if process is not None:
                try:
                    os.killpg(process.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
            try:
                conn.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass


class Server:
    def __init__(self, device, verbose):
        self.device, self.verbose = device, verbose

    def handle(self, conn):
        try:
            while True:
                length = int(read_exact(conn, 4), 16)
                request = read_exact(conn, length).decode()
                if self.verbose:
                    print("EmulatedAdbServer: " + request, file=sys.stderr, flush=True)
                if not self.host_request(conn, request):
                    return
        except (ProtocolError, OSError, ValueError):
            pass
        finally:
            # shutdown, not only close: a thread blocked in recv() would keep the socket open,
            # and the client reads until the connection ends, even after the exit packet.
            try:
                conn.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            conn.close()

    # Returns True when the connection continues with another request (after a transport
    # switch), False when it is done.
    def host_request(self, conn, request):
        d = self.device
        serial_prefix = "host-serial:%s:" % d.serial
        if request == "host:version":
            send_okay(conn, b"%04x" % ADB_SERVER_VERSION)
        elif request in ("host:devices", "host:devices-l"):
            send_okay(conn, ("%s\t%s\n" % (d.serial, d.state)).encode())
        elif request in ("host:features", "host:host-features", serial_prefix + "features"):
            send_okay(conn, FEATURES.encode())
        elif request == serial_prefix + "get-state":
            send_okay(conn, d.state.encode())
        elif request in ("host:transport:" + d.serial, "host:tport:serial:" + d.serial,
                         "host:tport:any", "host:transport-any"):
            if d.state != "device":
                send_fail(conn, "device offline")
                return False
            send_okay(conn)
            if request.startswith("host:tport:"):
                conn.sendall(struct.pack("<Q", 1))
            length = int(read_exact(conn, 4), 16)
            service = read_exact(conn, length).decode()
            if self.verbose:
                print("EmulatedAdbServer: " + service, file=sys.stderr, flush=True)
            self.device_service(conn, service)
            return False
        elif request.startswith(("host-serial:", "host:transport:", "host:tport:serial:")):
            serial = request.split(":")[1 if request.startswith("host-serial:") else -1]
            send_fail(conn, "device '%s' not found" % serial)
        elif request == "host:kill":
            send_fail(conn, "EmulatedAdbServer: host:kill is refused")
        else:
            send_fail(conn, "EmulatedAdbServer: unsupported request '%s'" % request)
        return False

    def device_service(self, conn, service):
        if service.startswith("shell"):
            header, _, command = service.partition(":")
            if "v2" not in header.split(","):
                send_fail(conn, "EmulatedAdbServer: only shell protocol v2 is emulated")
                return
            send_okay(conn)
            self.shell_v2(conn, command)
        elif service == "sync:":
            send_okay(conn)
            self.track(conn, None, lambda: Sync(self.device, conn).serve())
        else:
            send_fail(conn, "EmulatedAdbServer: unsupported service '%s'" % service)

    def track(self, conn, process, run):
        d = self.device
        with d.lock:
            d.streams.add((conn, process))
        try:
            run()
        finally:
            with d.lock:
                d.streams.discard((conn, process))

    def shell_v2(self, conn, command):
        process = self.device.shell_process(command)
        send_lock = threading.Lock()

        def packet(kind, data):
            with send_lock:
                conn.sendall(struct.pack("<BI", kind, len(data)) + data)

        def pump(stream, kind):
            for chunk in iter(lambda: os.read(stream.fileno(), 65536), b""):
                packet(kind, chunk)

        def feed_stdin():
            try:
                while True:
                    kind, length = struct.unpack("<BI", read_exact(conn, 5))
                    data = read_exact(conn, length)
                    if kind == SHELL_STDIN:
                        process.stdin.write(data)
                        process.stdin.flush()
                    elif kind == SHELL_CLOSE_STDIN:
                        process.stdin.close()
            except (ProtocolError, OSError, ValueError):
                pass

        def run():
            threading.Thread(target=feed_stdin, daemon=True).start()
            pumps = [threading.Thread(target=pump, args=(process.stdout, SHELL_STDOUT)),
                     threading.Thread(target=pump, args=(process.stderr, SHELL_STDERR))]
            for t in pumps:
                t.start()
            for t in pumps:
                t.join()
            status = process.wait()
            if self.device.state == "device":
                packet(SHELL_EXIT, bytes([status & 0xFF if status >= 0 else 128 - status]))

        try:
            self.track(conn, process, run)
        finally:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()


class Sync:
    """SYNC.TXT: 4-byte id, 4-byte little-endian length, then the data."""

    def __init__(self, device, conn):
        self.device, self.conn = device, conn

    def send(self, ident, payload):
        self.conn.sendall(ident + payload)

    def fail(self, message):
        data = message.encode()
        self.send(b"FAIL", struct.pack("<I", len(data)) + data)

    def serve(self):
        while True:
            ident, length = struct.unpack("<4sI", read_exact(self.conn, 8))
            if ident == b"QUIT":
                return
            path = read_exact(self.conn, length).decode()
            if ident == b"STAT":
                self.stat_v1(path)
            elif ident in (b"STA2", b"LST2"):
                self.stat_v2(ident, path)
            elif ident == b"SEND":
                self.receive_file(path)
            elif ident == b"RECV":
                self.send_file(path)
            else:
                self.fail("EmulatedAdbServer: unsupported sync request " + ident.decode())
                return

    def stat_v1(self, path):
        try:
            st = os.stat(self.device.path(path))
            self.send(b"STAT", struct.pack("<III", st.st_mode, st.st_size & 0xFFFFFFFF,
                                           int(st.st_mtime)))
        except (OSError, ProtocolError):
            self.send(b"STAT", struct.pack("<III", 0, 0, 0))

    def stat_v2(self, ident, path):
        try:
            full = self.device.path(path)
            st = os.stat(full) if ident == b"STA2" else os.lstat(full)
            self.send(ident, struct.pack("<IQQIIIIQqqq", 0, st.st_dev, st.st_ino, st.st_mode,
                                         st.st_nlink, st.st_uid, st.st_gid, st.st_size,
                                         int(st.st_atime), int(st.st_mtime), int(st.st_ctime)))
        except (OSError, ProtocolError):
            self.send(ident, struct.pack("<IQQIIIIQqqq", 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))

    def receive_file(self, spec):
        path, _, mode = spec.rpartition(",")
        try:
            full = self.device.path(path)
            os.makedirs(os.path.dirname(full), exist_ok=True)
            out = open(full, "wb")
        except (OSError, ProtocolError) as e:
            out, error = None, str(e)
        while True:
            ident, length = struct.unpack("<4sI", read_exact(self.conn, 8))
            if ident == b"DATA":
                data = read_exact(self.conn, length)
                if out:
                    out.write(data)
            elif ident == b"DONE":
                break
            else:
                raise ProtocolError("unexpected %r in SEND" % ident)
        if not out:
            self.fail(error)
            return
        out.close()
        os.chmod(full, int(mode) & 0o777 if mode.isdigit() else 0o644)
        self.send(b"OKAY", struct.pack("<I", 0))

    def send_file(self, path):
        try:
            with open(self.device.path(path), "rb") as f:
                for chunk in iter(lambda: f.read(64 * 1024), b""):
                    self.send(b"DATA", struct.pack("<I", len(chunk)) + chunk)
            self.send(b"DONE", struct.pack("<I", 0))
        except (OSError, ProtocolError) as e:
            self.fail(str(e))


def main():
    parser = argparse.ArgumentParser(description="EmulatedAdbServer (a test double of adb)")
    parser.add_argument("--serial", required=True)
    parser.add_argument("--sandbox", required=True)
    parser.add_argument("--verbose", action="store_true", help="log requests on stderr")
    parser.add_argument("--property", action="append", default=[], help="KEY=VALUE for getprop")
    parser.add_argument("--machine", help="what `uname -m` says")
    args = parser.parse_args()
    properties = dict(p.split("=", 1) for p in args.property)
    device = Device(args.serial, args.sandbox, properties, args.machine)
    server = Server(device, args.verbose)
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", 0))
    listener.listen(64)

    def accept():
        while True:
            try:
                conn, _ = listener.accept()
            except OSError:
                return
            threading.Thread(target=server.handle, args=(conn,), daemon=True).start()

    threading.Thread(target=accept, daemon=True).start()
    print("port %d" % listener.getsockname()[1], flush=True)
    for line in sys.stdin:
        if line.strip() == "offline":
            device.go_offline()
        elif line.strip() == "online":
            device.state = "device"
        print("ok " + line.strip(), flush=True)
    device.go_offline()
    listener.close()


if __name__ == "__main__":
    main()
