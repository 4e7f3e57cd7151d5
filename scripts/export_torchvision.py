#!/usr/bin/python3
"""Export a torchvision (or Hugging Face) image classifier to ONNX.

Run it with Debian's interpreter, which has python3-torch and python3-torchvision:

    /usr/bin/python3 scripts/export_torchvision.py resnet50 --out resnet50.onnx
    /usr/bin/python3 scripts/export_torchvision.py --probe

NAME is a torchvision.models classification builder (resnet50, mobilenet_v2, ...) or a Hugging
Face repository id (microsoft/resnet-50), which needs the Python module transformers and the
repository in the local Hugging Face cache: nothing is fetched from the Hugging Face hub.

With --weights random (the default) the model is built with random initialisation, nothing is
downloaded; BatchNorm statistics are randomised (seeded) too, as a trained model's are. With
--weights pretrained the torchvision weights come from the torch hub cache
($TORCH_HOME/hub/checkpoints, by default ~/.cache/torch/hub/checkpoints); when they are not there
the download is tried only if the weights server answers within a few seconds.

The model is put in eval mode and traced with a zero input of shape
[batch, 3, image_size, image_size]. The ONNX input is named "input" and the output "output"; with
--dynamic-batch the batch dimension of both is the symbol "batch". Constant folding is on, so in
eval mode BatchNormalization is folded into the preceding Conv, as deployment tools do. The model
is written to FILE.part and renamed, so FILE never holds a half-written model.

--probe prints, as one JSON line, what this interpreter can export: torch, torchvision and
transformers versions (or why they cannot be imported), torchvision's classifiers, the opsets
torch writes and which pretrained weights are cached.

Exit status: 0 on success, 1 when the export itself fails, 2 for an unknown model name (the
message lists the known ones) or a bad option, 3 when torch or torchvision cannot be imported,
4 when pretrained weights are neither cached nor downloadable, 5 when a Hugging Face model is
asked for and transformers cannot be imported or the repository is not in its local cache.
Errors end with one line "export_torchvision.py: error: MESSAGE".
"""

import argparse
import json
import os
import platform
import sys
import threading
import time
import traceback
from urllib.parse import urlparse

HUB_ANSWER_TIMEOUT_S = 5
DOWNLOAD_STALL_TIMEOUT_S = 30


class ExportError(Exception):
    def __init__(self, status, message):
        super().__init__(message)
        self.status = status


def list_models(models_module):
    """Names of the classification builders torchvision offers (lower-case callables)."""
    names = []
    if hasattr(models_module, "list_models"):  # torchvision >= 0.14
        try:
            return sorted(models_module.list_models(module=models_module))
        except TypeError:
            pass
    for name in dir(models_module):
        obj = getattr(models_module, name)
        if name[:1].islower() and not name.startswith("_") and callable(obj):
            names.append(name)
    return sorted(names)


def randomize_batch_norms(model, torch):
    """Give every BatchNorm its own seeded statistics and affine parameters, as a trained model
    has. Freshly initialised ones are all identical (mean 0, var 1, weight 1, bias 0), so the
    biases they fold into are all equal and the exporter shares them through Identity nodes,
    which a trained model never has and which some engines (OpenCV 4.6) cannot import."""
    with torch.no_grad():
        for m in model.modules():
            if isinstance(m, torch.nn.modules.batchnorm._BatchNorm):
                m.running_mean.normal_(0.0, 0.1)
                m.running_var.uniform_(0.5, 1.5)
                if m.affine:
                    m.weight.uniform_(0.5, 1.5)
                    m.bias.normal_(0.0, 0.1)


def opset_range(torch):
    from torch.onnx import _constants
    return (getattr(_constants, "ONNX_MIN_OPSET", 7), getattr(_constants, "ONNX_MAX_OPSET", 17))


def checkpoints_dir(torch):
    return os.path.join(torch.hub.get_dir(), "checkpoints")


def default_weights(models, name):
    """The builder's default pretrained weights, or None when it has none."""
    try:
        return models.get_model_weights(name).DEFAULT
    except (AttributeError, ValueError):
        return None


def cached_weights_file(torch, weights):
    return os.path.join(checkpoints_dir(torch), os.path.basename(urlparse(weights.url).path))


def first_line(error):
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__


def hub_unreachable(url):
    """Why the server of `url` does not answer within HUB_ANSWER_TIMEOUT_S, or None when it does.
    The attempt runs in a thread because name resolution ignores socket timeouts."""
    from urllib.request import Request, urlopen
    outcome = []

    def attempt():
        try:
            urlopen(Request(url, method="HEAD"), timeout=HUB_ANSWER_TIMEOUT_S).close()
            outcome.append(None)
        except Exception as e:  # URLError, HTTPError, socket errors
            outcome.append(getattr(e, "reason", e))

    thread = threading.Thread(target=attempt, daemon=True)
    thread.start()
    thread.join(HUB_ANSWER_TIMEOUT_S + 1)
    host = urlparse(url).hostname
    if not outcome:
        return f"no answer from {host} within {HUB_ANSWER_TIMEOUT_S} s"
    return None if outcome[0] is None else f"{host}: {first_line(outcome[0])}"


def pretrained_torchvision_weights(torch, models, name):
    weights = default_weights(models, name)
    if weights is None:
        raise ExportError(4, f"torchvision has no pretrained weights for {name}; use --weights "
                          "random")
    cached = cached_weights_file(torch, weights)
    if os.path.exists(cached):
        return weights
    cache_dir = os.path.dirname(cached)
    reason = hub_unreachable(weights.url)
    if reason:
        raise ExportError(4, f"pretrained weights for {name} are not in the local cache "
                          f"({cache_dir}) and the weights hub cannot be reached: {reason}; use "
                          f"--weights random, or copy {os.path.basename(cached)} into {cache_dir}")
    return weights


def build_torchvision(torch, models, args):
    if args.name not in list_models(models):
        raise ExportError(2, f"unknown model '{args.name}'; torchvision offers: "
                          f"{', '.join(list_models(models))}")
    builder = getattr(models, args.name)
    if args.weights == "pretrained":
        weights = pretrained_torchvision_weights(torch, models, args.name)
        import socket
        socket.setdefaulttimeout(DOWNLOAD_STALL_TIMEOUT_S)  # a stalled download fails, not hangs
        try:
            return builder(weights=weights, progress=False)
        except OSError as e:
            raise ExportError(4, f"downloading the pretrained weights for {args.name} failed: "
                              f"{first_line(e)}; use --weights random") from e
    kwargs = {}
    # A ViT's position embeddings are sized for one image size; it rejects any other input.
    if args.name.startswith("vit_") and args.image_size != 224:
        kwargs["image_size"] = args.image_size
    try:
        model = builder(weights=None, **kwargs)
    except TypeError:  # very old torchvision: pretrained=False
        model = builder(pretrained=False)
    randomize_batch_norms(model, torch)
    return model


def build_hugging_face(torch, args):
    try:
        import transformers
    except ImportError as e:
        raise ExportError(5, f"{args.name} is a Hugging Face model: the Python module "
                          f"'transformers' cannot be imported ({e}); apt-get install "
                          "python3-transformers if your Debian has it, or pip install "
                          "transformers") from e
    try:
        if args.weights == "pretrained":
            model = transformers.AutoModelForImageClassification.from_pretrained(
                args.name, local_files_only=True)
        else:
            config = transformers.AutoConfig.from_pretrained(args.name, local_files_only=True)
            if hasattr(config, "image_size"):
                config.image_size = args.image_size
            model = transformers.AutoModelForImageClassification.from_config(config)
            randomize_batch_norms(model, torch)
    except OSError as e:
        raise ExportError(5, f"{args.name} is not in the local Hugging Face cache and the hub is "
                          f"not used: {first_line(e)}") from e

    class LogitsOnly(torch.nn.Module):
        def __init__(self, classifier):
            super().__init__()
            self.classifier = classifier

        def forward(self, pixel_values):
            return self.classifier(pixel_values=pixel_values).logits

    return LogitsOnly(model)


def export(torch, model, args):
    model.eval()
    dummy = torch.zeros(args.batch, 3, args.image_size, args.image_size)
    dynamic_axes = None
    if args.dynamic_batch:
        dynamic_axes = {"input": {0: "batch"}, "output": {0: "batch"}}
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    tmp = args.out + ".part"
    try:
        # Traced with autograd on: under no_grad, torch 1.13's MultiheadAttention (ViT) takes a
        # fused fast path, aten::_native_multi_head_attention, that has no ONNX export.
        torch.onnx.export(model, dummy, tmp, opset_version=args.opset,
                          input_names=["input"], output_names=["output"],
                          dynamic_axes=dynamic_axes, do_constant_folding=True)
    except Exception as e:
        traceback.print_exc()
        if os.path.exists(tmp):
            os.remove(tmp)
        raise ExportError(1, f"exporting {args.name} (opset {args.opset}, input [{args.batch},3,"
                          f"{args.image_size},{args.image_size}]) failed: {type(e).__name__}: "
                          f"{first_line(e)}") from e
    os.replace(tmp, args.out)  # never leave a half-written model under the final name


def probe():
    report = {"python_version": platform.python_version()}
    try:
        import torch
        import torchvision
        import torchvision.models as models
    except ImportError as e:
        report["torchvision_error"] = str(e)
    else:
        classifiers = list_models(models)
        cached = []
        for name in classifiers:
            weights = default_weights(models, name)
            if weights is not None and os.path.exists(cached_weights_file(torch, weights)):
                cached.append(name)
        report.update(torch=torch.__version__, torchvision=torchvision.__version__,
                      classifiers=classifiers, opsets=list(opset_range(torch)),
                      checkpoints_dir=checkpoints_dir(torch), pretrained_cached=cached)
    try:
        import transformers
        report["transformers"] = transformers.__version__
    except ImportError as e:
        report["transformers_error"] = str(e)
    print(json.dumps(report))
    return 0


def main(argv=None):
    parser = argparse.ArgumentParser(
        description="Export a torchvision classifier, or a Hugging Face one from the local "
                    "cache, to ONNX.")
    parser.add_argument("name", nargs="?",
                        help="torchvision.models builder (resnet18, resnet50, mobilenet_v2, ...) "
                             "or Hugging Face repository id (microsoft/resnet-50)")
    parser.add_argument("--out", help="ONNX file to write")
    parser.add_argument("--opset", type=int, default=13, help="ONNX opset (default 13)")
    parser.add_argument("--batch", type=int, default=1, help="batch size (default 1)")
    parser.add_argument("--image-size", type=int, default=224,
                        help="input height and width (default 224)")
    parser.add_argument("--dynamic-batch", action="store_true",
                        help="make the batch dimension symbolic ('batch')")
    parser.add_argument("--weights", choices=["random", "pretrained"], default="random",
                        help="random (seeded, nothing downloaded; the default) or pretrained "
                             "(from the local cache)")
    parser.add_argument("--seed", type=int, default=0, help="seed of the random weights")
    parser.add_argument("--probe", action="store_true",
                        help="print what this Python can export as one JSON line, and exit")
    args = parser.parse_args(argv)

    if args.probe:
        return probe()
    if not args.name or not args.out:
        parser.error("NAME and --out are required (or --probe)")
    if args.batch < 1 or args.image_size < 1:
        parser.error("--batch and --image-size must be at least 1")

    try:
        import torch
        import torchvision.models as models
    except ImportError as e:
        print(f"export_torchvision.py: error: {e}; run this script with /usr/bin/python3 "
              "(Debian's python3-torch and python3-torchvision)", file=sys.stderr)
        return 3
    low, high = opset_range(torch)
    if not low <= args.opset <= high:
        parser.error(f"--opset {args.opset}: torch {torch.__version__} exports opsets {low} to "
                     f"{high}")

    torch.manual_seed(args.seed)
    start = time.monotonic()
    try:
        if "/" in args.name:
            model = build_hugging_face(torch, args)
        else:
            model = build_torchvision(torch, models, args)
        export(torch, model, args)
    except ExportError as e:
        print(f"export_torchvision.py: error: {e}", file=sys.stderr)
        return e.status
    except Exception as e:  # anything unforeseen still ends with one error line
        traceback.print_exc()
        print(f"export_torchvision.py: error: {args.name}: {type(e).__name__}: {first_line(e)}",
              file=sys.stderr)
        return 1
    print(f"exported {args.name} (opset {args.opset}, {args.weights} weights, input "
          f"[{'batch' if args.dynamic_batch else args.batch},3,{args.image_size},"
          f"{args.image_size}]) to {args.out} in {time.monotonic() - start:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
