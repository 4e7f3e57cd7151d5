#!/usr/bin/python3
"""Export a torchvision classification model to ONNX with random weights.

Run it with Debian's interpreter, which has python3-torch and python3-torchvision:

    /usr/bin/python3 scripts/export_torchvision.py resnet50 --out resnet50.onnx

The model is built with weights=None (random initialisation, nothing is downloaded), put in
eval mode and traced with a zero input of shape [batch, 3, image_size, image_size]. The ONNX
input is named "input" and the output "output"; with --dynamic-batch the batch dimension of
both is the symbol "batch". Constant folding is on, so in eval mode BatchNormalization is folded
into the preceding Conv, as deployment tools do; BatchNorm statistics are randomised (seeded)
first, as a trained model's are. The model is written to FILE.part and renamed,
so FILE never holds a half-written model.

Exit status: 0 on success, 2 for an unknown model name (the message lists the known ones), 3 when
torch or torchvision cannot be imported.
"""

import argparse
import os
import sys
import time


def list_models(models_module):
    """Names of the model builders torchvision offers (lower-case callables)."""
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


def main(argv=None):
    parser = argparse.ArgumentParser(
        description="Export a torchvision classification model (random weights) to ONNX.")
    parser.add_argument("name", help="torchvision.models builder, e.g. resnet18, resnet50, "
                        "mobilenet_v2")
    parser.add_argument("--out", required=True, help="ONNX file to write")
    parser.add_argument("--opset", type=int, default=13, help="ONNX opset (default 13)")
    parser.add_argument("--batch", type=int, default=1, help="batch size (default 1)")
    parser.add_argument("--image-size", type=int, default=224,
                        help="input height and width (default 224)")
    parser.add_argument("--dynamic-batch", action="store_true",
                        help="make the batch dimension symbolic ('batch')")
    parser.add_argument("--seed", type=int, default=0, help="seed of the random weights")
    args = parser.parse_args(argv)

    if args.batch < 1 or args.image_size < 1:
        parser.error("--batch and --image-size must be at least 1")

    try:
        import torch
        import torchvision.models as models
    except ImportError as e:
        print(f"export_torchvision.py: error: {e}; run this script with /usr/bin/python3 "
              "(Debian's python3-torch and python3-torchvision)", file=sys.stderr)
        return 3

    available = list_models(models)
    if args.name not in available:
        print(f"export_torchvision.py: error: unknown model '{args.name}'; torchvision "
              f"offers: {', '.join(available)}", file=sys.stderr)
        return 2

    torch.manual_seed(args.seed)
    start = time.monotonic()
    builder = getattr(models, args.name)
    try:
        model = builder(weights=None)
    except TypeError:  # very old torchvision: pretrained=False
        model = builder(pretrained=False)
    randomize_batch_norms(model, torch)
    model.eval()

    dummy = torch.zeros(args.batch, 3, args.image_size, args.image_size)
    dynamic_axes = None
    if args.dynamic_batch:
        dynamic_axes = {"input": {0: "batch"}, "output": {0: "batch"}}
    out_dir = os.path.dirname(os.path.abspath(args.out))
    os.makedirs(out_dir, exist_ok=True)
    tmp = args.out + ".part"
    with torch.no_grad():
        torch.onnx.export(model, dummy, tmp, opset_version=args.opset,
                          input_names=["input"], output_names=["output"],
                          dynamic_axes=dynamic_axes, do_constant_folding=True)
    os.replace(tmp, args.out)  # never leave a half-written model under the final name
    print(f"exported {args.name} (opset {args.opset}, input "
          f"[{'batch' if args.dynamic_batch else args.batch},3,{args.image_size},"
          f"{args.image_size}]) to {args.out} in {time.monotonic() - start:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
