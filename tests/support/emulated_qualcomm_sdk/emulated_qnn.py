"""Emulated QAIRT/QNN tools: qairt-converter, qairt-quantizer, qnn-net-run, qnn-profile-viewer,
with the arguments and output text of Qualcomm's AI Engine Direct SDK. The DLC and the runs are
the emulated SNPE ones (emulated_snpe.py): the model runs on this machine's CPU."""
import argparse
import json
import os

from emulated_common import EmulatedToolError, config, device_binary, dsp_skeleton_found
from emulated_snpe import convert, quantize, quantizer_arguments, run_input_list


def qairt_converter(argv):
    p = argparse.ArgumentParser(prog="qairt-converter")
    p.add_argument("-i", "--input_network", required=True)
    p.add_argument("-o", "--output_path")
    p.add_argument("-d", "--desired_input_shape", nargs=2, action="append", default=[])
    p.add_argument("--input_layout", nargs=2, action="append", default=[])
    p.add_argument("--float_bitwidth", type=int, choices=[16, 32], default=32)
    a = p.parse_args(argv)
    convert(a.input_network, a.output_path, a.desired_input_shape, a.input_layout, a.float_bitwidth)


def qairt_quantizer(argv):
    quantize(quantizer_arguments("qairt-quantizer").parse_args(argv))


def qnn_net_run(argv):
    p = argparse.ArgumentParser(prog="qnn-net-run")
    p.add_argument("--backend")
    p.add_argument("--dlc_path")
    p.add_argument("--input_list")
    p.add_argument("--output_dir", default="output")
    p.add_argument("--profiling_level", choices=["basic", "detailed", "client"])
    p.add_argument("--perf_profile")
    p.add_argument("--version", action="store_true")
    a = p.parse_args(argv)
    if a.version:
        print(f"qnn-net-run pid:{os.getpid()}\nQNN SDK v{config()['snpe_version']}")
        return 0
    if not a.backend or not a.dlc_path or not a.input_list:
        raise EmulatedToolError("--backend, --dlc_path and --input_list are required")
    if not os.path.isfile(a.backend):
        raise EmulatedToolError(f"Unable to load backend. dlerror(): {a.backend}: cannot open "
                                "shared object file: No such file or directory")
    if device_binary() and "Htp" in os.path.basename(a.backend) and not dsp_skeleton_found("Qnn"):
        raise EmulatedToolError("Failed to create device: the HTP skeleton library "
                                "(libQnnHtpV<NN>Skel.so) is not on ADSP_LIBRARY_PATH")
    level = a.profiling_level or "off"
    log = run_input_list(a.dlc_path, a.input_list, a.output_dir, level)
    log["backend"] = os.path.basename(a.backend)
    if a.profiling_level:
        with open(os.path.join(a.output_dir, "qnn-profiling-data_0.log"), "w") as f:
            json.dump(log, f)
    print("Finished Executing Graphs")
    return 0


def qnn_profile_viewer(argv):
    p = argparse.ArgumentParser(prog="qnn-profile-viewer")
    p.add_argument("--input_log", required=True)
    a = p.parse_args(argv)
    try:
        with open(a.input_log) as f:
            log = json.load(f)
    except (OSError, ValueError) as e:
        raise EmulatedToolError(f"cannot read profiling log {a.input_log}: {e}")
    executions = log["executions"]
    print(f"Input Log File Location: {a.input_log}\nBackend: {log['backend']}\n")
    print("Qnn Init/Prepare/Finalize/De-Init/Execute/Lib-Load Statistics:\n" + "-" * 60)
    print(f"Init Stats:\n-----------\n    NetRun: {log['init_us']:.0f} us\n")
    average = sum(e["total_us"] for e in executions) / max(1, len(executions))
    print(f"Execute Stats (Average):\n------------------------\n    NetRun: {average:.0f} us\n")
    for i, e in enumerate(executions):
        print(f"Execute Stats (Execution {i}):\n------------------------")
        print(f"    NetRun: {e['total_us']:.0f} us")
        if "forward_us" in e:
            print(f"    Backend (QNN accelerator (execute) time): {e['forward_us']:.0f} us")
        for layer in e["layers"]:
            print(f"    Backend ({layer['name']}): {layer['us']:.0f} us")
        print()
    return 0


TOOLS = {"qairt-converter": qairt_converter, "qairt-quantizer": qairt_quantizer,
         "qnn-net-run": qnn_net_run, "qnn-profile-viewer": qnn_profile_viewer}
