"""Golden values for dev.nabla.nn: layers (train and eval, outputs and gradients), BatchNorm running statistics,
losses with every reduction and option, model printing and state-dict keys.

Run with the PyTorch-enabled interpreter: /usr/bin/python3 tools/golden/nn_golden.py
Writes nabla-core/src/test/resources/golden/nn/*.json. Inputs are generated here and stored, so that both sides
compute from the same numbers.
"""
import math
from collections import OrderedDict

import torch
import torch.nn as nn
import torch.nn.functional as F

from golden_util import t2j, write


def state_j(module):
    return OrderedDict((k, t2j(v)) for k, v in module.state_dict().items())


def layer_case(name, make, x, randomize=None, x_grad=True):
    """One layer: the same initial state in train and in eval mode; outputs, input and parameter gradients."""
    torch.manual_seed(sum(map(ord, name)))
    module = make()
    if randomize:
        randomize(module)
    init_state = {k: v.clone() for k, v in module.state_dict().items()}
    case = OrderedDict(name=name, repr=repr(module), state=state_j(module), x=t2j(x))
    for mode in ("train", "eval"):
        module.load_state_dict(init_state)
        module.train(mode == "train")
        xin = x.clone().requires_grad_(x_grad and x.dtype.is_floating_point)
        y = module(xin)
        gy = torch.randn(y.shape, generator=torch.Generator().manual_seed(7))
        (y * gy).sum().backward()
        case[mode] = OrderedDict(
            y=t2j(y),
            gy=t2j(gy),
            gx=t2j(xin.grad) if xin.grad is not None else None,
            grads=OrderedDict((k, t2j(p.grad)) for k, p in module.named_parameters() if p.grad is not None),
            state_after=state_j(module),
        )
        module.zero_grad(set_to_none=True)
    return case


def random_bn_stats(module):
    with torch.no_grad():
        if module.running_mean is not None:
            module.running_mean.copy_(torch.randn(module.num_features) * 0.5)
            module.running_var.copy_(torch.rand(module.num_features) + 0.5)
        if module.weight is not None:
            module.weight.copy_(torch.rand(module.num_features) + 0.5)
            module.bias.copy_(torch.randn(module.num_features) * 0.1)


def random_affine(module):
    with torch.no_grad():
        if module.weight is not None:
            module.weight.copy_(torch.rand(module.weight.shape) + 0.5)
            module.bias.copy_(torch.randn(module.bias.shape) * 0.1)


def layers():
    g = torch.Generator().manual_seed(1)
    x23 = torch.randn(4, 6, generator=g) * 2
    x23[0, 0] = 0.0
    x23[0, 1] = 30.0
    x23[0, 2] = -30.0
    cases = [
        layer_case("Linear", lambda: nn.Linear(6, 3), x23),
        layer_case("LinearNoBias", lambda: nn.Linear(6, 3, bias=False), x23),
        layer_case("Linear3d", lambda: nn.Linear(6, 2), torch.randn(2, 3, 6, generator=g)),
        layer_case("ReLU", nn.ReLU, x23),
        layer_case("LeakyReLU", lambda: nn.LeakyReLU(0.2), x23),
        layer_case("ELU", lambda: nn.ELU(0.5), x23),
        layer_case("GELU", nn.GELU, x23),
        layer_case("GELUTanh", lambda: nn.GELU(approximate="tanh"), x23),
        layer_case("SiLU", nn.SiLU, x23),
        layer_case("Sigmoid", nn.Sigmoid, x23),
        layer_case("Tanh", nn.Tanh, x23),
        layer_case("Softmax", lambda: nn.Softmax(dim=1), x23),
        layer_case("LogSoftmax", lambda: nn.LogSoftmax(dim=1), x23),
        layer_case("Softmax0", lambda: nn.Softmax(dim=0), x23),
        layer_case("Identity", nn.Identity, x23),
        layer_case("Flatten", nn.Flatten, torch.randn(2, 3, 2, 2, generator=g)),
        layer_case("Flatten02", lambda: nn.Flatten(0, 2), torch.randn(2, 3, 2, 2, generator=g)),
        layer_case("Unflatten", lambda: nn.Unflatten(1, (2, 3)), x23),
        layer_case("LayerNorm", lambda: nn.LayerNorm(6), x23, random_affine),
        layer_case("LayerNorm2", lambda: nn.LayerNorm([3, 4]), torch.randn(2, 3, 4, generator=g), random_affine),
        layer_case("LayerNormNoAffine", lambda: nn.LayerNorm(6, eps=1e-3, elementwise_affine=False), x23),
        layer_case("Embedding", lambda: nn.Embedding(5, 3), torch.tensor([[0, 2, 4], [2, 2, 1]])),
        layer_case("EmbeddingPad", lambda: nn.Embedding(5, 3, padding_idx=2), torch.tensor([[0, 2, 4], [2, 2, 1]])),
        layer_case("BatchNorm1d", lambda: nn.BatchNorm1d(6), x23, random_bn_stats),
        layer_case("BatchNorm1d3d", lambda: nn.BatchNorm1d(3), torch.randn(4, 3, 5, generator=g), random_bn_stats),
        layer_case("BatchNorm1dNoAffine", lambda: nn.BatchNorm1d(6, affine=False), x23, random_bn_stats),
        layer_case("BatchNorm1dNoStats", lambda: nn.BatchNorm1d(6, track_running_stats=False), x23, random_bn_stats),
        layer_case("BatchNorm1dCumulative", lambda: nn.BatchNorm1d(6, momentum=None, eps=1e-3), x23, random_bn_stats),
        layer_case("BatchNorm2d", lambda: nn.BatchNorm2d(3), torch.randn(2, 3, 4, 4, generator=g), random_bn_stats),
    ]
    write("nn/layers.json", {"cases": cases})


def running_stats():
    g = torch.Generator().manual_seed(2)
    batches = [torch.randn(8, 4, generator=g) * (i + 1) + i for i in range(5)]
    images = [torch.randn(3, 2, 3, 3, generator=g) + i for i in range(4)]
    out = OrderedDict(batches=[t2j(b) for b in batches], images=[t2j(b) for b in images])
    for key, make, data in (("momentum", lambda: nn.BatchNorm1d(4), batches),
                            ("cumulative", lambda: nn.BatchNorm1d(4, momentum=None), batches),
                            ("momentum2d", lambda: nn.BatchNorm2d(2, momentum=0.3), images)):
        bn = make()
        steps = []
        for b in data:
            bn(b)
            steps.append(state_j(bn))
        bn.eval()
        steps_eval = t2j(bn(data[0]))
        out[key] = OrderedDict(steps=steps, eval_y=steps_eval)
    write("nn/batchnorm_running.json", out)


def loss_case(cases, name, fn, inp, target, reduction, grad_target=False, **options):
    x = inp.clone().requires_grad_(True)
    t = target.clone().requires_grad_(grad_target)
    out = fn(x, t, reduction=reduction, **options)
    out.sum().backward()
    case = OrderedDict(name=name, reduction=reduction, input=t2j(inp), target=t2j(target), out=t2j(out), gx=t2j(x.grad))
    if grad_target:
        case["gt"] = t2j(t.grad)
    for k, v in options.items():
        case[k] = t2j(v) if isinstance(v, torch.Tensor) else v
    cases.append(case)


def losses():
    g = torch.Generator().manual_seed(3)
    cases = []
    a = torch.randn(4, 3, generator=g)
    b = torch.randn(4, 3, generator=g)
    b[0, 0] = a[0, 0]  # a zero difference: |d| has PyTorch's zero subgradient there
    for r in ("none", "mean", "sum"):
        loss_case(cases, "mse", F.mse_loss, a, b, r, grad_target=True)
        loss_case(cases, "l1", F.l1_loss, a, b, r, grad_target=True)
        for beta in (1.0, 0.5, 0.0):
            loss_case(cases, "smooth_l1", F.smooth_l1_loss, a * 2, b, r, beta=beta)
        for delta in (1.0, 2.0):
            loss_case(cases, "huber", F.huber_loss, a * 2, b, r, delta=delta)

    p = torch.sigmoid(torch.randn(4, 3, generator=g) * 2)
    p[0, 0], p[0, 1], p[1, 0], p[1, 1] = 0.0, 1.0, 0.0, 1.0
    y = (torch.rand(4, 3, generator=g) > 0.5).float()
    y[0, 0], y[0, 1], y[1, 0], y[1, 1] = 1.0, 0.0, 0.0, 1.0
    y[2, 0] = 0.3  # soft label
    w3 = torch.rand(3, generator=g) + 0.5
    logits = torch.randn(4, 3, generator=g) * 3
    logits[0, 0], logits[0, 1] = 60.0, -60.0
    for r in ("none", "mean", "sum"):
        loss_case(cases, "bce", F.binary_cross_entropy, p, y, r)
        loss_case(cases, "bce", F.binary_cross_entropy, p, y, r, weight=w3)
        loss_case(cases, "bce_logits", F.binary_cross_entropy_with_logits, logits, y, r, grad_target=True)
        loss_case(cases, "bce_logits", F.binary_cross_entropy_with_logits, logits, y, r, pos_weight=w3)
        loss_case(cases, "bce_logits", F.binary_cross_entropy_with_logits, logits, y, r, weight=w3,
                  pos_weight=torch.tensor([2.0, 0.5, 1.0]))

    scores = torch.randn(5, 4, generator=g) * 2
    scores[0, 0] = 80.0
    labels = torch.tensor([0, 3, 1, 1, 2])
    labels_ign = torch.tensor([0, -100, 1, 1, -100])
    labels_ign1 = torch.tensor([0, 3, 1, 1, 2])
    cw = torch.tensor([1.0, 2.0, 0.5, 1.5])
    probs = torch.softmax(torch.randn(5, 4, generator=g), 1)
    scores3 = torch.randn(2, 4, 3, generator=g)
    labels3 = torch.tensor([[0, 3, 1], [-100, 2, 2]])
    probs3 = torch.softmax(torch.randn(2, 4, 3, generator=g), 1)
    single = torch.randn(4, generator=g)
    for r in ("none", "mean", "sum"):
        loss_case(cases, "nll", F.nll_loss, torch.log_softmax(scores, 1), labels, r)
        loss_case(cases, "nll", F.nll_loss, torch.log_softmax(scores, 1), labels_ign, r, weight=cw)
        loss_case(cases, "nll", F.nll_loss, torch.log_softmax(scores, 1), labels_ign1, r, ignore_index=1)
        loss_case(cases, "nll", F.nll_loss, torch.log_softmax(scores3, 1), labels3, r, weight=cw)
        loss_case(cases, "nll", F.nll_loss, torch.log_softmax(single, 0), torch.tensor(2), r)
        loss_case(cases, "ce", F.cross_entropy, scores, labels, r)
        loss_case(cases, "ce", F.cross_entropy, scores, labels_ign, r, weight=cw)
        loss_case(cases, "ce", F.cross_entropy, scores, labels_ign1, r, ignore_index=1)
        loss_case(cases, "ce", F.cross_entropy, scores, labels, r, label_smoothing=0.1)
        loss_case(cases, "ce", F.cross_entropy, scores, labels_ign, r, label_smoothing=0.2)
        loss_case(cases, "ce", F.cross_entropy, scores, labels_ign, r, weight=cw, label_smoothing=0.3)
        loss_case(cases, "ce", F.cross_entropy, scores3, labels3, r, weight=cw, label_smoothing=0.1)
        loss_case(cases, "ce", F.cross_entropy, scores3, labels3, r)
        loss_case(cases, "ce", F.cross_entropy, single, torch.tensor(1), r)
        loss_case(cases, "ce", F.cross_entropy, scores, probs, r, grad_target=True)
        loss_case(cases, "ce", F.cross_entropy, scores, probs, r, weight=cw)
        loss_case(cases, "ce", F.cross_entropy, scores, probs, r, weight=cw, label_smoothing=0.2)
        loss_case(cases, "ce", F.cross_entropy, scores3, probs3, r, label_smoothing=0.1)
    # Every target ignored: the mean is 0/0, NaN in PyTorch.
    loss_case(cases, "ce", F.cross_entropy, scores[:2], torch.tensor([-100, -100]), "mean")
    write("nn/losses.json", {"cases": cases})


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(nn.Linear(8, 16), nn.BatchNorm1d(16), nn.GELU(), nn.Dropout(0.1))
        self.blocks = nn.ModuleList([nn.Linear(16, 16), nn.LayerNorm(16)])
        self.heads = nn.ModuleDict(OrderedDict(cls=nn.Linear(16, 3, bias=False), emb=nn.Embedding(10, 4, padding_idx=0)))
        self.flat = nn.Flatten()
        self.act = nn.LeakyReLU(0.2)
        self.norm2 = nn.BatchNorm2d(5, momentum=None, affine=False)
        self.up = nn.Unflatten(1, (2, 8))
        self.soft = nn.Sequential(OrderedDict(sm=nn.Softmax(dim=1), lsm=nn.LogSoftmax(dim=-1), elu=nn.ELU(),
                                              silu=nn.SiLU(), tanh=nn.Tanh(), sig=nn.Sigmoid(), id=nn.Identity(),
                                              gt=nn.GELU(approximate="tanh"), relu=nn.ReLU()))
        self.ln = nn.LayerNorm([2, 3], eps=1e-6, elementwise_affine=False)
        self.bnn = nn.BatchNorm1d(7, eps=0.001, momentum=0.01, track_running_stats=False)
        self.loss = nn.CrossEntropyLoss(label_smoothing=0.1)
        self.losses = nn.ModuleList([nn.BCELoss(), nn.BCEWithLogitsLoss(), nn.NLLLoss(), nn.MSELoss(), nn.L1Loss(),
                                     nn.SmoothL1Loss(), nn.HuberLoss()])

    def forward(self, x):
        return x


def printing():
    seed_mlp = nn.Sequential(nn.Linear(784, 256), nn.ReLU(), nn.Dropout(0.3), nn.Linear(256, 10))
    net = Net()
    lr = nn.Module()
    lr.linear = nn.Linear(5, 1)
    out = OrderedDict(
        seed_mlp=OrderedDict(repr=repr(seed_mlp), keys=list(seed_mlp.state_dict().keys()),
                             shapes=[list(v.shape) for v in seed_mlp.state_dict().values()]),
        net=OrderedDict(repr=repr(net), keys=list(net.state_dict().keys()),
                        shapes=[list(v.shape) for v in net.state_dict().values()],
                        params=[k for k, _ in net.named_parameters()]),
    )
    # A seed-MLP checkpoint: Nabla must load it and compute the same outputs.
    torch.manual_seed(0)
    small = nn.Sequential(nn.Linear(12, 8), nn.ReLU(), nn.Dropout(0.3), nn.Linear(8, 3))
    x = torch.randn(5, 12)
    small.eval()
    out["checkpoint"] = OrderedDict(state=state_j(small), x=t2j(x), y=t2j(small(x)))
    # Errors of a strict load, in PyTorch's words.
    bad = dict(small.state_dict())
    del bad["0.bias"]
    bad["extra.weight"] = torch.zeros(1)
    bad["3.weight"] = torch.zeros(2, 8)
    try:
        small.load_state_dict(bad)
    except RuntimeError as e:
        out["strict_error"] = str(e)
    bad_state = OrderedDict((k, t2j(v)) for k, v in bad.items())
    out["strict_bad_state"] = bad_state
    write("nn/printing.json", out)


def functional():
    g = torch.Generator().manual_seed(4)
    xs = torch.tensor([-7.0, -4.0, -3.5, -3.0, -2.5, -1.0, -0.3, 0.0, 1e-4, 0.5, 2.0, 2.99, 3.0, 3.01, 4.5, 6.0, 9.0],
                      dtype=torch.float64)
    out = OrderedDict(erf_x=t2j(xs), erf_y=t2j(torch.erf(xs)), gelu_y=t2j(F.gelu(xs)),
                      gelu_tanh_y=t2j(F.gelu(xs, approximate="tanh")))
    a = torch.randn(4, 5, generator=g, dtype=torch.float64) * 4
    a[0, 0], a[0, 1], a[0, 2] = 30.0, -30.0, 0.0
    a[1, 0], a[1, 1] = 6.5, -1.0
    xg = a.clone().requires_grad_(True)
    extra = OrderedDict(
        softplus=F.softplus(xg), softplus_b=F.softplus(xg, beta=2.0, threshold=5.0), log_sigmoid=F.logsigmoid(xg),
        hardtanh=F.hardtanh(xg, -2.0, 3.0), relu6=F.relu6(xg), mish=F.mish(xg), normalize=F.normalize(xg),
        normalize_p1=F.normalize(xg, p=1.0, dim=0))
    out["extra_x"] = t2j(a)
    for k, v in extra.items():
        gx, = torch.autograd.grad(v.sum(), xg)
        out["extra_" + k] = t2j(v)
        out["extra_" + k + "_grad"] = t2j(gx)
    idx = torch.tensor([[3, 0], [1, 4]])
    out["one_hot_idx"] = t2j(idx)
    out["one_hot_y"] = t2j(F.one_hot(idx, 6))
    out["one_hot_auto"] = t2j(F.one_hot(idx))
    write("nn/functional.json", out)


if __name__ == "__main__":
    layers()
    running_stats()
    losses()
    printing()
    functional()
