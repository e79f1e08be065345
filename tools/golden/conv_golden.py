"""Golden values for convolution, pooling, resampling, GroupNorm and Dropout2d (PyTorch 1.13).

Each case stores its inputs, the output, an upstream gradient `gout` and the gradients of every input for
`(out * gout).sum()`, so the Java tests replay exactly the same computation. Run with Debian's PyTorch:
    /usr/bin/python3 tools/golden/conv_golden.py
"""
import math

import torch
import torch.nn as nn
import torch.nn.functional as F

from golden_util import t2j, write

torch.manual_seed(0)


def run(fn, inputs, **extra):
    """Evaluates fn on leaf copies of inputs (None stays None) and returns the JSON case."""
    leaves = [None if t is None else t.clone().requires_grad_(t.is_floating_point()) for t in inputs]
    out = fn(*leaves)
    values = out[0] if isinstance(out, tuple) else out
    gout = torch.randn_like(values)
    (values * gout).sum().backward()
    case = {"out": t2j(values), "gout": t2j(gout), "inputs": [None if t is None else t2j(t) for t in inputs],
            "grads": [None if t is None or t.grad is None else t2j(t.grad) for t in leaves]}
    if isinstance(out, tuple):
        case["indices"] = t2j(out[1])
    case.update(extra)
    return case


def rn(*shape):
    return torch.randn(*shape)


# ---------------------------------------------------------------------------------------------------------------
# conv2d: (input shape, weight shape, bias?, stride, padding, dilation, groups)
conv2d_specs = [
    ("basic", (2, 3, 7, 6), (4, 3, 3, 3), True, (1, 1), (1, 1), (1, 1), 1),
    ("stride2_rect_kernel_nobias", (1, 3, 9, 8), (4, 3, 3, 2), False, (2, 2), (0, 0), (1, 1), 1),
    ("dilation_asym_stride", (1, 2, 9, 10), (3, 2, 3, 3), True, (1, 2), (2, 1), (2, 2), 1),
    ("groups2", (2, 4, 7, 7), (6, 2, 3, 3), True, (2, 2), (1, 1), (1, 1), 2),
    ("depthwise", (1, 3, 6, 5), (6, 1, 3, 3), True, (1, 1), (1, 1), (1, 1), 3),
    ("pointwise", (2, 5, 4, 3), (3, 5, 1, 1), True, (1, 1), (0, 0), (1, 1), 1),
    ("stride3_big_pad", (1, 2, 8, 7), (2, 2, 4, 4), True, (3, 3), (2, 3), (1, 1), 1),
    ("one_by_one_strided", (2, 3, 5, 5), (2, 3, 1, 1), False, (2, 2), (0, 0), (1, 1), 1),
    ("mnist_like", (2, 1, 8, 8), (8, 1, 3, 3), True, (1, 1), (1, 1), (1, 1), 1),
    ("first_layer_wide", (2, 1, 5, 5), (16, 1, 3, 3), True, (1, 1), (1, 1), (1, 1), 1),
]
cases = []
for name, xs, ws, has_b, s, p, d, g in conv2d_specs:
    x, w, b = rn(*xs), rn(*ws) * 0.3, (rn(ws[0]) if has_b else None)
    cases.append(run(lambda x, w, b: F.conv2d(x, w, b, s, p, d, g), [x, w, b], name=name, stride=list(s),
                     padding=list(p), dilation=list(d), groups=g))
# string padding
for name, xs, ws, pad, d in [("same_even_kernel", (2, 2, 6, 5), (3, 2, 4, 2), "same", (1, 1)),
                             ("same_dilated", (1, 3, 6, 5), (2, 3, 3, 3), "same", (2, 1)),
                             ("valid", (1, 2, 5, 6), (2, 2, 3, 3), "valid", (1, 1))]:
    x, w, b = rn(*xs), rn(*ws) * 0.3, rn(ws[0])
    cases.append(run(lambda x, w, b: F.conv2d(x, w, b, 1, pad, d, 1), [x, w, b], name=name, stride=[1, 1],
                     padding=pad, dilation=list(d), groups=1))
# unbatched
x, w, b = rn(3, 5, 5), rn(2, 3, 3, 3) * 0.3, rn(2)
cases.append(run(lambda x, w, b: F.conv2d(x, w, b, 1, 1), [x, w, b], name="unbatched", stride=[1, 1],
                 padding=[1, 1], dilation=[1, 1], groups=1))
# Two files, each under the repository's ~200 KB limit for golden data.
write("conv/conv2d.json", cases[:6])
write("conv/conv2d_more.json", cases[6:])

# ---------------------------------------------------------------------------------------------------------------
cases = []
for name, xs, ws, has_b, s, p, d, g in [("basic", (2, 3, 9), (4, 3, 3), True, 1, 1, 1, 1),
                                        ("strided_dilated_groups", (2, 4, 13), (6, 2, 3), True, 2, 2, 2, 2),
                                        ("nobias_k1", (1, 3, 5), (2, 3, 1), False, 1, 0, 1, 1)]:
    x, w, b = rn(*xs), rn(*ws) * 0.3, (rn(ws[0]) if has_b else None)
    cases.append(run(lambda x, w, b: F.conv1d(x, w, b, s, p, d, g), [x, w, b], name=name, stride=s, padding=p,
                     dilation=d, groups=g))
x, w, b = rn(2, 2, 8), rn(3, 2, 4) * 0.3, rn(3)
cases.append(run(lambda x, w, b: F.conv1d(x, w, b, 1, "same", 1, 1), [x, w, b], name="same", stride=1,
                 padding="same", dilation=1, groups=1))
write("conv/conv1d.json", cases)

# ---------------------------------------------------------------------------------------------------------------
cases = []
for name, xs, ws, has_b, s, p, op, g, d in [
        ("basic", (2, 3, 4, 5), (3, 2, 3, 3), True, (1, 1), (0, 0), (0, 0), 1, (1, 1)),
        ("stride2_outpad", (2, 4, 3, 4), (4, 2, 3, 3), True, (2, 2), (1, 1), (1, 1), 1, (1, 1)),
        ("groups_dilation_rect", (1, 4, 4, 3), (4, 3, 3, 2), False, (2, 1), (1, 0), (1, 0), 2, (2, 2)),
        ("stride3", (1, 2, 3, 3), (2, 1, 2, 2), True, (3, 3), (0, 0), (2, 1), 1, (1, 1))]:
    x, w, b = rn(*xs), rn(*ws) * 0.3, (rn(ws[1] * g) if has_b else None)
    cases.append(run(lambda x, w, b: F.conv_transpose2d(x, w, b, s, p, op, g, d), [x, w, b], name=name,
                     stride=list(s), padding=list(p), output_padding=list(op), groups=g, dilation=list(d)))
write("conv/conv_transpose2d.json", cases)

# ---------------------------------------------------------------------------------------------------------------
cases = []
for name, xs, k, s, p, d, ceil in [("k2", (2, 3, 6, 6), (2, 2), (2, 2), (0, 0), (1, 1), False),
                                   ("k2_odd", (2, 2, 7, 5), (2, 2), (2, 2), (0, 0), (1, 1), False),
                                   ("k3s2p1_ceil", (1, 2, 8, 7), (3, 3), (2, 2), (1, 1), (1, 1), True),
                                   ("dilated", (1, 2, 9, 9), (3, 2), (1, 2), (1, 1), (2, 2), False),
                                   ("rect_ceil", (2, 1, 7, 9), (2, 3), (2, 2), (0, 1), (1, 1), True),
                                   ("unbatched", (3, 5, 5), (2, 2), (1, 1), (1, 0), (1, 1), False)]:
    x = rn(*xs)
    cases.append(run(lambda x: F.max_pool2d(x, k, s, p, d, ceil, True), [x], name=name, kernel=list(k),
                     stride=list(s), padding=list(p), dilation=list(d), ceil_mode=ceil))
write("conv/max_pool2d.json", cases)

cases = []
for name, xs, k, s, p, ceil, incl, div in [("k2", (2, 3, 6, 6), (2, 2), (2, 2), (0, 0), False, True, None),
                                           ("k3s2p1_ceil_excl", (1, 2, 8, 7), (3, 3), (2, 2), (1, 1), True, False, None),
                                           ("k3s2p1_incl", (1, 2, 7, 7), (3, 3), (2, 2), (1, 1), False, True, None),
                                           ("divisor", (1, 2, 5, 6), (2, 3), (1, 2), (1, 1), True, True, 5),
                                           ("unbatched", (2, 5, 4), (2, 2), (1, 1), (0, 1), False, False, None)]:
    x = rn(*xs)
    cases.append(run(lambda x: F.avg_pool2d(x, k, s, p, ceil, incl, div), [x], name=name, kernel=list(k),
                     stride=list(s), padding=list(p), ceil_mode=ceil, count_include_pad=incl,
                     divisor_override=div or 0))
write("conv/avg_pool2d.json", cases)

cases = []
for name, xs, size in [("7to4", (2, 3, 7, 7), (4, 4)), ("3to4", (2, 2, 3, 3), (4, 4)), ("rect", (1, 2, 5, 6), (2, 3)),
                       ("to1", (2, 2, 5, 4), (1, 1)), ("unbatched", (2, 6, 5), (3, 2))]:
    x = rn(*xs)
    cases.append(run(lambda x: F.adaptive_avg_pool2d(x, size), [x], name=name, kind="avg", size=list(size)))
    cases.append(run(lambda x: F.adaptive_max_pool2d(x, size, True), [x], name=name, kind="max", size=list(size)))
write("conv/adaptive_pool2d.json", cases)

cases = []
for name, xs, size, scale, mode, ac in [("nearest_x2", (1, 2, 3, 4), None, 2.0, "nearest", None),
                                        ("nearest_size", (2, 1, 3, 4), (5, 7), None, "nearest", None),
                                        ("nearest_1_7", (1, 1, 4, 3), None, 1.7, "nearest", None),
                                        ("nearest_down", (1, 2, 7, 6), (3, 4), None, "nearest", None),
                                        ("bilinear_x2", (1, 2, 3, 4), None, 2.0, "bilinear", False),
                                        ("bilinear_size_ac", (2, 1, 3, 4), (5, 3), None, "bilinear", True),
                                        ("bilinear_size", (1, 2, 4, 4), (7, 5), None, "bilinear", False),
                                        ("bilinear_x1_5_ac", (1, 1, 3, 3), None, 1.5, "bilinear", True)]:
    x = rn(*xs)
    cases.append(run(lambda x: F.interpolate(x, size=size, scale_factor=scale, mode=mode, align_corners=ac), [x],
                     name=name, size=None if size is None else list(size), scale=scale, mode=mode, align_corners=ac))
write("conv/interpolate.json", cases)

cases = []
for name, xs, groups, affine, eps in [("g3_affine", (2, 6, 4, 3), 3, True, 1e-5), ("g1", (2, 4, 3, 3), 1, True, 1e-5),
                                      ("no_affine_eps", (3, 4, 5), 2, False, 1e-3), ("per_channel", (2, 4, 2, 2), 4, True, 1e-5)]:
    x = rn(*xs) * 2 + 1
    w = rn(xs[1]) if affine else None
    b = rn(xs[1]) if affine else None
    cases.append(run(lambda x, w, b: F.group_norm(x, groups, w, b, eps), [x, w, b], name=name, groups=groups, eps=eps))
write("conv/group_norm.json", cases)

# ---------------------------------------------------------------------------------------------------------------
# F.pad modes, and Conv2d's padding_mode (the module pads, then convolves without padding)
cases = []
for name, xs, pad, mode, value in [("constant", (1, 2, 3, 4), (1, 2, 0, 1), "constant", 0.5),
                                   ("constant_crop", (1, 1, 4, 5), (-1, 2, 1, -2), "constant", 0.0),
                                   ("reflect", (2, 1, 4, 5), (2, 1, 3, 0), "reflect", 0.0),
                                   ("replicate", (1, 2, 3, 3), (2, 2, 1, 3), "replicate", 0.0),
                                   ("circular", (1, 2, 3, 4), (1, 3, 2, 1), "circular", 0.0),
                                   ("reflect_1d", (2, 3, 5), (2, 3), "reflect", 0.0)]:
    x = rn(*xs)
    cases.append(run(lambda x: F.pad(x, pad, mode, value), [x], name=name, pad=list(pad), mode=mode, value=value))
write("conv/pad.json", cases)

cases = []
for name, mode, padding in [("reflect", "reflect", 1), ("circular", "circular", 2), ("replicate_same", "replicate", "same")]:
    conv = nn.Conv2d(2, 3, (3, 4) if padding == "same" else 3, padding=padding, padding_mode=mode)
    x = rn(1, 2, 5, 6)
    case = run(lambda x, w, b: F.conv2d(F.pad(x, conv._reversed_padding_repeated_twice, mode), w, b), 
               [x, conv.weight.detach(), conv.bias.detach()], name=name, mode=mode, padding=padding,
               kernel=list(conv.kernel_size))
    with torch.no_grad():
        assert torch.allclose(conv(x), torch.tensor(case["out"]["data"]).view(conv(x).shape), atol=1e-6)
    cases.append(case)
write("conv/padding_mode.json", cases)

# ---------------------------------------------------------------------------------------------------------------
# Module printing, as PyTorch prints each layer.
reprs = {
    "conv2d_seed": str(nn.Conv2d(1, 64, 3, 1, 1)),
    "conv2d_full": str(nn.Conv2d(4, 8, (2, 3), stride=2, dilation=2, groups=2, bias=False)),
    "conv2d_same": str(nn.Conv2d(4, 8, 3, padding="same")),
    "conv2d_valid": str(nn.Conv2d(4, 8, 3, padding="valid")),
    "conv2d_default": str(nn.Conv2d(3, 6, 5)),
    "conv1d": str(nn.Conv1d(3, 8, 3)),
    "conv1d_full": str(nn.Conv1d(4, 8, 5, stride=2, padding=1, dilation=3, groups=4)),
    "conv_transpose2d": str(nn.ConvTranspose2d(4, 2, 3, stride=2, padding=1, output_padding=1)),
    "conv_transpose2d_default": str(nn.ConvTranspose2d(4, 2, 3)),
    "max_pool2d": str(nn.MaxPool2d(2)),
    "max_pool2d_full": str(nn.MaxPool2d((2, 3), stride=1, padding=1, dilation=2, return_indices=True, ceil_mode=True)),
    "avg_pool2d": str(nn.AvgPool2d(2)),
    "avg_pool2d_full": str(nn.AvgPool2d(3, 2, 1, ceil_mode=True, count_include_pad=False, divisor_override=2)),
    "adaptive_avg_pool2d": str(nn.AdaptiveAvgPool2d((4, 4))),
    "adaptive_avg_pool2d_int": str(nn.AdaptiveAvgPool2d(4)),
    "adaptive_max_pool2d": str(nn.AdaptiveMaxPool2d((2, 3))),
    "upsample_scale": str(nn.Upsample(scale_factor=2)),
    "upsample_size_bilinear": str(nn.Upsample(size=(4, 4), mode="bilinear")),
    "group_norm": str(nn.GroupNorm(2, 4)),
    "group_norm_no_affine": str(nn.GroupNorm(3, 6, eps=1e-3, affine=False)),
    "dropout2d": str(nn.Dropout2d(0.3)),
    "dropout2d_default": str(nn.Dropout2d()),
}
write("conv/reprs.json", reprs)


# ---------------------------------------------------------------------------------------------------------------
# The `cnn` workload model with deterministic parameters (a formula both sides compute, so the JSON stays small):
# the Java test loads them through loadStateDict and must reproduce PyTorch's eval-mode output.
def formula_fill(model):
    for k, (key, t) in enumerate(model.state_dict().items()):
        if t.dtype == torch.int64:
            t.fill_(3)
            continue
        n = t.numel()
        i = torch.arange(n, dtype=torch.float64)
        v = torch.sin(i * 0.37 + k) * (0.5 / math.sqrt(max(1, n / max(1, t.shape[0]))))
        if key.endswith("running_var"):
            v = 1.0 + 0.5 * torch.cos(i * 0.11 + k) ** 2
        t.copy_(v.reshape(t.shape).to(t.dtype))


cnn = nn.Sequential(nn.Conv2d(1, 32, 3, 1, 1), nn.ReLU(), nn.MaxPool2d(2), nn.Conv2d(32, 64, 3, 1, 1),
                    nn.BatchNorm2d(64), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(), nn.Linear(3136, 128), nn.ReLU(),
                    nn.Dropout(0.3), nn.Linear(128, 10))
with torch.no_grad():
    formula_fill(cnn)
cnn.eval()
x = torch.rand(2, 1, 28, 28)
with torch.no_grad():
    y = cnn(x)
write("conv/cnn_model.json", {"keys": list(cnn.state_dict().keys()), "input": t2j(x), "output": t2j(y),
                              "repr": str(cnn)})
