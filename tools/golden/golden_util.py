"""Shared helpers for the golden-value scripts: PyTorch tensors to the JSON the Java tests read.

Every tensor is written as {"shape": [...], "dtype": "float32|float64|int64|bool", "data": [flat row-major values]}.
Run the scripts with Debian's PyTorch (apt-get install -y python3-torch): /usr/bin/python3 tools/golden/<name>.py
"""
import json
import math
import os

import torch

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
RESOURCES = os.path.join(ROOT, "nabla-core", "src", "test", "resources", "golden")

_DTYPES = {torch.float32: "float32", torch.float64: "float64", torch.int64: "int64", torch.bool: "bool"}


def _num(v):
    if isinstance(v, bool):
        return v
    if isinstance(v, float):
        if math.isnan(v):
            return "nan"
        if math.isinf(v):
            return "inf" if v > 0 else "-inf"
    return v


def t2j(t):
    """A tensor as the JSON object the Java side reads (see Golden.java)."""
    t = t.detach().contiguous()
    return {"shape": list(t.shape), "dtype": _DTYPES[t.dtype], "data": [_num(v) for v in t.reshape(-1).tolist()]}


def write(relpath, obj):
    """Writes obj as JSON under nabla-core/src/test/resources/golden/<relpath>."""
    path = os.path.join(RESOURCES, relpath)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        json.dump(obj, f, separators=(",", ":"))
    print("wrote", os.path.relpath(path, ROOT))
