"""Emulated SNPE tools: snpe-onnx-to-dlc, snpe-dlc-quant, snpe-dlc-info, snpe-net-run,
snpe-throughput-net-run, snpe-diagview. Arguments, exit codes, file layouts and output text follow
Qualcomm's documentation; the model runs on this machine's CPU through onnxbench's runner."""
import argparse
import json
import os

from emulated_common import (EmulatedToolError, Runner, config, device_binary, dsp_skeleton_found,
                             encoding_for, inspect_model, random_values, read_container, read_raw,
                             write_container, write_raw)

RUNTIME_FLAGS = ["cpu", "gpu", "gpu_fp16", "dsp", "aip"]


def version_text():
    return f"SNPE v{config()['snpe_version']}"


def resolve_inputs(summary, input_dims, input_layouts):
    inputs = []
    for value in summary["inputs"]:
        name = value["name"]
        shape = input_dims.get(name) or value["shape"]
        if any(not isinstance(d, int) or d < 0 for d in shape):
            raise EmulatedToolError(f"input '{name}' has dimensions {value['shape']}: "
                                    f"give them with --input_dim {name} <dims>")
        declared = input_layouts.get(name, "NCHW" if len(shape) == 4 else "NONTRIVIAL")
        # The DLC holds image inputs channels-last: a channels-first model input is transposed.
        layout = "NHWC" if len(shape) >= 3 and declared in ("NCHW", "NCF") else "ASIS"
        inputs.append({"name": name, "shape": shape, "layout": layout})
    return inputs


def onnx_to_dlc(argv):
    p = argparse.ArgumentParser(prog="snpe-onnx-to-dlc")
    p.add_argument("-i", "--input_network", required=True)
    p.add_argument("-o", "--output_path")
    p.add_argument("-d", "--input_dim", nargs=2, action="append", default=[])
    p.add_argument("--input_layout", nargs=2, action="append", default=[])
    p.add_argument("--float_bitwidth", type=int, choices=[16, 32], default=32)
    a = p.parse_args(argv)
    convert(a.input_network, a.output_path, a.input_dim, a.input_layout, a.float_bitwidth)


def convert(network, output_path, input_dims, input_layouts, float_bitwidth):
    """ONNX -> DLC, shared by snpe-onnx-to-dlc and qairt-converter."""
    with open(network, "rb") as f:
        onnx_bytes = f.read()
    print(f"INFO - Loading ONNX model {network}")
    summary = inspect_model(network)
    dims = {name: [int(d) for d in value.split(",")] for name, value in input_dims}
    description = {"inputs": resolve_inputs(summary, dims, dict(input_layouts)),
                   "float_bitwidth": float_bitwidth, "quantized": False, "summary": summary}
    out = output_path or os.path.splitext(network)[0] + ".dlc"
    write_container(out, onnx_bytes, description)
    print(f"INFO - Conversion completed successfully: {out}")


def input_list_lines(path):
    with open(path) as f:
        lines = [line.split() for line in f if line.strip() and not line.startswith("#")]
    outputs = lines[0][0][1:].split() + lines[0][1:] if lines and lines[0][0].startswith("%") else []
    return outputs, [words for words in lines if not words[0].startswith("%")]


def read_inference(words, description, native):
    """One input-list line -> {name: (values, shape)} in the ONNX model's layout."""
    by_name = {}
    for i, word in enumerate(words):
        name, _, path = word.rpartition(":=")
        by_name[name or description["inputs"][i]["name"]] = path
    inputs = {}
    for spec in description["inputs"]:
        if spec["name"] not in by_name:
            raise EmulatedToolError(f"input list line '{' '.join(words)}' has no input '{spec['name']}'")
        dtype = "uint8" if native and description["quantized"] else "float32"
        values = read_raw(by_name[spec["name"]], spec["shape"], dtype, spec["layout"],
                          spec.get("encoding"))
        inputs[spec["name"]] = (values, spec["shape"])
    return inputs


def quantizer_arguments(prog):
    """snpe-dlc-quant's and qairt-quantizer's arguments (seed 002's flags among them)."""
    p = argparse.ArgumentParser(prog=prog)
    p.add_argument("--input_dlc", required=True)
    p.add_argument("--input_list", required=True)
    p.add_argument("--output_dlc")
    p.add_argument("--use_per_channel_quantization", action="store_true")
    p.add_argument("--act_bitwidth", type=int, choices=[8, 16], default=8)
    p.add_argument("--bias_bitwidth", type=int, choices=[8, 32], default=8)
    p.add_argument("--weights_bitwidth", type=int, choices=[4, 8], default=8)
    p.add_argument("--act_quantizer", choices=["tf", "enhanced", "symmetric"], default="tf")
    return p


def dlc_quant(argv):
    quantize(quantizer_arguments("snpe-dlc-quant").parse_args(argv))


def quantize(a):
    """Calibrates a DLC on an input list, shared by snpe-dlc-quant and qairt-quantizer."""
    onnx_bytes, description = read_container(a.input_dlc, "DLC")
    _, lines = input_list_lines(a.input_list)
    if not lines:
        raise EmulatedToolError(f"input list {a.input_list} holds no calibration inputs")
    runner = Runner(onnx_bytes)
    ranges = {}
    try:
        for words in lines:
            inputs = read_inference(words, description, native=False)
            outputs, _ = runner.infer(inputs)
            for name, (values, _) in list(inputs.items()) + list(outputs.items()):
                lo, hi = ranges.get(name, (min(values), max(values)))
                ranges[name] = (min(lo, min(values)), max(hi, max(values)))
    finally:
        runner.close()
    for spec in description["inputs"]:
        spec["encoding"] = encoding_for(*ranges[spec["name"]], a.act_bitwidth)
    description["output_encodings"] = {
        name: encoding_for(*r, a.act_bitwidth) for name, r in ranges.items()
        if name not in {s["name"] for s in description["inputs"]}}
    description["quantized"] = True
    description["quantizer"] = {"per_channel": a.use_per_channel_quantization,
                                "act_bitwidth": a.act_bitwidth, "bias_bitwidth": a.bias_bitwidth,
                                "weights_bitwidth": a.weights_bitwidth,
                                "act_quantizer": a.act_quantizer, "calibration_inputs": len(lines)}
    out = a.output_dlc or os.path.splitext(a.input_dlc)[0] + "_quantized.dlc"
    write_container(out, onnx_bytes, description)
    print(f"[INFO] Quantized {len(lines)} calibration inputs; wrote {out}")


def encoding_text(name, e):
    return (f"encoding for {name}: bitwidth {e['bitwidth']}, min {e['min']:.6f}, max {e['max']:.6f}, "
            f"scale {e['scale']:.6f}, offset {e['offset']}")


def dlc_info(argv):
    p = argparse.ArgumentParser(prog="snpe-dlc-info")
    p.add_argument("-i", "--input_dlc", required=True)
    a = p.parse_args(argv)
    _, d = read_container(a.input_dlc, "DLC")
    s = d["summary"]
    dtype = "uFxp_8" if d["quantized"] else "Float_32"
    print(f"DLC info for: {os.path.abspath(a.input_dlc)}")
    print("Model Version: N/A\n" + "-" * 80)
    print("| Id | Name | Type | Inputs | Outputs | Out Dims | Runtimes | Parameters |\n" + "-" * 80)
    layer = 0
    for spec in d["inputs"]:
        shape = spec["shape"]
        stored = [shape[0], *shape[2:], shape[1]] if spec["layout"] == "NHWC" else shape
        dims = "x".join(str(x) for x in stored)
        params = encoding_text(spec["name"], spec["encoding"]) if "encoding" in spec else ""
        print(f"| {layer} | {spec['name']} | Input | {spec['name']} (data type: {dtype}) | "
              f"{spec['name']} (data type: {dtype}) | {dims} | A D G C | {params} |")
        layer += 1
    for node in s.get("nodes", []):
        dims = "x".join(str(x) for x in node["output_shape"] or [])
        print(f"| {layer} | {node['name']} | {node['op']} | - | {node['name']} (data type: {dtype}) | "
              f"{dims} | A D G C | MACs: {node['macs'] or 0} |")
        layer += 1
    for name, e in sorted(d.get("output_encodings", {}).items()):
        print(f"|  |  |  |  |  |  |  | {encoding_text(name, e)} |")
    print(f"Total parameters: {s['parameters']['count']} "
          f"({s['parameters']['bytes'] // (1 << 20)} MB assuming single precision float)")
    print(f"Total MACs per inference: {s['macs']['total']} (100%)")


def requested_runtime(a):
    for runtime in RUNTIME_FLAGS:
        if getattr(a, "use_" + runtime):
            return runtime
    return "cpu"


def refuse_missing_runtime(runtime, tool):
    """SNPE reports an unavailable runtime on stdout and still exits 0. On a device the DSP
    runtime also needs its skeleton libraries on ADSP_LIBRARY_PATH."""
    dsp_reachable = runtime != "dsp" or not device_binary() or dsp_skeleton_found("Snpe")
    if runtime in config().get("snpe_runtimes", RUNTIME_FLAGS) and dsp_reachable:
        return False
    print(f"error_code=402; error_message=Runtime not available. {runtime.upper()} runtime is not "
          f"available on this device; error_component=Dl System; line_no=371; thread_id=0")
    print(f"{tool}: Unable to create SNPE instance for the {runtime.upper()} runtime")
    return True


def runtime_args(p):
    for runtime in RUNTIME_FLAGS:
        p.add_argument("--use_" + runtime, action="store_true")
    p.add_argument("--perf_profile", default="balanced",
                   choices=["low_balanced", "balanced", "default", "high_performance",
                            "sustained_high_performance", "burst", "low_power_saver",
                            "power_saver", "high_power_saver", "extreme_power_saver", "system_settings"])
    p.add_argument("--version", action="store_true")


def net_run(argv):
    p = argparse.ArgumentParser(prog="snpe-net-run")
    p.add_argument("--container")
    p.add_argument("--input_list")
    p.add_argument("--output_dir", default="output")
    p.add_argument("--profiling_level", default="basic",
                   choices=["off", "basic", "moderate", "detailed", "linting"])
    p.add_argument("--use_native_input_files", action="store_true")
    p.add_argument("--use_native_output_files", action="store_true")
    for mode in ["float", "tf8", "tfN", "float_input_only"]:
        p.add_argument("--userbuffer_" + mode, action="store_true")
    runtime_args(p)
    a = p.parse_args(argv)
    if a.version:
        print(version_text())
        return 0
    if not a.container or not a.input_list:
        raise EmulatedToolError("--container and --input_list are required")
    runtime = requested_runtime(a)
    if refuse_missing_runtime(runtime, "snpe-net-run"):
        return 0
    log = run_input_list(a.container, a.input_list, a.output_dir, a.profiling_level,
                         a.use_native_input_files, a.use_native_output_files)
    log["runtime"] = runtime.upper()
    log["perf_profile"] = a.perf_profile
    if a.profiling_level != "off":
        with open(os.path.join(a.output_dir, "SNPEDiag.log"), "w") as f:
            json.dump(log, f)
    return 0


def run_input_list(container, input_list, output_dir, profiling_level, native_in=False,
                   native_out=False):
    """Runs every line of the input list: Result_N/<output>.raw, and the times of each execution
    (and each layer at the detailed level). Shared by snpe-net-run and qnn-net-run."""
    onnx_bytes, d = read_container(container, "DLC")
    keep, lines = input_list_lines(input_list)
    runner = Runner(onnx_bytes)
    log = {"init_us": runner.load_ms * 1000, "executions": []}
    try:
        for i, words in enumerate(lines):
            inputs = read_inference(words, d, native_in)
            print("Processing DNN input(s):\n" + "\n".join(w.rpartition(":=")[2] for w in words))
            outputs, latency_us = runner.infer(inputs)
            folder = os.path.join(output_dir, f"Result_{i}")
            os.makedirs(folder, exist_ok=True)
            for name, (values, shape) in outputs.items():
                if keep and name not in keep:
                    continue
                native = native_out and d["quantized"]
                write_raw(os.path.join(folder, name + ".raw"), values, shape,
                          "uint8" if native else "float32", "NHWC" if len(shape) == 4 else "ASIS",
                          d.get("output_encodings", {}).get(name))
            execution = {"total_us": latency_us, "layers": []}
            if profiling_level != "off":
                profile = runner.request("profile", inputs=runner.npy_inputs(inputs), warmup=0,
                                         iterations=1)
                execution["forward_us"] = profile["total_us"][0]
                if profiling_level in ("detailed", "linting"):
                    execution["layers"] = [{"name": l["name"], "us": l["samples_us"][0]}
                                           for l in profile["layers"]]
            log["executions"].append(execution)
    finally:
        runner.close()
    return log


def diagview(argv):
    p = argparse.ArgumentParser(prog="snpe-diagview")
    p.add_argument("--input_log", required=True)
    p.add_argument("--output")
    p.add_argument("--csv_format_version", type=int, choices=[1, 2], default=1)
    a = p.parse_args(argv)
    try:
        with open(a.input_log) as f:
            log = json.load(f)
    except (OSError, ValueError) as e:
        raise EmulatedToolError(f"cannot read diagnostic log {a.input_log}: {e}")
    rows = [["0", "Init", "TIME", f"{log['init_us']:.0f}", "US", "", ""]]
    for i, ex in enumerate(log["executions"], 1):
        rows.append([str(i), "Total Inference Time", "TIME", f"{ex['total_us']:.0f}", "US", "", ""])
        if "forward_us" in ex:
            rows.append([str(i), "Forward Propagate", "TIME", f"{ex['forward_us']:.0f}", "US", "", ""])
        for layer in ex["layers"]:
            rows.append([str(i), "Layer Time", "TIME", f"{layer['us']:.0f}", "US", layer["name"],
                         log["runtime"]])
    if not a.output:
        for row in rows:
            print(f"{row[1]}: {row[3]} us" + (f" ({row[5]})" if row[5] else ""))
        return 0
    with open(a.output, "w") as f:
        f.write("Message_ID,Message_Name,Message_Type,Message_Value,Message_Unit,Layer_Name,Runtime\n")
        for row in rows:
            f.write(",".join(row) + "\n")
    return 0


def throughput_net_run(argv):
    p = argparse.ArgumentParser(prog="snpe-throughput-net-run")
    p.add_argument("--container", required=True)
    p.add_argument("--duration", type=int, required=True)
    p.add_argument("--input_raw")
    runtime_args(p)
    a = p.parse_args(argv)
    runtime = requested_runtime(a)
    if refuse_missing_runtime(runtime, "snpe-throughput-net-run"):
        print("Total throughput: 0.000 infs/sec")
        return 0
    onnx_bytes, d = read_container(a.container, "DLC")
    raws = a.input_raw.split(",") if a.input_raw else []
    inputs = {}
    for i, spec in enumerate(d["inputs"]):
        values = (read_raw(raws[i], spec["shape"], "float32", spec["layout"]) if i < len(raws)
                  else random_values(spec["shape"], i))
        inputs[spec["name"]] = (values, spec["shape"])
    runner = Runner(onnx_bytes)
    try:
        reply = runner.request("bench", inputs=runner.npy_inputs(inputs),
                               warmup={"iterations": 1, "ms": 0},
                               run={"iterations": 0, "seconds": float(a.duration)}, set_size=1)
    finally:
        runner.close()
    rate = reply["measure"]["count"] / (reply["measure"]["wall_ms"] / 1000.0)
    print(f"Runtime: {runtime.upper()}, perf profile: {a.perf_profile}, duration: {a.duration} s")
    print(f"Throughput for thread 0: {rate:.3f} infs/sec")
    print(f"Total throughput: {rate:.3f} infs/sec")
    return 0


TOOLS = {"snpe-onnx-to-dlc": onnx_to_dlc, "snpe-dlc-quant": dlc_quant, "snpe-dlc-info": dlc_info,
         "snpe-net-run": net_run, "snpe-diagview": diagview,
         "snpe-throughput-net-run": throughput_net_run}
