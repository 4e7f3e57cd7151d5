#!/usr/bin/env python3
"""Entry point of every emulated Qualcomm tool: the SDK's bin/ and exec/ folders hold each tool's
name, and the name it was started as picks the tool.

In the SDK (a host tool) it finds the emulation beside its real path, as the real host tools find
their libraries through their RUNPATH. Copied to a device without the SDK around it (a device
binary, bin/<target>), it needs what the real one needs there: its libraries through
LD_LIBRARY_PATH (the emulation is kept with the emulated libSNPE.so in lib/<target>), and fails
as the dynamic loader does when they are not found."""
import os
import sys

HERE = os.path.dirname(os.path.realpath(__file__))
# What each device binary links (every one: the C++ runtime the SDK ships).
NEEDED = {"snpe-net-run": ["libSNPE.so", "libc++_shared.so"],
          "snpe-throughput-net-run": ["libSNPE.so", "libc++_shared.so"],
          "qnn-net-run": ["libc++_shared.so"]}


def find_libraries(name):
    """The folder of the device binary's libraries on LD_LIBRARY_PATH; exits as the loader does."""
    folders = [f for f in os.environ.get("LD_LIBRARY_PATH", "").split(":") if f]
    found = None
    for library in NEEDED.get(name, ["libc++_shared.so"]):
        where = [f for f in folders if os.path.isfile(os.path.join(f, library))]
        if not where:
            if os.path.exists("/system/bin/getprop"):  # Android's loader, else glibc's
                print(f'CANNOT LINK EXECUTABLE "{sys.argv[0]}": library "{library}" not found: '
                      'needed by main executable', file=sys.stderr)
                sys.exit(1)
            print(f"{name}: error while loading shared libraries: {library}: cannot open shared "
                  "object file: No such file or directory", file=sys.stderr)
            sys.exit(127)
        found = found or where[0]
    return found


if __name__ == "__main__":
    if not os.path.isfile(os.path.join(HERE, "emulated_common.py")):
        libraries = find_libraries(os.path.basename(sys.argv[0]))
        sys.path.insert(0, libraries)
        os.environ["EMULATED_DEVICE_BINARY"] = "1"
    else:
        sys.path.insert(0, HERE)
    import emulated_common
    import emulated_qaic
    import emulated_qnn
    import emulated_snpe

    emulated_common.main({**emulated_snpe.TOOLS, **emulated_qnn.TOOLS, **emulated_qaic.TOOLS})
