"""Shared parts of the emulated Qualcomm SDK (test double, not Qualcomm's code).

The emulated tools keep the ONNX model inside their containers (an emulated DLC or Cloud AI 100
program is a zip holding model.onnx and a JSON description) and compute real outputs and real
CPU timings by running that model with onnxbench's own OpenCV runner over the runner protocol.
Where the emulated SDK lives is found from this file: <sdk>/emulated/<this file>, and
<sdk>/emulated/emulated.json names the runner and the onnxbench program.
"""
import array
import ast
import json
import os
import random
import subprocess
import sys
import tempfile
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))


class EmulatedToolError(Exception):
    """A failure the tool reports with "ERROR: <message>" and exit status 1."""


def config():
    """emulated.json beside this file; a relative runner path is relative to it (on a device)."""
    with open(os.path.join(HERE, "emulated.json")) as f:
        c = json.load(f)
    c["runner"] = os.path.join(HERE, c["runner"])
    return c


def device_binary():
    """Whether this is an SDK device binary run on a device (emulated_tool.py says so)."""
    return os.environ.get("EMULATED_DEVICE_BINARY") == "1"


def dsp_skeleton_found(kind):
    """A device binary reaches the Hexagon DSP through the skeleton libraries (lib<kind>HtpV<NN>
    Skel.so) in the ';'-separated folders of ADSP_LIBRARY_PATH, as FastRPC loads them."""
    for folder in os.environ.get("ADSP_LIBRARY_PATH", "").split(";"):
        try:
            names = os.listdir(folder) if folder else []
        except OSError:
            continue
        if any(n.startswith(f"lib{kind}HtpV") and n.endswith("Skel.so") for n in names):
            return True
    return False


def inspect_model(onnx_path, symbols=None):
    """onnxbench inspect --json - --per-node: inputs, outputs, parameters, MACs, nodes."""
    command = [config()["onnxbench"], "inspect", onnx_path, "--json", "-", "--per-node"]
    for name, value in (symbols or {}).items():
        command += ["--dim", f"{name}={value}"]
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        raise EmulatedToolError(f"cannot read ONNX model {onnx_path}: {done.stderr.strip()}")
    return json.loads(done.stdout)


# --- containers -------------------------------------------------------------------------------

def write_container(path, onnx_bytes, description):
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("model.onnx", onnx_bytes)
        z.writestr("description.json", json.dumps(description, indent=1))


def read_container(path, what):
    try:
        with zipfile.ZipFile(path) as z:
            return z.read("model.onnx"), json.loads(z.read("description.json"))
    except (OSError, KeyError, zipfile.BadZipFile, ValueError) as e:
        raise EmulatedToolError(f"cannot read {what} {path}: {e}")


# --- tensors: .npy for the runner, .raw for the tools -----------------------------------------

NPY_CODES = {"float32": ("<f4", "f"), "float16": ("<f2", None), "uint8": ("|u1", "B"),
             "int64": ("<i8", "q"), "int32": ("<i4", "i")}


def count(shape):
    n = 1
    for d in shape:
        n *= d
    return n


def write_npy(path, values, shape, dtype="float32"):
    descr, code = NPY_CODES[dtype]
    header = "{'descr': '%s', 'fortran_order': False, 'shape': (%s), }" % (
        descr, "".join(f"{d}," for d in shape))
    header += " " * (63 - (10 + len(header)) % 64) + "\n"
    with open(path, "wb") as f:
        f.write(b"\x93NUMPY\x01\x00" + len(header).to_bytes(2, "little") + header.encode())
        f.write(array.array(code, values).tobytes())


def read_npy(path):
    with open(path, "rb") as f:
        data = f.read()
    length = int.from_bytes(data[8:10], "little")
    header = ast.literal_eval(data[10:10 + length].decode())
    code = {"<f4": "f", "<i8": "q", "<i4": "i", "|u1": "B"}[header["descr"]]
    values = array.array(code)
    values.frombytes(data[10 + length:])
    return list(values), list(header["shape"])


def channels_last_order(shape):
    """For each stored (NHWC) position, the index of the element in the declared (NCHW) order."""
    if len(shape) < 3:
        return list(range(count(shape)))
    n, c = shape[0], shape[1]
    spatial = count(shape[2:])
    return [(b * c + ch) * spatial + s for b in range(n) for s in range(spatial) for ch in range(c)]


def read_raw(path, shape, dtype, layout, encoding=None):
    """Values in the declared order from a .raw file stored in `layout`."""
    with open(path, "rb") as f:
        data = f.read()
    size = {"float32": 4, "uint8": 1}[dtype]
    if len(data) != count(shape) * size:
        raise EmulatedToolError(f"{path}: {len(data)} bytes, the input needs "
                                f"{count(shape) * size} ({shape} {dtype})")
    stored = array.array("f" if dtype == "float32" else "B")
    stored.frombytes(data)
    if dtype == "uint8":
        scale, offset = encoding["scale"], encoding["offset"]
        stored = [(q + offset) * scale for q in stored]
    order = channels_last_order(shape) if layout == "NHWC" else range(count(shape))
    values = [0.0] * count(shape)
    for k, i in enumerate(order):
        values[i] = stored[k]
    return values


def write_raw(path, values, shape, dtype, layout, encoding=None):
    order = channels_last_order(shape) if layout == "NHWC" else range(count(shape))
    stored = [values[i] for i in order]
    if dtype == "uint8":
        scale, offset = encoding["scale"], encoding["offset"]
        stored = array.array("B", [min(255, max(0, round(v / scale) - offset)) for v in stored])
    else:
        stored = array.array("f", stored)
    with open(path, "wb") as f:
        f.write(stored.tobytes())


def random_values(shape, seed):
    rng = random.Random(seed)
    return [rng.uniform(-1.0, 1.0) for _ in range(count(shape))]


def encoding_for(lo, hi, bitwidth=8):
    """Asymmetric tf encoding (SNPE's uFxp): the range always holds 0."""
    lo, hi = min(lo, 0.0), max(hi, 0.0)
    levels = (1 << bitwidth) - 1
    scale = (hi - lo) / levels if hi > lo else 1.0
    return {"bitwidth": bitwidth, "min": lo, "max": hi, "scale": scale,
            "offset": round(lo / scale)}


# --- onnxbench's runner over the runner protocol ----------------------------------------------

class Runner:
    """onnxbench-runner-opencv, started in a scratch folder, one request at a time."""

    def __init__(self, onnx_bytes, instances=1):
        self.folder = tempfile.TemporaryDirectory(prefix="emulated-qualcomm-")
        self.model = os.path.join(self.folder.name, "model.onnx")
        with open(self.model, "wb") as f:
            f.write(onnx_bytes)
        runner = config()["runner"]
        if not os.access(runner, os.X_OK):  # a copy pushed to a device, its mode not kept
            os.chmod(runner, 0o755)
        self.process = subprocess.Popen([runner], stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, text=True, cwd=self.folder.name)
        self.next_id = 0
        try:
            self.request("hello")
            self.load_ms = self.request("load", model=self.model, instances=instances,
                                        options={"threads": 1})["load_ms"]
        except BaseException:
            self.close()
            raise

    def request(self, op, on_event=None, **arguments):
        self.next_id += 1
        self.process.stdin.write(json.dumps({"id": self.next_id, "op": op, **arguments}) + "\n")
        self.process.stdin.flush()
        for line in self.process.stdout:
            message = json.loads(line)
            if "event" in message:
                if on_event:
                    on_event(message)
                continue
            if not message.get("ok"):
                raise EmulatedToolError(message.get("error", {}).get("message", "runner failed"))
            return message
        raise EmulatedToolError("onnxbench's runner ended without a reply")

    def npy_inputs(self, inputs):
        """{name: (values, shape)} -> {name: .npy path}"""
        paths = {}
        for i, (name, (values, shape)) in enumerate(inputs.items()):
            paths[name] = os.path.join(self.folder.name, f"in{i}.npy")
            write_npy(paths[name], values, shape)
        return paths

    def infer(self, inputs):
        """Returns ({output name: (values, shape)}, latency_us)."""
        out = os.path.join(self.folder.name, "out")
        os.makedirs(out, exist_ok=True)
        reply = self.request("infer", inputs=self.npy_inputs(inputs), output_dir=out)
        return {o["name"]: read_npy(o["path"]) for o in reply["outputs"]}, reply["latency_us"]

    def close(self):
        try:
            self.request("quit")
        except (EmulatedToolError, BrokenPipeError, ValueError):
            pass
        self.process.wait()
        self.folder.cleanup()


def main(tools):
    """Runs the tool named like this program with its arguments; ERROR lines and exit 1 on failure."""
    name = os.path.basename(sys.argv[0])
    try:
        sys.exit(tools[name](sys.argv[1:]) or 0)
    except EmulatedToolError as e:
        print(f"ERROR: {e}", file=sys.stderr)
        sys.exit(1)
