"""Safetensors interop with PyTorch, written without the safetensors package (the format is done by hand below).

Write (default): a small MLP's state dict from PyTorch as nabla-core/src/test/resources/io/torch_mlp.safetensors,
plus inputs and PyTorch's outputs in golden/io/torch_mlp.json; SafetensorsInteropTest loads the file into the
matching Nabla model (Sequential(Linear(4, 8), ReLU(), Linear(8, 3))) and compares outputs.

    /usr/bin/python3 tools/golden/io_golden.py

Verify: check a file that Nabla wrote. SafetensorsInteropTest writes nabla-core/target/io-interop/nabla_mlp.safetensors
and nabla_mlp.json (inputs and Nabla's outputs); this loads the weights into the same PyTorch model and compares.

    ./mvnw -q -pl nabla-core test -Dtest=SafetensorsInteropTest
    /usr/bin/python3 tools/golden/io_golden.py --verify nabla-core/target/io-interop/nabla_mlp.safetensors
"""
import json
import os
import struct
import sys

import torch

import golden_util

_CODES = {torch.float32: ("F32", "<f"), torch.float64: ("F64", "<d"), torch.int64: ("I64", "<q"), torch.bool: ("BOOL", "<?")}
_FROM_CODE = {code: (dtype, fmt) for dtype, (code, fmt) in _CODES.items()}


def save_safetensors(tensors, path, metadata=None):
    """The reference layout: widest dtype first then by name, header padded with spaces to a multiple of 8."""
    order = sorted(tensors, key=lambda k: (-tensors[k].element_size(), k))
    header, blobs, offset = {}, [], 0
    if metadata:
        header["__metadata__"] = metadata
    for name in order:
        t = tensors[name].detach().contiguous()
        code, fmt = _CODES[t.dtype]
        data = struct.pack("<%d%s" % (t.numel(), fmt[1]), *t.reshape(-1).tolist())
        header[name] = {"dtype": code, "shape": list(t.shape), "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    text = json.dumps(header, separators=(",", ":")).encode("utf-8")
    text += b" " * ((8 - len(text) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for b in blobs:
            f.write(b)


def load_safetensors(path):
    with open(path, "rb") as f:
        raw = f.read()
    (n,) = struct.unpack("<Q", raw[:8])
    header = json.loads(raw[8:8 + n].decode("utf-8"))
    metadata = header.pop("__metadata__", {})
    data = raw[8 + n:]
    out = {}
    for name, info in header.items():
        dtype, fmt = _FROM_CODE[info["dtype"]]
        begin, end = info["data_offsets"]
        count = (end - begin) // struct.calcsize(fmt)
        values = struct.unpack("<%d%s" % (count, fmt[1]), data[begin:end])
        out[name] = torch.tensor(values, dtype=dtype).reshape(info["shape"])
    return out, metadata


def model():
    return torch.nn.Sequential(torch.nn.Linear(4, 8), torch.nn.ReLU(), torch.nn.Linear(8, 3))


def write():
    torch.manual_seed(0)
    net = model()
    x = torch.randn(5, 4)
    with torch.no_grad():
        y = net(x)
    state = dict(net.state_dict())
    resources = os.path.join(golden_util.ROOT, "nabla-core", "src", "test", "resources", "io")
    os.makedirs(resources, exist_ok=True)
    save_safetensors(state, os.path.join(resources, "torch_mlp.safetensors"), {"format": "pt", "arch": "4-8-3"})
    # A second file with every dtype Nabla has, to check they read back bit for bit.
    extra = {"f64": torch.tensor([[1.5, -2.25]], dtype=torch.float64), "i64": torch.tensor([-3, 2**40]),
             "mask": torch.tensor([True, False, True]), "scalar": torch.tensor(7.0)}
    save_safetensors(extra, os.path.join(resources, "torch_dtypes.safetensors"))
    print("wrote", os.path.relpath(os.path.join(resources, "torch_mlp.safetensors"), golden_util.ROOT))
    golden_util.write("io/torch_mlp.json", {"input": golden_util.t2j(x), "output": golden_util.t2j(y),
                                            "dtypes": {k: golden_util.t2j(v) for k, v in extra.items()}})


def verify(path):
    state, metadata = load_safetensors(path)
    with open(os.path.splitext(path)[0] + ".json") as f:
        expected = json.load(f)
    net = model()
    net.load_state_dict(state)   # strict: every key and shape must match PyTorch's
    x = torch.tensor(expected["input"]["data"], dtype=torch.float32).reshape(expected["input"]["shape"])
    want = torch.tensor(expected["output"]["data"], dtype=torch.float32).reshape(expected["output"]["shape"])
    with torch.no_grad():
        got = net(x)
    if not torch.allclose(got, want, rtol=1e-5, atol=1e-6):
        sys.exit("MISMATCH: PyTorch computes %s from %s, Nabla computed %s" % (got, path, want))
    print("OK: %s loads into PyTorch (%d tensors, metadata %s) and gives Nabla's outputs" % (path, len(state), metadata))


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--verify":
        verify(sys.argv[2])
    elif len(sys.argv) == 1:
        write()
    else:
        sys.exit("usage: io_golden.py [--verify FILE.safetensors]")
