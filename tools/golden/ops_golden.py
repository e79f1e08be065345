"""Golden values for every tensor op: forward outputs, input gradients, type promotion and printing.

Run with Debian's PyTorch:  /usr/bin/python3 tools/golden/ops_golden.py
Writes nabla-core/src/test/resources/golden/ops/*.json, read by dev.nabla.GoldenOpsTest and dev.nabla.PrintTest.

Each op case is
  {"name", "op", "args": {...},
   "inputs": [{"tensor": <leaf>, "view": [steps...], "grad": bool}],
   "outputs": [<tensor>...], "upstream": [<tensor> | null ...], "grads": [<tensor> | null ...], "rtol", "atol"}
The op runs on each leaf after its view steps (["t"], ["transpose", d0, d1], ["permute", [...]],
["expand", [...]], ["slice", dim, start, end, step]), so non-contiguous inputs are tested and their gradients are
taken with respect to the leaf. Every output that requires grad receives its upstream gradient (one backward call
over all of them, as torch.autograd.backward does); "grads" holds each leaf's .grad (null where PyTorch has None).
"op" names an entry of OPS below; the Java test keeps a table with the same names.
"""
import torch

from golden_util import t2j, write

torch.manual_seed(1234)

DTYPES = {"float32": torch.float32, "float64": torch.float64, "int64": torch.int64, "bool": torch.bool}


def _max(x, a):
    r = torch.max(x[0], a["dim"], keepdim=a.get("keepdim", False))
    return r.values, r.indices


def _min(x, a):
    r = torch.min(x[0], a["dim"], keepdim=a.get("keepdim", False))
    return r.values, r.indices


OPS = {
    # arithmetic
    "add": lambda x, a: x[0] + x[1],
    "add_scalar": lambda x, a: x[0] + a["s"],
    "add_alpha": lambda x, a: torch.add(x[0], x[1], alpha=a["alpha"]),
    "sub": lambda x, a: x[0] - x[1],
    "sub_scalar": lambda x, a: x[0] - a["s"],
    "rsub_scalar": lambda x, a: a["s"] - x[0],
    "mul": lambda x, a: x[0] * x[1],
    "mul_scalar": lambda x, a: x[0] * a["s"],
    "div": lambda x, a: x[0] / x[1],
    "div_scalar": lambda x, a: x[0] / a["s"],
    "pow_scalar": lambda x, a: x[0] ** a["e"],
    "pow_tensor": lambda x, a: x[0] ** x[1],
    "maximum": lambda x, a: torch.maximum(x[0], x[1]),
    "minimum": lambda x, a: torch.minimum(x[0], x[1]),
    # unary
    "neg": lambda x, a: -x[0],
    "exp": lambda x, a: x[0].exp(),
    "log": lambda x, a: x[0].log(),
    "sqrt": lambda x, a: x[0].sqrt(),
    "rsqrt": lambda x, a: x[0].rsqrt(),
    "abs": lambda x, a: x[0].abs(),
    "sigmoid": lambda x, a: x[0].sigmoid(),
    "tanh": lambda x, a: x[0].tanh(),
    "relu": lambda x, a: x[0].relu(),
    "sin": lambda x, a: x[0].sin(),
    "cos": lambda x, a: x[0].cos(),
    "reciprocal": lambda x, a: x[0].reciprocal(),
    "square": lambda x, a: x[0].square(),
    "sign": lambda x, a: x[0].sign(),
    "clamp": lambda x, a: x[0].clamp(a.get("min"), a.get("max")),
    "softmax": lambda x, a: x[0].softmax(a["dim"]),
    "log_softmax": lambda x, a: x[0].log_softmax(a["dim"]),
    # selection
    "where": lambda x, a: torch.where(x[0], x[1], x[2]),
    "where_scalar": lambda x, a: torch.where(x[0], x[1], a["s"]),
    "masked_fill": lambda x, a: x[0].masked_fill(x[1], a["value"]),
    # comparison
    "eq": lambda x, a: x[0].eq(x[1]),
    "ne": lambda x, a: x[0].ne(x[1]),
    "gt": lambda x, a: x[0].gt(x[1]),
    "lt": lambda x, a: x[0].lt(x[1]),
    "ge": lambda x, a: x[0].ge(x[1]),
    "le": lambda x, a: x[0].le(x[1]),
    "eq_scalar": lambda x, a: x[0].eq(a["s"]),
    "ne_scalar": lambda x, a: x[0].ne(a["s"]),
    "gt_scalar": lambda x, a: x[0].gt(a["s"]),
    "lt_scalar": lambda x, a: x[0].lt(a["s"]),
    "ge_scalar": lambda x, a: x[0].ge(a["s"]),
    "le_scalar": lambda x, a: x[0].le(a["s"]),
    "logical_not": lambda x, a: x[0].logical_not(),
    "logical_and": lambda x, a: x[0].logical_and(x[1]),
    "logical_or": lambda x, a: x[0].logical_or(x[1]),
    # casts
    "to": lambda x, a: x[0].to(DTYPES[a["dtype"]]),
    # linear algebra
    "matmul": lambda x, a: x[0].matmul(x[1]),
    "mm": lambda x, a: x[0].mm(x[1]),
    "bmm": lambda x, a: x[0].bmm(x[1]),
    # views and copies
    "t": lambda x, a: x[0].t(),
    "transpose": lambda x, a: x[0].transpose(a["d0"], a["d1"]),
    "permute": lambda x, a: x[0].permute(*a["dims"]),
    "reshape": lambda x, a: x[0].reshape(a["shape"]),
    "view": lambda x, a: x[0].view(a["shape"]),
    "flatten": lambda x, a: x[0].flatten(a.get("start", 0), a.get("end", -1)),
    "unflatten": lambda x, a: x[0].unflatten(a["dim"], a["sizes"]),
    "squeeze": lambda x, a: x[0].squeeze(),
    "squeeze_dim": lambda x, a: x[0].squeeze(a["dim"]),
    "unsqueeze": lambda x, a: x[0].unsqueeze(a["dim"]),
    "expand": lambda x, a: x[0].expand(*a["sizes"]),
    "narrow": lambda x, a: x[0].narrow(a["dim"], a["start"], a["length"]),
    "slice": lambda x, a: x[0][(slice(None),) * a["dim"] + (slice(a["start"], a["end"], a["step"]),)],
    "select": lambda x, a: x[0].select(a["dim"], a["index"]),
    "contiguous": lambda x, a: x[0].contiguous(),
    "clone": lambda x, a: x[0].clone(),
    "repeat": lambda x, a: x[0].repeat(*a["repeats"]),
    # reductions
    "sum": lambda x, a: x[0].sum(),
    "sum_dims": lambda x, a: x[0].sum(a["dims"], keepdim=a["keepdim"]),
    "mean": lambda x, a: x[0].mean(),
    "mean_dims": lambda x, a: x[0].mean(a["dims"], keepdim=a["keepdim"]),
    "prod": lambda x, a: x[0].prod(),
    "max_all": lambda x, a: x[0].max(),
    "min_all": lambda x, a: x[0].min(),
    "max_dim": _max,
    "min_dim": _min,
    "argmax": lambda x, a: x[0].argmax(a["dim"], keepdim=a.get("keepdim", False)),
    "argmax_all": lambda x, a: x[0].argmax(),
    "argmin": lambda x, a: x[0].argmin(a["dim"]),
    "argmin_all": lambda x, a: x[0].argmin(),
    "var": lambda x, a: x[0].var(),
    "var_dims": lambda x, a: x[0].var(a["dims"], correction=a["correction"], keepdim=a["keepdim"]),
    "var_dim": lambda x, a: x[0].var(a["dim"], unbiased=a["unbiased"], keepdim=a["keepdim"]),
    "std": lambda x, a: x[0].std(),
    "std_dim": lambda x, a: x[0].std(a["dim"], unbiased=a["unbiased"], keepdim=a["keepdim"]),
    "logsumexp": lambda x, a: x[0].logsumexp(a["dim"], keepdim=a["keepdim"]),
    "norm": lambda x, a: x[0].norm(),
    # factories
    "arange": lambda x, a: torch.arange(a["end"]),
    "arange_int": lambda x, a: torch.arange(a["start"], a["end"]),
    "arange_step": lambda x, a: torch.arange(a["start"], a["end"], a["step"]),
    "arange_float": lambda x, a: torch.arange(a["start"], a["end"], a["step"]),
    "linspace": lambda x, a: torch.linspace(a["start"], a["end"], a["steps"]),
    "eye": lambda x, a: torch.eye(a["n"], a["m"]),
    "full": lambda x, a: torch.full(a["shape"], a["value"]),
    "zeros_like": lambda x, a: torch.zeros_like(x[0]),
    "ones_like": lambda x, a: torch.ones_like(x[0]),
    # indexing, joining, splitting
    "index_select": lambda x, a: x[0].index_select(a["dim"], x[1]),
    "gather": lambda x, a: x[0].gather(a["dim"], x[1]),
    "scatter_add": lambda x, a: x[0].scatter_add(a["dim"], x[1], x[2]),
    "masked_select": lambda x, a: x[0].masked_select(x[1]),
    "cat": lambda x, a: torch.cat(x, a["dim"]),
    "stack": lambda x, a: torch.stack(x, a["dim"]),
    "split": lambda x, a: x[0].split(a["size"], a["dim"]),
    "chunk": lambda x, a: x[0].chunk(a["chunks"], a["dim"]),
    "unbind": lambda x, a: x[0].unbind(a["dim"]),
}


def apply_view(t, steps):
    for s in steps:
        if s[0] == "t":
            t = t.t()
        elif s[0] == "transpose":
            t = t.transpose(s[1], s[2])
        elif s[0] == "permute":
            t = t.permute(*s[1])
        elif s[0] == "expand":
            t = t.expand(*s[1])
        elif s[0] == "slice":
            t = t[(slice(None),) * s[1] + (slice(s[2], s[3], s[4]),)]
        else:
            raise ValueError(s)
    return t


def inp(t, view=(), grad=None):
    """One input: a leaf tensor, the view steps applied to it, whether it requires grad."""
    if grad is None:
        grad = t.is_floating_point()
    return {"t": t, "view": [list(s) for s in view], "grad": grad}


def randn(*shape, dtype=torch.float32):
    return torch.randn(shape, dtype=dtype)


def pos(*shape, dtype=torch.float32):
    """Positive values away from zero, for log, sqrt, pow and division."""
    return torch.rand(shape, dtype=dtype) * 2 + 0.5


def case(name, op, inputs, args=None, rtol=1e-4, atol=1e-5):
    args = args or {}
    leaves = []
    xs = []
    for i in inputs:
        leaf = i["t"].detach().clone().requires_grad_(i["grad"])
        leaves.append(leaf)
        xs.append(apply_view(leaf, i["view"]))
    # Non-finite scalar arguments are spelled "inf", "-inf", "nan" in the JSON (which has no literal for them).
    out = OPS[op](xs, {k: float(v) if v in ("inf", "-inf", "nan") else v for k, v in args.items()})
    outs = list(out) if isinstance(out, (tuple, list)) else [out]
    ups = [torch.randn_like(o) if o.requires_grad else None for o in outs]
    roots = [(o, u) for o, u in zip(outs, ups) if u is not None]
    if roots:
        torch.autograd.backward([o for o, _ in roots], [u for _, u in roots])
    return {
        "name": name, "op": op, "args": args,
        "inputs": [{"tensor": t2j(i["t"]), "view": i["view"], "grad": i["grad"]} for i in inputs],
        "outputs": [t2j(o) for o in outs],
        "grad_fn": [type(o.grad_fn).__name__ if o.grad_fn is not None else None for o in outs],
        "upstream": [None if u is None else t2j(u) for u in ups],
        "grads": [t2j(l.grad) if l.grad is not None else None for l in leaves],
        "rtol": rtol, "atol": atol,
    }


def binary():
    c = []
    for op in ["add", "sub", "mul", "div", "maximum", "minimum"]:
        b = pos if op == "div" else randn
        c.append(case(op + "_same", op, [inp(randn(3, 4)), inp(b(3, 4))]))
        c.append(case(op + "_row", op, [inp(randn(3, 4)), inp(b(4))]))
        c.append(case(op + "_col", op, [inp(randn(3, 1)), inp(b(1, 4))]))
        c.append(case(op + "_batch", op, [inp(randn(2, 1, 4)), inp(b(3, 1))]))
        c.append(case(op + "_0dim", op, [inp(randn(2, 3)), inp(b())]))
        c.append(case(op + "_transposed", op, [inp(randn(4, 3), [["t"]]), inp(b(3, 4))]))
        c.append(case(op + "_expanded", op, [inp(randn(1, 4), [["expand", [3, 4]]]), inp(b(3, 4), [["slice", 1, 0, 4, 1]])]))
        c.append(case(op + "_sliced", op, [inp(randn(3, 8), [["slice", 1, 1, 8, 2]]), inp(b(3, 4))]))
        c.append(case(op + "_f64", op, [inp(randn(3, 4, dtype=torch.float64)), inp(b(4, dtype=torch.float64))]))
        c.append(case(op + "_int", op, [inp(torch.randint(-5, 6, (2, 3))), inp(torch.randint(1, 6, (2, 3)))]))
    c.append(case("maximum_ties", "maximum", [inp(torch.tensor([1., 2., 3.])), inp(torch.tensor([1., 5., 3.]))]))
    c.append(case("add_alpha", "add_alpha", [inp(randn(3, 4)), inp(randn(4))], {"alpha": 2.5}))
    for op in ["add_scalar", "sub_scalar", "rsub_scalar", "mul_scalar", "div_scalar"]:
        c.append(case(op, op, [inp(randn(3, 4))], {"s": 2.5}))
        c.append(case(op + "_transposed", op, [inp(randn(4, 3), [["t"]])], {"s": -1.5}))
        c.append(case(op + "_int_int", op, [inp(torch.randint(-5, 6, (5,)))], {"s": 3}))
        c.append(case(op + "_int_frac", op, [inp(torch.randint(-5, 6, (5,)))], {"s": 0.5}))
    for e in [2.0, 3.0, 0.5, -1.0, 0.0, 1.5]:
        c.append(case("pow_scalar_%s" % e, "pow_scalar", [inp(pos(3, 4))], {"e": e}))
    c.append(case("pow_scalar_neg_base", "pow_scalar", [inp(randn(3, 4))], {"e": 3.0}))
    c.append(case("pow_scalar_int", "pow_scalar", [inp(torch.randint(-3, 4, (6,)))], {"e": 2}))
    c.append(case("pow_scalar_int3", "pow_scalar", [inp(torch.randint(-3, 4, (6,)))], {"e": 3}))
    c.append(case("pow_scalar_int_frac", "pow_scalar", [inp(torch.randint(0, 4, (6,)))], {"e": 0.5}))
    c.append(case("pow_tensor", "pow_tensor", [inp(pos(3, 4)), inp(randn(4))]))
    return c


def unary():
    c = []
    pos_ops = {"log", "sqrt", "rsqrt", "reciprocal"}
    for op in ["neg", "exp", "log", "sqrt", "rsqrt", "abs", "sigmoid", "tanh", "relu", "sin", "cos", "reciprocal",
               "square", "sign"]:
        g = pos if op in pos_ops else randn
        c.append(case(op, op, [inp(g(3, 4))]))
        c.append(case(op + "_transposed", op, [inp(g(4, 3), [["t"]])]))
        c.append(case(op + "_expanded", op, [inp(g(4), [["expand", [2, 4]]])]))
        c.append(case(op + "_f64", op, [inp(g(5, dtype=torch.float64))]))
        c.append(case(op + "_0dim", op, [inp(g())]))
    for op in ["neg", "abs", "relu", "square", "exp", "sqrt", "sigmoid", "sign"]:
        c.append(case(op + "_int", op, [inp(torch.randint(-4, 5, (6,)))]))
    c.append(case("relu_zero", "relu", [inp(torch.tensor([-1., 0., 2.]))]))
    c.append(case("abs_zero", "abs", [inp(torch.tensor([-1., 0., 2.]))]))
    c.append(case("clamp", "clamp", [inp(randn(4, 5))], {"min": -0.5, "max": 0.5}))
    c.append(case("clamp_min", "clamp", [inp(randn(4, 5))], {"min": -0.25}))
    c.append(case("clamp_max", "clamp", [inp(randn(4, 5), [["t"]])], {"max": 0.25}))
    c.append(case("clamp_int", "clamp", [inp(torch.randint(-5, 6, (8,)))], {"min": -2, "max": 3}))
    for d in [0, 1, -1]:
        c.append(case("softmax_%d" % d, "softmax", [inp(randn(3, 5))], {"dim": d}))
        c.append(case("log_softmax_%d" % d, "log_softmax", [inp(randn(3, 5))], {"dim": d}))
    c.append(case("softmax_3d", "softmax", [inp(randn(2, 3, 4))], {"dim": 1}))
    c.append(case("log_softmax_3d", "log_softmax", [inp(randn(2, 3, 4))], {"dim": 1}))
    c.append(case("softmax_transposed", "softmax", [inp(randn(5, 3), [["t"]])], {"dim": 1}))
    c.append(case("log_softmax_transposed", "log_softmax", [inp(randn(5, 3), [["t"]])], {"dim": 1}))
    c.append(case("softmax_large", "softmax", [inp(randn(2, 4) * 100)], {"dim": 1}))
    c.append(case("log_softmax_large", "log_softmax", [inp(randn(2, 4) * 100)], {"dim": 1}))
    c.append(case("softmax_f64", "softmax", [inp(randn(3, 4, dtype=torch.float64))], {"dim": 1}))
    c.append(case("log_softmax_f64", "log_softmax", [inp(randn(3, 4, dtype=torch.float64))], {"dim": 0}))
    cond = torch.rand(3, 4) > 0.5
    c.append(case("where", "where", [inp(cond), inp(randn(3, 4)), inp(randn(3, 4))]))
    c.append(case("where_broadcast", "where", [inp(torch.rand(3, 1) > 0.5), inp(randn(4)), inp(randn(3, 4))]))
    c.append(case("where_transposed", "where", [inp(cond), inp(randn(4, 3), [["t"]]), inp(randn(1), [["expand", [3, 4]]])]))
    c.append(case("where_mixed", "where", [inp(cond), inp(randn(3, 4)), inp(randn(3, 4, dtype=torch.float64))]))
    c.append(case("where_scalar", "where_scalar", [inp(cond), inp(randn(3, 4))], {"s": 0.5}))
    c.append(case("where_int", "where", [inp(cond), inp(torch.randint(0, 9, (3, 4))), inp(torch.randint(0, 9, (4,)))]))
    c.append(case("masked_fill", "masked_fill", [inp(randn(3, 4)), inp(cond)], {"value": -1.5}))
    c.append(case("masked_fill_broadcast", "masked_fill", [inp(randn(3, 4)), inp(torch.rand(4) > 0.5)], {"value": 2.0}))
    c.append(case("masked_fill_transposed", "masked_fill", [inp(randn(4, 3), [["t"]]), inp(cond)], {"value": 0.0}))
    c.append(case("masked_fill_int", "masked_fill", [inp(torch.randint(0, 9, (3, 4))), inp(cond)], {"value": 7.0}))
    return c


def special():
    """nan, inf, -inf and signed zeros through every elementwise op and reduction (kernels must agree)."""
    c = []
    nan, inf = float("nan"), float("inf")
    v = torch.tensor([nan, inf, -inf, 0.0, -0.0, 1.0, -2.5, 1e-30, 88.8, -104.0, 1e30])
    for op in ["neg", "exp", "log", "sqrt", "rsqrt", "abs", "sigmoid", "tanh", "relu", "sin", "cos", "reciprocal",
               "square", "sign"]:
        c.append(case(op + "_special", op, [inp(v, grad=False)]))
        c.append(case(op + "_special_f64", op, [inp(v.double(), grad=False)]))
    w = torch.tensor([1.0, nan, -inf, 0.0, 2.0, -0.0, inf, nan, 3.0, -1.0, 0.0])
    for op in ["add", "sub", "mul", "div", "maximum", "minimum", "pow_tensor"]:
        c.append(case(op + "_special", op, [inp(v, grad=False), inp(w, grad=False)]))
        c.append(case(op + "_special_f64", op, [inp(v.double(), grad=False), inp(w.double(), grad=False)]))
    for op in ["add_scalar", "mul_scalar", "div_scalar", "sub_scalar"]:
        c.append(case(op + "_special_zero", op, [inp(v, grad=False)], {"s": 0}))
        c.append(case(op + "_special_inf", op, [inp(v, grad=False)], {"s": "inf"}))
    c.append(case("div_int_by_zero", "div", [inp(torch.tensor([1, 0, -1])), inp(torch.tensor([0, 0, 0]))]))
    c.append(case("pow_scalar_special", "pow_scalar", [inp(v, grad=False)], {"e": 0.5}))
    c.append(case("pow_scalar_special_neg", "pow_scalar", [inp(v, grad=False)], {"e": -2}))
    c.append(case("pow_scalar_special_zero", "pow_scalar", [inp(v, grad=False)], {"e": 0}))
    c.append(case("clamp_special", "clamp", [inp(v, grad=False)], {"min": -1.0, "max": 1.0}))
    c.append(case("relu_nan_grad", "relu", [inp(torch.tensor([nan, 1.0, -1.0]))]))
    c.append(case("max_all_nan", "max_all", [inp(torch.tensor([1.0, nan, 3.0]), grad=False)]))
    c.append(case("min_all_inf", "min_all", [inp(torch.tensor([1.0, -inf, 3.0]), grad=False)]))
    c.append(case("max_dim_nan", "max_dim", [inp(torch.tensor([[1.0, nan, 3.0], [4.0, 2.0, nan]]), grad=False)], {"dim": 1}))
    c.append(case("min_dim_nan", "min_dim", [inp(torch.tensor([[1.0, nan], [4.0, 2.0], [nan, nan]]), grad=False)], {"dim": 0}))
    c.append(case("argmax_nan", "argmax", [inp(torch.tensor([[1.0, nan, 3.0], [4.0, 2.0, 0.0]]))], {"dim": 1}))
    c.append(case("argmax_ties", "argmax", [inp(torch.tensor([[1.0, 3.0, 3.0], [2.0, 2.0, 2.0]]))], {"dim": 1}))
    c.append(case("argmin_ties", "argmin", [inp(torch.tensor([[1.0, 1.0, 3.0], [2.0, 0.0, 0.0]]))], {"dim": 1}))
    c.append(case("sum_inf", "sum", [inp(torch.tensor([inf, 1.0, -inf]), grad=False)]))
    c.append(case("sum_empty", "sum", [inp(torch.zeros(0, 3))]))
    c.append(case("mean_empty", "mean", [inp(torch.zeros(0), grad=False)]))
    c.append(case("softmax_neg_inf", "softmax", [inp(torch.tensor([[-inf, 0.0, 1.0], [-inf, -inf, 2.0]]), grad=False)], {"dim": 1}))
    c.append(case("log_softmax_neg_inf", "log_softmax", [inp(torch.tensor([[-inf, 0.0, 1.0], [-inf, -inf, 2.0]]), grad=False)], {"dim": 1}))
    c.append(case("softmax_all_neg_inf", "softmax", [inp(torch.tensor([[-inf, -inf]]), grad=False)], {"dim": 1}))
    c.append(case("eq_nan", "eq", [inp(v), inp(w)]))
    c.append(case("lt_nan", "lt", [inp(v), inp(w)]))
    return c


def edges():
    """0-dim and empty tensors through views, reductions and joins."""
    c = []
    s0 = torch.tensor(1.5)
    for name, op, args in [("sum", "sum", {}), ("sum_dim", "sum_dims", {"dims": [0], "keepdim": False}),
                           ("sum_dim_keep", "sum_dims", {"dims": [-1], "keepdim": True}), ("mean", "mean", {}),
                           ("max_dim", "max_dim", {"dim": 0}), ("argmax", "argmax", {"dim": 0}),
                           ("softmax", "softmax", {"dim": 0}), ("log_softmax", "log_softmax", {"dim": -1}),
                           ("logsumexp", "logsumexp", {"dim": 0, "keepdim": False}), ("unsqueeze", "unsqueeze", {"dim": 0}),
                           ("unsqueeze_neg", "unsqueeze", {"dim": -1}), ("squeeze", "squeeze", {}),
                           ("squeeze_dim", "squeeze_dim", {"dim": 0}), ("flatten", "flatten", {}),
                           ("reshape", "reshape", {"shape": [1, 1]}), ("expand", "expand", {"sizes": [3]}),
                           ("t", "t", {}), ("max_all", "max_all", {}), ("prod", "prod", {}),
                           ("clone", "clone", {}), ("exp", "exp", {})]:
        c.append(case("0dim_" + name, op, [inp(s0)], args))
    c.append(case("0dim_mul_0dim", "mul", [inp(torch.tensor(2.0)), inp(torch.tensor(-3.0))]))
    c.append(case("0dim_matmul_broadcast", "mul", [inp(torch.tensor(2.0)), inp(randn(2, 2))]))
    c.append(case("0dim_where", "where", [inp(torch.tensor(True)), inp(torch.tensor(2.0)), inp(randn(3))]))
    c.append(case("0dim_stack", "stack", [inp(torch.tensor(2.0)), inp(torch.tensor(3.0))], {"dim": 0}))
    c.append(case("0dim_index_select", "index_select", [inp(s0), inp(torch.tensor([0]))], {"dim": 0}))
    e = torch.zeros(0, 3)
    c.append(case("empty_sum_dim0", "sum_dims", [inp(e)], {"dims": [0], "keepdim": False}))
    c.append(case("empty_sum_dim1", "sum_dims", [inp(e)], {"dims": [1], "keepdim": True}))
    c.append(case("empty_mean_dim0", "mean_dims", [inp(e, grad=False)], {"dims": [0], "keepdim": False}))
    c.append(case("empty_max_dim1", "max_dim", [inp(e)], {"dim": 1}))
    c.append(case("empty_softmax", "softmax", [inp(e)], {"dim": 1}))
    c.append(case("empty_add", "add", [inp(e), inp(randn(3))]))
    c.append(case("empty_matmul", "matmul", [inp(e), inp(randn(3, 2))]))
    c.append(case("empty_matmul_inner", "matmul", [inp(torch.zeros(2, 0)), inp(torch.zeros(0, 4))]))
    c.append(case("empty_transpose", "t", [inp(e)]))
    c.append(case("empty_reshape", "reshape", [inp(e)], {"shape": [3, 0]}))
    c.append(case("empty_cat", "cat", [inp(e), inp(torch.zeros(0, 2))], {"dim": 1}))
    c.append(case("empty_index_select", "index_select", [inp(randn(3, 2)), inp(torch.zeros(0, dtype=torch.int64))], {"dim": 0}))
    c.append(case("empty_masked_select", "masked_select", [inp(randn(3)), inp(torch.zeros(3, dtype=torch.bool))]))
    c.append(case("empty_split", "split", [inp(randn(0, 2))], {"size": 2, "dim": 0}))
    c.append(case("one_element_var", "var", [inp(torch.tensor([2.0]), grad=False)]))
    c.append(case("arange", "arange", [], {"end": 5}))
    c.append(case("arange_empty", "arange", [], {"end": 0}))
    c.append(case("arange_int", "arange_int", [], {"start": -3, "end": 4}))
    for start, end, step in [(0, 10, 3), (10, 0, -3), (-5, 5, 5), (3, 3, 1)]:
        c.append(case("arange_step_%s_%s_%s" % (start, end, step), "arange_step", [], {"start": start, "end": end, "step": step}))
    for start, end, step in [(0, 1, 0.1), (-1, 1, 0.3), (1, 2.5, 0.5), (5, 0, -1.5), (0, 10, 3.0)]:
        c.append(case("arange_float_%s_%s_%s" % (start, end, step), "arange_float", [], {"start": start, "end": end, "step": step}))
    c.append(case("linspace", "linspace", [], {"start": 0, "end": 1, "steps": 7}))
    c.append(case("linspace_one", "linspace", [], {"start": 2, "end": 3, "steps": 1}))
    c.append(case("linspace_down", "linspace", [], {"start": 1, "end": -1, "steps": 5}))
    c.append(case("eye", "eye", [], {"n": 3, "m": 3}))
    c.append(case("eye_rect", "eye", [], {"n": 2, "m": 4}))
    c.append(case("full", "full", [], {"shape": [2, 3], "value": -0.5}))
    c.append(case("zeros_like_f64", "zeros_like", [inp(randn(2, 2, dtype=torch.float64), grad=False)]))
    c.append(case("ones_like_int", "ones_like", [inp(torch.tensor([[1, 2]]))]))
    c.append(case("ones_like_bool", "ones_like", [inp(torch.tensor([True, False]))]))
    return c


def comparisons():
    c = []
    a = torch.tensor([[1., 2., 3., float("nan")], [0.5, -1., 2., 4.]])
    b = torch.tensor([1., 3., 2., float("nan")])
    for op in ["eq", "ne", "gt", "lt", "ge", "le"]:
        c.append(case(op, op, [inp(a), inp(b)]))
        c.append(case(op + "_scalar", op + "_scalar", [inp(a)], {"s": 2.0}))
        c.append(case(op + "_int", op, [inp(torch.tensor([1, 2, 3])), inp(torch.tensor([3, 2, 1]))]))
        c.append(case(op + "_int_float", op, [inp(torch.tensor([1, 2, 3])), inp(torch.tensor([1.5, 2., 2.5]))]))
        c.append(case(op + "_int_scalar_frac", op + "_scalar", [inp(torch.tensor([1, 2, 3]))], {"s": 1.5}))
        c.append(case(op + "_bool", op, [inp(torch.tensor([True, False, True])), inp(torch.tensor([True, True, False]))]))
        c.append(case(op + "_transposed", op, [inp(randn(4, 3), [["t"]]), inp(randn(3, 4))]))
    c.append(case("eq_f32_f64", "eq", [inp(torch.tensor([0.1], dtype=torch.float32)), inp(torch.tensor([0.1], dtype=torch.float64))]))
    c.append(case("logical_not", "logical_not", [inp(torch.tensor([0., 1., -2.]))]))
    c.append(case("logical_and", "logical_and", [inp(torch.tensor([0., 1., -2., 3.])), inp(torch.tensor([True, True, False, True]))]))
    c.append(case("logical_or", "logical_or", [inp(torch.tensor([0, 1, 0, 2])), inp(torch.tensor([0., 0., 1., 0.]))]))
    return c


def promotion():
    """Result dtypes across float32/float64/int64/bool, with 1-d and 0-dim operands, and casts."""
    c = []
    vals = {
        "float32": torch.tensor([1.5, -2.0, 3.0]), "float64": torch.tensor([0.5, 2.0, -1.0], dtype=torch.float64),
        "int64": torch.tensor([1, -2, 3]), "bool": torch.tensor([True, False, True]),
    }
    for an, av in vals.items():
        for bn, bv in vals.items():
            for a0 in [False, True]:
                for b0 in [False, True]:
                    x = av[1:2].reshape(()) if a0 else av
                    y = bv[0:1].reshape(()) if b0 else bv
                    name = "%s%s_%s%s" % (an, "0" if a0 else "", bn, "0" if b0 else "")
                    c.append(case("add_" + name, "add", [inp(x), inp(y)]))
                    c.append(case("mul_" + name, "mul", [inp(x), inp(y)]))
                    if not (an == "bool" and bn == "bool"):
                        c.append(case("div_" + name, "div", [inp(x), inp(y)]))
                    c.append(case("maximum_" + name, "maximum", [inp(x), inp(y)]))
                    c.append(case("where_" + name, "where", [inp(torch.tensor(True) if a0 and b0 else torch.tensor([True, False, True])), inp(x), inp(y)]))
            c.append(case("to_%s_from_%s" % (bn, an), "to", [inp(av)], {"dtype": bn}))
        # Java has one scalar type (double); an integral value acts as a Python int, a fractional one as a float.
        for s in [2, 0.5]:
            c.append(case("add_%s_scalar_%s" % (an, s), "add_scalar", [inp(av)], {"s": s}))
            c.append(case("mul_%s_scalar_%s" % (an, s), "mul_scalar", [inp(av)], {"s": s}))
    c.append(case("to_int_trunc", "to", [inp(torch.tensor([-2.7, -0.5, 0.5, 2.7]))], {"dtype": "int64"}))
    c.append(case("to_bool_float", "to", [inp(torch.tensor([0.0, -0.0, 0.1, float("nan")]))], {"dtype": "bool"}))
    c.append(case("to_f64_transposed", "to", [inp(randn(3, 2), [["t"]])], {"dtype": "float64"}))
    c.append(case("sum_int", "sum", [inp(torch.tensor([[1, 2], [3, 4]]))]))
    c.append(case("sum_bool", "sum", [inp(torch.tensor([True, False, True]))]))
    c.append(case("sum_dims_int", "sum_dims", [inp(torch.tensor([[1, 2], [3, 4]]))], {"dims": [0], "keepdim": False}))
    return c


def linalg():
    c = []
    shapes = [
        ("dot", (4,), (4,)), ("vm", (3,), (3, 5)), ("mv", (4, 3), (3,)), ("mm", (4, 3), (3, 5)),
        ("batched_m", (2, 4, 3), (3, 5)), ("m_batched", (4, 3), (2, 3, 5)), ("batched_v", (2, 4, 3), (3,)),
        ("v_batched", (3,), (2, 3, 5)), ("bmm", (2, 4, 3), (2, 3, 5)), ("broadcast", (2, 1, 4, 3), (5, 3, 2)),
        ("broadcast4", (2, 1, 4, 3), (1, 3, 3, 2)), ("empty_k", (2, 0), (0, 3)),
    ]
    for name, sa, sb in shapes:
        c.append(case("matmul_" + name, "matmul", [inp(randn(*sa)), inp(randn(*sb))], atol=1e-4))
    c.append(case("matmul_f64", "matmul", [inp(randn(2, 4, 3, dtype=torch.float64)), inp(randn(3, 2, dtype=torch.float64))]))
    c.append(case("matmul_lhs_t", "matmul", [inp(randn(3, 4), [["t"]]), inp(randn(3, 5))], atol=1e-4))
    c.append(case("matmul_rhs_t", "matmul", [inp(randn(4, 3)), inp(randn(5, 3), [["t"]])], atol=1e-4))
    c.append(case("matmul_both_t", "matmul", [inp(randn(3, 4), [["t"]]), inp(randn(5, 3), [["t"]])], atol=1e-4))
    c.append(case("matmul_sliced", "matmul", [inp(randn(4, 6), [["slice", 1, 0, 6, 2]]), inp(randn(3, 2))], atol=1e-4))
    c.append(case("matmul_expanded", "matmul", [inp(randn(1, 3), [["expand", [4, 3]]]), inp(randn(3, 2))], atol=1e-4))
    c.append(case("matmul_batch_transposed", "matmul", [inp(randn(2, 3, 4), [["transpose", 1, 2]]), inp(randn(2, 3, 5))], atol=1e-4))
    c.append(case("matmul_batch_permuted", "matmul", [inp(randn(4, 2, 3), [["permute", [1, 0, 2]]]), inp(randn(3, 5))], atol=1e-4))
    c.append(case("matmul_int", "matmul", [inp(torch.randint(-3, 4, (2, 3))), inp(torch.randint(-3, 4, (3, 2)))]))
    c.append(case("mm", "mm", [inp(randn(4, 3)), inp(randn(3, 5))], atol=1e-4))
    c.append(case("mm_t", "mm", [inp(randn(3, 4), [["t"]]), inp(randn(5, 3), [["t"]])], atol=1e-4))
    c.append(case("bmm", "bmm", [inp(randn(2, 4, 3)), inp(randn(2, 3, 5))], atol=1e-4))
    c.append(case("bmm_transposed", "bmm", [inp(randn(2, 3, 4), [["transpose", 1, 2]]), inp(randn(2, 5, 3), [["transpose", 1, 2]])], atol=1e-4))
    return c


def views():
    c = []
    x = randn(2, 3, 4)
    c.append(case("t", "t", [inp(randn(3, 4))]))
    c.append(case("t_1d", "t", [inp(randn(4))]))
    c.append(case("transpose", "transpose", [inp(x)], {"d0": 0, "d1": 2}))
    c.append(case("transpose_neg", "transpose", [inp(x)], {"d0": -1, "d1": -2}))
    c.append(case("permute", "permute", [inp(x)], {"dims": [2, 0, 1]}))
    c.append(case("reshape", "reshape", [inp(x)], {"shape": [6, -1]}))
    c.append(case("reshape_transposed", "reshape", [inp(x, [["transpose", 0, 1]])], {"shape": [-1]}))
    c.append(case("reshape_0dim", "reshape", [inp(randn(1))], {"shape": []}))
    c.append(case("view", "view", [inp(x)], {"shape": [4, 3, 2]}))
    c.append(case("view_sliced", "view", [inp(randn(4, 6), [["slice", 0, 0, 4, 2]])], {"shape": [2, 2, 3]}))
    c.append(case("view_transposed_split", "view", [inp(x, [["transpose", 1, 2]])], {"shape": [2, 2, 2, 3]}))
    c.append(case("flatten", "flatten", [inp(x)]))
    c.append(case("flatten_start", "flatten", [inp(x)], {"start": 1}))
    c.append(case("flatten_range", "flatten", [inp(randn(2, 3, 4, 2))], {"start": 1, "end": 2}))
    c.append(case("flatten_transposed", "flatten", [inp(x, [["transpose", 0, 2]])], {"start": 1}))
    c.append(case("unflatten", "unflatten", [inp(randn(2, 12))], {"dim": 1, "sizes": [3, -1]}))
    c.append(case("squeeze", "squeeze", [inp(randn(1, 3, 1, 2))]))
    c.append(case("squeeze_dim", "squeeze_dim", [inp(randn(1, 3, 1, 2))], {"dim": 2}))
    c.append(case("squeeze_dim_noop", "squeeze_dim", [inp(randn(2, 3))], {"dim": 1}))
    c.append(case("squeeze_neg", "squeeze_dim", [inp(randn(3, 1))], {"dim": -1}))
    for d in [0, 1, 3, -1, -4]:
        c.append(case("unsqueeze_%d" % d, "unsqueeze", [inp(x)], {"dim": d}))
    c.append(case("unsqueeze_transposed", "unsqueeze", [inp(randn(3, 4), [["t"]])], {"dim": 1}))
    c.append(case("expand", "expand", [inp(randn(3, 1))], {"sizes": [2, 3, 4]}))
    c.append(case("expand_keep", "expand", [inp(randn(3, 1))], {"sizes": [-1, 5]}))
    c.append(case("expand_0dim", "expand", [inp(randn())], {"sizes": [2, 3]}))
    c.append(case("narrow", "narrow", [inp(x)], {"dim": 2, "start": 1, "length": 2}))
    c.append(case("narrow_neg_start", "narrow", [inp(x)], {"dim": 1, "start": -2, "length": 2}))
    c.append(case("slice", "slice", [inp(randn(10, 3))], {"dim": 0, "start": 1, "end": 9, "step": 3}))
    c.append(case("slice_neg", "slice", [inp(randn(3, 10))], {"dim": 1, "start": -4, "end": -1, "step": 1}))
    c.append(case("slice_clip", "slice", [inp(randn(3, 5))], {"dim": 1, "start": 2, "end": 100, "step": 2}))
    c.append(case("slice_empty", "slice", [inp(randn(3, 5))], {"dim": 1, "start": 4, "end": 2, "step": 1}))
    c.append(case("select", "select", [inp(x)], {"dim": 1, "index": 2}))
    c.append(case("select_neg", "select", [inp(x)], {"dim": -1, "index": -1}))
    c.append(case("contiguous", "contiguous", [inp(x, [["permute", [2, 0, 1]]])]))
    c.append(case("clone", "clone", [inp(randn(3, 4), [["t"]])]))
    c.append(case("repeat", "repeat", [inp(randn(2, 3))], {"repeats": [2, 1, 3]}))
    c.append(case("int_transpose", "transpose", [inp(torch.randint(0, 9, (2, 3)))], {"d0": 0, "d1": 1}))
    return c


def reductions():
    c = []
    x = randn(2, 3, 4)
    c.append(case("sum", "sum", [inp(x)]))
    c.append(case("sum_transposed", "sum", [inp(x, [["transpose", 0, 2]])]))
    c.append(case("mean", "mean", [inp(x)]))
    c.append(case("mean_expanded", "mean", [inp(randn(3, 1), [["expand", [3, 4]]])]))
    for dims in [[0], [1], [2], [-1], [0, 2], [1, 0], [0, 1, 2]]:
        for keep in [False, True]:
            tag = "_".join(str(d) for d in dims) + ("_keep" if keep else "")
            c.append(case("sum_dims_" + tag, "sum_dims", [inp(x)], {"dims": dims, "keepdim": keep}))
            c.append(case("mean_dims_" + tag, "mean_dims", [inp(x)], {"dims": dims, "keepdim": keep}))
    c.append(case("sum_dims_transposed", "sum_dims", [inp(x, [["transpose", 1, 2]])], {"dims": [1], "keepdim": False}))
    c.append(case("mean_dims_sliced", "mean_dims", [inp(randn(4, 6), [["slice", 1, 1, 6, 2]])], {"dims": [0], "keepdim": True}))
    c.append(case("sum_f64", "sum_dims", [inp(randn(3, 4, dtype=torch.float64))], {"dims": [1], "keepdim": False}))
    c.append(case("prod", "prod", [inp(pos(2, 3))]))
    c.append(case("prod_zero", "prod", [inp(torch.tensor([2., 0., 3.]))]))
    c.append(case("max_all", "max_all", [inp(x)]))
    c.append(case("min_all", "min_all", [inp(x, [["transpose", 0, 1]])]))
    c.append(case("max_all_ties", "max_all", [inp(torch.tensor([1., 3., 3., 2.]))]))
    c.append(case("max_all_int", "max_all", [inp(torch.tensor([[1, 7], [3, -2]]))]))
    for d in [0, 1, 2, -1]:
        for keep in [False, True]:
            c.append(case("max_dim_%d%s" % (d, "_keep" if keep else ""), "max_dim", [inp(x)], {"dim": d, "keepdim": keep}))
            c.append(case("min_dim_%d%s" % (d, "_keep" if keep else ""), "min_dim", [inp(x)], {"dim": d, "keepdim": keep}))
    c.append(case("max_dim_transposed", "max_dim", [inp(randn(4, 3), [["t"]])], {"dim": 1}))
    c.append(case("max_dim_int", "max_dim", [inp(torch.tensor([[1, 7, 2], [3, -2, 9]]))], {"dim": 1}))
    c.append(case("max_dim_f64", "max_dim", [inp(randn(3, 4, dtype=torch.float64))], {"dim": 0}))
    c.append(case("argmax", "argmax", [inp(x)], {"dim": 1}))
    c.append(case("argmax_keep", "argmax", [inp(x)], {"dim": -1, "keepdim": True}))
    c.append(case("argmax_all", "argmax_all", [inp(x)]))
    c.append(case("argmax_transposed", "argmax", [inp(randn(4, 3), [["t"]])], {"dim": 1}))
    c.append(case("argmin", "argmin", [inp(x)], {"dim": 2}))
    c.append(case("argmin_all", "argmin_all", [inp(x, [["permute", [2, 1, 0]]])]))
    c.append(case("argmax_int", "argmax", [inp(torch.tensor([[1, 7, 2], [3, -2, 9]]))], {"dim": 1}))
    c.append(case("var", "var", [inp(x)]))
    c.append(case("std", "std", [inp(x)]))
    for d in [0, 1, -1]:
        for unbiased in [True, False]:
            for keep in [False, True]:
                tag = "%d_%s%s" % (d, "unbiased" if unbiased else "biased", "_keep" if keep else "")
                c.append(case("var_dim_" + tag, "var_dim", [inp(x)], {"dim": d, "unbiased": unbiased, "keepdim": keep}))
                c.append(case("std_dim_" + tag, "std_dim", [inp(x)], {"dim": d, "unbiased": unbiased, "keepdim": keep}))
    c.append(case("var_dims", "var_dims", [inp(x)], {"dims": [0, 2], "correction": 1, "keepdim": False}))
    c.append(case("var_dims_keep", "var_dims", [inp(x)], {"dims": [1, 2], "correction": 0, "keepdim": True}))
    c.append(case("var_transposed", "var_dim", [inp(randn(5, 3), [["t"]])], {"dim": 1, "unbiased": True, "keepdim": False}))
    for d in [0, 1, -1]:
        for keep in [False, True]:
            c.append(case("logsumexp_%d%s" % (d, "_keep" if keep else ""), "logsumexp", [inp(x)], {"dim": d, "keepdim": keep}))
    c.append(case("logsumexp_large", "logsumexp", [inp(randn(2, 4) * 200)], {"dim": 1, "keepdim": False}))
    c.append(case("logsumexp_neg_inf", "logsumexp", [inp(torch.tensor([[float("-inf"), float("-inf")], [0., 1.]]), grad=False)], {"dim": 1, "keepdim": False}))
    c.append(case("logsumexp_transposed", "logsumexp", [inp(randn(4, 3), [["t"]])], {"dim": 1, "keepdim": False}))
    c.append(case("norm", "norm", [inp(x)]))
    return c


def indexing():
    c = []
    x = randn(4, 5)
    c.append(case("index_select_0", "index_select", [inp(x), inp(torch.tensor([3, 0, 3]))], {"dim": 0}))
    c.append(case("index_select_1", "index_select", [inp(x), inp(torch.tensor([4, 1]))], {"dim": 1}))
    c.append(case("index_select_transposed", "index_select", [inp(x, [["t"]]), inp(torch.tensor([2, 2, 0]))], {"dim": 1}))
    c.append(case("index_select_3d", "index_select", [inp(randn(2, 3, 4)), inp(torch.tensor([1, 0, 1, 2]))], {"dim": 1}))
    c.append(case("index_select_int", "index_select", [inp(torch.randint(0, 9, (3, 4))), inp(torch.tensor([2, 0]))], {"dim": 0}))
    c.append(case("gather_1", "gather", [inp(x), inp(torch.tensor([[0, 4], [1, 1], [2, 0], [3, 3]]))], {"dim": 1}))
    c.append(case("gather_0", "gather", [inp(x), inp(torch.tensor([[0, 3, 2, 1, 0], [3, 3, 3, 3, 3]]))], {"dim": 0}))
    c.append(case("gather_smaller", "gather", [inp(x), inp(torch.tensor([[1], [0]]))], {"dim": 1}))
    c.append(case("gather_transposed", "gather", [inp(x, [["t"]]), inp(torch.tensor([[0, 3], [1, 2]]))], {"dim": 1}))
    c.append(case("gather_3d", "gather", [inp(randn(2, 3, 4)), inp(torch.randint(0, 3, (2, 2, 4)))], {"dim": 1}))
    c.append(case("scatter_add_0", "scatter_add", [inp(randn(3, 4)), inp(torch.tensor([[0, 1, 2, 0], [2, 2, 1, 0]])), inp(randn(2, 4))], {"dim": 0}))
    c.append(case("scatter_add_1", "scatter_add", [inp(randn(3, 4)), inp(torch.tensor([[0, 0], [3, 1], [2, 2]])), inp(randn(3, 2))], {"dim": 1}))
    c.append(case("scatter_add_src_larger", "scatter_add", [inp(randn(3, 4)), inp(torch.tensor([[0], [3]])), inp(randn(3, 3), grad=False)], {"dim": 1}))
    c.append(case("scatter_add_transposed", "scatter_add", [inp(randn(4, 3), [["t"]]), inp(torch.tensor([[1, 1, 0, 2]])), inp(randn(1, 4))], {"dim": 0}))
    c.append(case("masked_select", "masked_select", [inp(x), inp(torch.rand(4, 5) > 0.5)]))
    c.append(case("masked_select_broadcast", "masked_select", [inp(x), inp(torch.tensor([True, False, True, False, True]))]))
    c.append(case("cat_0", "cat", [inp(randn(2, 3)), inp(randn(4, 3)), inp(randn(1, 3))], {"dim": 0}))
    c.append(case("cat_1", "cat", [inp(randn(2, 3)), inp(randn(2, 1), [["expand", [2, 2]]]), inp(randn(3, 2), [["t"]])], {"dim": 1}))
    c.append(case("cat_neg", "cat", [inp(randn(2, 3, 2)), inp(randn(2, 3, 1))], {"dim": -1}))
    c.append(case("cat_empty", "cat", [inp(randn(2, 3)), inp(randn(0, 3))], {"dim": 0}))
    c.append(case("cat_mixed", "cat", [inp(randn(2, 2)), inp(randn(1, 2, dtype=torch.float64))], {"dim": 0}))
    c.append(case("cat_int", "cat", [inp(torch.tensor([[1, 2]])), inp(torch.tensor([[3, 4]]))], {"dim": 0}))
    for d in [0, 1, 2, -1]:
        c.append(case("stack_%d" % d, "stack", [inp(randn(2, 3)), inp(randn(2, 3)), inp(randn(3, 2), [["t"]])], {"dim": d}))
    c.append(case("split", "split", [inp(randn(7, 2))], {"size": 3, "dim": 0}))
    c.append(case("split_1", "split", [inp(randn(2, 6))], {"size": 2, "dim": 1}))
    c.append(case("chunk", "chunk", [inp(randn(7, 2))], {"chunks": 3, "dim": 0}))
    c.append(case("chunk_uneven", "chunk", [inp(randn(2, 5))], {"chunks": 4, "dim": 1}))
    c.append(case("chunk_more_than_size", "chunk", [inp(randn(2, 3))], {"chunks": 5, "dim": 1}))
    c.append(case("unbind", "unbind", [inp(randn(3, 2))], {"dim": 1}))
    return c


def reprs():
    """Printed forms. "make": how the printed tensor is made from "tensor": leaf / requires_grad / an op."""
    out = []

    def r(name, t, make="leaf"):
        x = t.clone()
        if make == "requires_grad":
            x.requires_grad_(True)
        elif make == "mul":
            x = x.clone().requires_grad_(True) * 2
        elif make == "sum":
            x = x.clone().requires_grad_(True).sum()
        elif make == "add":
            x = x.clone().requires_grad_(True) + 1
        out.append({"name": name, "tensor": t2j(t), "make": make, "repr": repr(x)})

    nan, inf = float("nan"), float("inf")
    r("float_4dp", torch.tensor([1.5, -2.25, 3.14159]))
    r("float_2d", torch.tensor([[0.1234, -5.6789], [10.5, 0.0]]))
    r("float_3d", torch.arange(24, dtype=torch.float32).reshape(2, 3, 4) / 7)
    r("float_4d", torch.arange(16, dtype=torch.float32).reshape(2, 2, 2, 2) - 3.5)
    r("integral_floats", torch.tensor([1., 2., -3.]))
    r("integral_2d", torch.tensor([[1., 20.], [-300., 4.]]))
    r("zeros", torch.zeros(2, 3))
    r("ones_1", torch.ones(1))
    r("zero_and_nan", torch.tensor([0., nan]))
    r("nan_inf_int", torch.tensor([1., nan, inf, -inf]))
    r("nan_inf_frac", torch.tensor([1.5, nan, inf, -inf]))
    r("negative_zero", torch.tensor([-0.0, 1.0]))
    r("sci_large", torch.tensor([1e9, 1.5]))
    r("sci_small", torch.tensor([1e-5, 1.5]))
    r("sci_ratio", torch.tensor([0.001, 2.5]))
    r("sci_int_ratio", torch.tensor([1., 2000.]))
    r("sci_huge_int", torch.tensor([1e9, 2e9]))
    r("no_sci_ratio_1000", torch.tensor([1., 1000.]))
    r("sci_neg", torch.tensor([[-1.2345e-7, 3.0], [4.0, -5.5e10]]))
    r("sci_randn", torch.randn(3, 3) * 1e-5)
    r("int64", torch.tensor([1, -20, 300]))
    r("int64_2d", torch.tensor([[1, 2], [30, -4]]))
    r("int64_large", torch.tensor([123456789012, -1]))
    r("bool", torch.tensor([True, False, True]))
    r("bool_all_true", torch.tensor([True, True]))
    r("bool_2d", torch.tensor([[True, False], [False, False]]))
    r("float64", torch.tensor([1.5, 2.0], dtype=torch.float64))
    r("float64_int", torch.tensor([1., 2.], dtype=torch.float64))
    r("float64_0dim", torch.tensor(2.5, dtype=torch.float64))
    r("requires_grad", torch.tensor([1.5, 2.0]), "requires_grad")
    r("requires_grad_f64", torch.tensor([1.5, 2.0], dtype=torch.float64), "requires_grad")
    r("grad_fn_mul", torch.tensor([1.5, 2.0]), "mul")
    r("grad_fn_sum", torch.tensor([1.5, 2.0]), "sum")
    r("grad_fn_add_f64", torch.tensor([[1.5, 2.0]], dtype=torch.float64), "add")
    r("scalar_float", torch.tensor(3.25))
    r("scalar_int_float", torch.tensor(3.0))
    r("scalar_int", torch.tensor(7))
    r("scalar_bool", torch.tensor(False))
    r("scalar_sci", torch.tensor(1e-7))
    r("scalar_nan", torch.tensor(nan))
    r("empty_1d", torch.zeros(0))
    r("empty_2d", torch.zeros(0, 3))
    r("empty_int", torch.zeros(0, dtype=torch.int64))
    r("empty_bool_2d", torch.zeros(2, 0, dtype=torch.bool))
    r("empty_f64", torch.zeros(0, dtype=torch.float64))
    r("empty_requires_grad", torch.zeros(0), "requires_grad")
    r("summarized_1d", torch.arange(1001, dtype=torch.float32))
    r("summarized_2d", torch.arange(1200, dtype=torch.float32).reshape(40, 30) / 3)
    r("summarized_3d", torch.arange(1500).reshape(10, 15, 10))
    r("summarized_narrow", torch.arange(1100, dtype=torch.float32).reshape(1100, 1))
    r("summarized_row_small", torch.arange(1001, dtype=torch.float32).reshape(1, 1001) / 4)
    r("not_summarized_1000", torch.arange(1000, dtype=torch.float32).reshape(10, 100))
    r("summarized_bool", torch.arange(1001) % 3 == 0)
    r("summarized_sci", torch.arange(1, 1201, dtype=torch.float32) ** 3)
    r("wrap_1d", torch.arange(30, dtype=torch.float32) / 3)
    r("wrap_2d", torch.randn(2, 20))
    r("wrap_int", torch.arange(40) * 1000)
    r("wrap_sci", torch.randn(25) * 1e-6)
    r("wrap_bool", torch.arange(20) % 2 == 0)
    r("wrap_requires_grad", torch.randn(30), "requires_grad")
    r("wrap_grad_fn_f64", torch.randn(9, dtype=torch.float64), "mul")
    r("suffix_wraps", torch.randn(7, dtype=torch.float64), "mul")
    r("suffix_wraps2", torch.arange(12, dtype=torch.float64) * 1e7 + 0.5, "mul")
    r("randn_2d", torch.randn(3, 4))
    for i, scale in enumerate([1e-6, 1e-3, 0.5, 1e3, 1e5, 1e9]):
        r("scale_%d" % i, torch.randn(4, 6) * scale)
    r("wrap_rows_2d", torch.randn(3, 25))
    r("wrap_rows_3d", torch.randn(2, 3, 30) * 100)
    r("wrap_rows_f64_3d", torch.randn(2, 2, 12, dtype=torch.float64), "add")
    r("wrap_int_2d", torch.randint(-100000, 100000, (3, 20)))
    r("summarized_wrap_3d", torch.randn(3, 20, 20))
    r("summarized_f64_grad", torch.randn(35, 30, dtype=torch.float64), "mul")
    r("half_ties", torch.tensor([0.125, 0.375, 2.5, 0.00005, 1.0]))
    r("mixed_ints_and_nan", torch.tensor([[1., float("nan")], [float("-inf"), 1000.]]))
    return out


if __name__ == "__main__":
    for fname, fn in [("binary", binary), ("unary", unary), ("comparison", comparisons), ("special", special), ("edges", edges), ("promotion", promotion),
                      ("linalg", linalg), ("views", views), ("reduce", reductions), ("index", indexing)]:
        cases = fn()
        names = [x["name"] for x in cases]
        assert len(names) == len(set(names)), "duplicate case names in " + fname
        write("ops/%s.json" % fname, {"cases": cases})
    write("ops/repr.json", {"cases": reprs()})
