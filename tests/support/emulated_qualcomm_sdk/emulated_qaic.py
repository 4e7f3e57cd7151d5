"""Emulated Cloud AI 100 tools: qaic-exec (compile a program) and qaic-runner (run it), with the
arguments and output text of Qualcomm's Cloud AI SDK (seeds 003 and 004). The program holds the
ONNX model; it runs on this machine's CPU through onnxbench's runner."""
import os

from emulated_common import (EmulatedToolError, Runner, config, inspect_model, random_values,
                             read_container, read_raw, write_container, write_raw)


def single_dash_options(argv, valued):
    """qaic-exec's "-name=value" and "-flag" options; repeated values are collected in order."""
    options = {}
    for arg in argv:
        if not arg.startswith("-"):
            raise EmulatedToolError(f"unexpected argument '{arg}'")
        name, has_value, value = arg.lstrip("-").partition("=")
        if name in valued and not has_value:
            raise EmulatedToolError(f"option -{name} needs a value (-{name}=...)")
        options.setdefault(name, []).append(value if has_value else True)
    return options


def positive(options, name, default, largest):
    try:
        value = int(options.get(name, [default])[-1])
    except ValueError:
        raise EmulatedToolError(f"-{name}: expected an integer")
    if not 1 <= value <= largest:
        raise EmulatedToolError(f"-{name}={value}: expected 1 to {largest}")
    return value


def qaic_exec(argv):
    valued = {"m", "aic-binary-dir", "aic-num-cores", "mos", "ols", "onnx-define-symbol",
              "stats-batchsize", "aic-hw-version", "batchsize", "onnx-define-symbol-batch-size"}
    o = single_dash_options(argv, valued)
    if "m" not in o or "aic-binary-dir" not in o:
        raise EmulatedToolError("-m=<model> and -aic-binary-dir=<dir> are required")
    cores = config()["qaic_cores"]
    program = {"cores": positive(o, "aic-num-cores", 1, cores),
               "mos": positive(o, "mos", 1, cores), "ols": positive(o, "ols", 1, 8),
               "fp16": "convert-to-fp16" in o}
    symbols = {}
    for value in o.get("onnx-define-symbol", []):
        name, _, size = value.partition(",")
        symbols[name] = int(size)
    model = o["m"][-1]
    print(f"Reading ONNX Model from {model}")
    summary = inspect_model(model)
    inputs = []
    for value in summary["inputs"]:
        shape = [d if isinstance(d, int) else symbols.get(d) for d in value["shape"]]
        if None in shape:
            raise EmulatedToolError(f"input '{value['name']}' has undefined symbols in "
                                    f"{value['shape']}: define them with -onnx-define-symbol")
        inputs.append({"name": value["name"], "shape": shape, "layout": "ASIS"})
    program["inputs"] = inputs
    program["batch"] = inputs[0]["shape"][0] if inputs and inputs[0]["shape"] else 1
    print("Compile started ............... ")
    if program["fp16"]:
        print("Compiling model with FP16 precision.")
    folder = o["aic-binary-dir"][-1]
    os.makedirs(folder, exist_ok=True)
    with open(model, "rb") as f:
        write_container(os.path.join(folder, "programqpc.bin"), f.read(), program)
    print(f"Generated binary is present at {folder}")


def runner_arguments(argv):
    args = {"a": 1, "S": 1, "time": 0.0, "n": 0, "i": [], "d": 0}
    names = {"-t": "test-data", "--test-data": "test-data", "-a": "a", "--aic-num-of-activations": "a",
             "-S": "S", "--set-size": "S", "--time": "time", "-n": "n", "--num-iter": "n",
             "-i": "i", "--input-file": "i", "-d": "d", "--device-id": "d",
             "--write-output-dir": "write-output-dir", "--aic-profiling-type": "profiling-type",
             "--aic-profiling-out-dir": "profiling-out-dir",
             "--aic-profiling-start-iter": "start-iter", "--aic-profiling-num-samples": "num-samples"}
    k = 0
    while k < len(argv):
        if argv[k] == "--version":
            return None
        if argv[k] not in names or k + 1 == len(argv):
            raise EmulatedToolError(f"unknown or incomplete option '{argv[k]}'")
        key, value = names[argv[k]], argv[k + 1]
        if key == "i":
            args["i"].append(value)
        else:
            args[key] = float(value) if key == "time" else value if not value.isdigit() else int(value)
        k += 2
    if "test-data" not in args:
        raise EmulatedToolError("--test-data <program folder> is required")
    return args


def write_latency_file(path, samples, start, set_size):
    with open(path, "w") as f:
        f.write(f"# Emulated qaic-runner latency profile\n# Samples: {len(samples['latency_us'])}\n")
        f.write(f"# Start iteration: {start}\n# Units: us\n")
        f.write("Sample, preProcTimeUs, execTotalUs, totalRoundtripTimeUs, queueDepth, numInfInQueue\n")
        stages = samples.get("stages", {})
        for k, total in enumerate(samples["latency_us"]):
            if k < start:
                continue
            pre = stages.get("set_input", [0.0] * (k + 1))[k]
            execute = stages.get("forward", [total] * (k + 1))[k]
            f.write(f"{k}, {pre:.3f}, {execute:.3f}, {total:.3f}, {set_size}, 1\n")


def qaic_runner(argv):
    a = runner_arguments(argv)
    if a is None:
        print(f"qaic-runner version {config()['qaic_version']}")
        return 0
    onnx_bytes, program = read_container(os.path.join(a["test-data"], "programqpc.bin"),
                                         "Cloud AI 100 program")
    if a["a"] * program["cores"] > config()["qaic_cores"]:
        raise EmulatedToolError(f"{a['a']} activations of a {program['cores']}-core program need "
                                f"more than the device's {config()['qaic_cores']} cores")
    inputs = {}
    for k, spec in enumerate(program["inputs"]):
        values = (read_raw(a["i"][k], spec["shape"], "float32", "ASIS") if k < len(a["i"])
                  else random_values(spec["shape"], k))
        inputs[spec["name"]] = (values, spec["shape"])
    runner = Runner(onnx_bytes, instances=a["a"])
    samples = {}

    def keep(event):
        if event["event"] == "samples" and event.get("phase") == "measure":
            entry = samples.setdefault(event["instance"], {"latency_us": [], "stages": {}})
            entry["latency_us"] += event["latency_us"]
            for stage, values in event.get("stages", {}).items():
                entry["stages"].setdefault(stage, []).extend(values)

    try:
        if "write-output-dir" in a:
            outputs, _ = runner.infer(inputs)
            os.makedirs(a["write-output-dir"], exist_ok=True)
            for name, (values, shape) in outputs.items():
                write_raw(os.path.join(a["write-output-dir"], f"{name}-activation-0-inf-0.bin"),
                          values, shape, "float32", "ASIS")
        reply = runner.request("bench", on_event=keep, inputs=runner.npy_inputs(inputs),
                               warmup={"iterations": 1, "ms": 0},
                               run={"iterations": a["n"], "seconds": a["time"] or 1.0},
                               set_size=a["S"])
    finally:
        runner.close()
    count, wall_us = reply["measure"]["count"], reply["measure"]["wall_ms"] * 1000
    print(" ---- Stats ----")
    print(f"InferenceCnt {count} TotalDuration {wall_us:.0f}us BatchSize {program['batch']} "
          f"Inf/Sec {count * program['batch'] / (wall_us / 1e6):.3f}")
    if a.get("profiling-type") == "latency":
        folder = a.get("profiling-out-dir", ".")
        os.makedirs(folder, exist_ok=True)
        for instance in sorted(samples):
            path = os.path.join(folder, f"aic-profiling-program-{instance}-latency.txt")
            if os.path.exists(path):
                print(f"Deleting previous file: {path}")
            print(f"Writing file:{path}")
            write_latency_file(path, samples[instance], int(a.get("start-iter", 0)), a["S"])
    return 0


TOOLS = {"qaic-exec": qaic_exec, "qaic-runner": qaic_runner}
