"""Golden values for the smaller pieces of dev.nabla.nn: ReLU(inplace=True), Sequential slicing, and the maths
behind nn.init.trunc_normal_ (erfinv and the truncated normal's moments) and nn.init.orthogonal_ (QR with the
sign of R's diagonal folded into Q).

Run with the PyTorch-enabled interpreter: /usr/bin/python3 tools/golden/nn_extra_golden.py
Writes nabla-core/src/test/resources/golden/nn/extra.json. Inputs are generated here and stored, so that both
sides compute from the same numbers.
"""
import math
from collections import OrderedDict

import torch
import torch.nn as nn

from golden_util import t2j, write


def relu_inplace():
    torch.manual_seed(3)
    x = torch.randn(3, 4)
    w = torch.randn(3, 4)
    leaf = x.clone().requires_grad_(True)
    h = leaf * 2.0
    module = nn.ReLU(inplace=True)
    y = module(h)
    assert y is h
    (y * w).sum().backward()
    return OrderedDict(repr=repr(module), repr_default=repr(nn.ReLU()), x=t2j(x), w=t2j(w), y=t2j(y),
                       gx=t2j(leaf.grad))


def sequential_slices():
    model = nn.Sequential(nn.Linear(4, 3), nn.ReLU(), nn.Linear(3, 2), nn.Tanh(), nn.Linear(2, 1))
    cases = []
    for start, stop in [(1, 3), (0, 5), (-2, None), (None, -1), (3, 100), (4, 2)]:
        part = model[start:stop]
        cases.append(OrderedDict(start=start, stop=stop, repr=repr(part), keys=list(part.state_dict().keys()),
                                 names=list(part._modules.keys())))
    named = nn.Sequential(OrderedDict([("fc", nn.Linear(2, 2)), ("act", nn.ReLU()), ("out", nn.Linear(2, 1))]))
    part = named[1:]
    cases.append(OrderedDict(start=1, stop=None, named=True, repr=repr(part), keys=list(part.state_dict().keys()),
                             names=list(part._modules.keys())))
    return cases


def trunc_normal():
    # erfinv over (-1, 1), denser near the ends where it is steep.
    ys = torch.cat([torch.linspace(-0.999, 0.999, 41, dtype=torch.float64),
                    torch.tensor([-0.9999999, -0.99999, 1e-12, 0.3, 0.99999, 0.9999999], dtype=torch.float64)])
    cases = []
    for mean, std, a, b in [(0.0, 1.0, -2.0, 2.0), (1.0, 0.5, 0.0, 3.0), (-3.0, 2.0, -4.0, -1.0), (0.0, 1.0, 0.5, 1.0)]:
        # The moments of the truncated normal, in closed form.
        alpha, beta = (a - mean) / std, (b - mean) / std
        pdf = lambda z: math.exp(-z * z / 2) / math.sqrt(2 * math.pi)
        cdf = lambda z: (1 + math.erf(z / math.sqrt(2))) / 2
        z = cdf(beta) - cdf(alpha)
        m = mean + std * (pdf(alpha) - pdf(beta)) / z
        var = std * std * (1 + (alpha * pdf(alpha) - beta * pdf(beta)) / z - ((pdf(alpha) - pdf(beta)) / z) ** 2)
        # PyTorch's own sampler, to show the closed form describes it.
        torch.manual_seed(0)
        t = torch.empty(200000, dtype=torch.float64)
        nn.init.trunc_normal_(t, mean, std, a, b)
        assert abs(t.mean().item() - m) < 0.01 and abs(t.var().item() - var) < 0.02, (t.mean(), m, t.var(), var)
        cases.append(OrderedDict(mean=mean, std=std, a=a, b=b, expected_mean=m, expected_var=var))
    return OrderedDict(erfinv=OrderedDict(y=t2j(ys), x=t2j(torch.erfinv(ys))), moments=cases)


def orthogonal():
    # nn.init.orthogonal_ on a given normal matrix: QR of it (transposed when wide), Q times sign(diag(R)).
    torch.manual_seed(11)
    cases = []
    for rows, cols in [(5, 3), (3, 5), (4, 4)]:
        flat = torch.randn(rows, cols, dtype=torch.float64)
        m = flat.t() if rows < cols else flat
        q, r = torch.linalg.qr(m)
        q = q * torch.diag(r, 0).sign()
        if rows < cols:
            q = q.t()
        cases.append(OrderedDict(normal=t2j(flat), q=t2j(q)))
    return cases


if __name__ == "__main__":
    write("nn/extra.json", OrderedDict(relu_inplace=relu_inplace(), sequential_slices=sequential_slices(),
                                       trunc_normal=trunc_normal(), orthogonal=orthogonal()))
