"""Golden values for dev.nabla.optim and dev.nabla.optim.lr: optimizer trajectories and scheduler lr sequences.

Every optimizer trains the same small MLP (4 -> 8 -> 3, tanh, MSE loss against fixed targets), written with raw
tensors so the Java side needs no nn layers: out = tanh(x @ w1.T + b1) @ w2.T + b2. The initial weights and the
batch are stored in each file, so both sides start from identical numbers. Each run records the loss of every step
and the parameters after a few checkpoint steps (the whole trajectory would make the files too large).

Schedulers run on an SGD (or Adam) optimizer with two parameter groups; each records get_last_lr() after
construction and after each of 30 steps (and the momentum / beta1 that OneCycleLR cycles).

Run: /usr/bin/python3 tools/golden/optim_golden.py
"""
import torch
from torch.optim import SGD, Adam, AdamW, RMSprop, Adagrad
from torch.optim import lr_scheduler as lrs

from golden_util import t2j, write

STEPS = 20
CHECKPOINTS = [1, 2, 3, 5, 10, 15, 20]


def make_problem():
    torch.manual_seed(1234)
    x = torch.randn(16, 4)
    y = torch.randn(16, 3)
    w1 = torch.randn(8, 4) * 0.5
    b1 = torch.randn(8) * 0.1
    w2 = torch.randn(3, 8) * 0.5
    b2 = torch.randn(3) * 0.1
    return x, y, [w1, b1, w2, b2]


X, Y, INIT = make_problem()
NAMES = ["w1", "b1", "w2", "b2"]


def loss_of(params):
    w1, b1, w2, b2 = params
    h = torch.tanh(X.matmul(w1.t()).add(b1))
    out = h.matmul(w2.t()).add(b2)
    return out.sub(Y).square().mean()


def fresh_params():
    return [p.clone().requires_grad_(True) for p in INIT]


def run(make_opt, groups=None):
    params = fresh_params()
    opt = make_opt(params if groups is None else [{"params": [params[i] for i in g["params"]], **g["options"]}
                                                   for g in groups])
    losses, checkpoints = [], {}
    for step in range(1, STEPS + 1):
        opt.zero_grad()
        loss = loss_of(params)
        loss.backward()
        opt.step()
        losses.append(loss.item())
        if step in CHECKPOINTS:
            checkpoints[str(step)] = {n: t2j(p) for n, p in zip(NAMES, params)}
    return {"losses": losses, "checkpoints": checkpoints, "state": state_json(opt)}


def state_json(opt):
    """The optimizer's state_dict: tensors as JSON, options as plain values."""
    sd = opt.state_dict()
    state = {str(k): {name: t2j(v if torch.is_tensor(v) else torch.tensor(float(v)))
                      for name, v in s.items() if v is not None}
             for k, s in sd["state"].items() if any(v is not None for v in s.values())}
    groups = []
    for g in sd["param_groups"]:
        groups.append({k: (list(v) if isinstance(v, tuple) else v) for k, v in g.items()
                       if k not in ("foreach", "differentiable", "capturable", "fused")})
    return {"state": state, "param_groups": groups}


def base():
    return {"x": t2j(X), "y": t2j(Y), "init": {n: t2j(p) for n, p in zip(NAMES, INIT)},
            "steps": STEPS, "checkpoints": CHECKPOINTS}


def with_runs(runs):
    doc = base()
    doc["runs"] = runs
    return doc


def run_entry(name, options, make_opt, groups=None):
    entry = {"name": name, "options": options}
    if groups is not None:
        entry["groups"] = groups
    entry.update(run(make_opt, groups))
    return entry


def sgd_runs():
    configs = [
        ("plain", {"lr": 0.1}),
        ("momentum", {"lr": 0.05, "momentum": 0.9}),
        ("dampening", {"lr": 0.05, "momentum": 0.8, "dampening": 0.3}),
        ("nesterov", {"lr": 0.05, "momentum": 0.9, "nesterov": True}),
        ("weight_decay", {"lr": 0.1, "momentum": 0.5, "weight_decay": 0.01}),
        ("maximize", {"lr": 0.02, "momentum": 0.9, "weight_decay": 0.05, "maximize": True}),
    ]
    runs = [run_entry(n, o, lambda p, o=o: SGD(p, **o)) for n, o in configs]
    groups = [{"params": [0, 1], "options": {"lr": 0.1}}, {"params": [2, 3], "options": {"lr": 0.01, "momentum": 0.5}}]
    runs.append(run_entry("groups", {"lr": 0.05, "momentum": 0.9}, lambda g: SGD(g, lr=0.05, momentum=0.9), groups))
    return runs


def adam_runs():
    configs = [
        ("adam", "Adam", {"lr": 0.01}),
        ("adam_betas_eps", "Adam", {"lr": 0.02, "betas": (0.8, 0.95), "eps": 1e-6}),
        ("adam_amsgrad", "Adam", {"lr": 0.01, "amsgrad": True}),
        ("adam_weight_decay", "Adam", {"lr": 0.01, "weight_decay": 0.1}),
        ("adam_amsgrad_wd_maximize", "Adam", {"lr": 0.01, "weight_decay": 0.05, "amsgrad": True, "maximize": True}),
        ("adamw", "AdamW", {"lr": 0.01}),
        ("adamw_wd", "AdamW", {"lr": 0.02, "weight_decay": 0.1, "betas": (0.85, 0.99)}),
        ("adamw_amsgrad", "AdamW", {"lr": 0.01, "amsgrad": True, "weight_decay": 0.05}),
    ]
    runs = []
    for n, cls, o in configs:
        c = Adam if cls == "Adam" else AdamW
        entry = run_entry(n, {k: (list(v) if isinstance(v, tuple) else v) for k, v in o.items()},
                          lambda p, c=c, o=o: c(p, foreach=False, **o))
        entry["optimizer"] = cls
        runs.append(entry)
    return runs


def rmsprop_adagrad_runs():
    configs = [
        ("rmsprop", "RMSprop", {"lr": 0.01}),
        ("rmsprop_centered_momentum", "RMSprop", {"lr": 0.005, "alpha": 0.9, "momentum": 0.8, "centered": True,
                                                 "weight_decay": 0.01}),
        ("rmsprop_momentum", "RMSprop", {"lr": 0.01, "momentum": 0.5, "eps": 1e-6}),
        ("adagrad", "Adagrad", {"lr": 0.1}),
        ("adagrad_options", "Adagrad", {"lr": 0.1, "lr_decay": 0.05, "weight_decay": 0.02,
                                        "initial_accumulator_value": 0.1, "eps": 1e-8}),
    ]
    runs = []
    for n, cls, o in configs:
        c = RMSprop if cls == "RMSprop" else Adagrad
        entry = run_entry(n, o, lambda p, c=c, o=o: c(p, foreach=False, **o))
        entry["optimizer"] = cls
        runs.append(entry)
    return runs


# ---------------------------------------------------------------------------------------------------------------
# Schedulers

SCHED_STEPS = 30


def sched_optimizer(kind="sgd"):
    a = torch.zeros(2, requires_grad=True)
    b = torch.zeros(3, requires_grad=True)
    groups = [{"params": [a], "lr": 0.1}, {"params": [b], "lr": 0.05}]
    if kind == "adam":
        return Adam(groups, lr=0.1)
    return SGD(groups, lr=0.1, momentum=0.9)


def sched_run(name, options, make, kind="sgd", metrics=None):
    opt = sched_optimizer(kind)
    sched = make(opt)
    lrs_seq, momenta = [list(sched.get_last_lr()) if hasattr(sched, "get_last_lr") else
                        [g["lr"] for g in opt.param_groups]], [momentum_of(opt)]
    for i in range(SCHED_STEPS):
        opt.step()
        if metrics is not None:
            sched.step(metrics[i])
            lrs_seq.append([g["lr"] for g in opt.param_groups])
        else:
            sched.step()
            lrs_seq.append(list(sched.get_last_lr()))
        momenta.append(momentum_of(opt))
    entry = {"name": name, "optimizer": kind, "options": options, "lrs": lrs_seq, "momenta": momenta}
    if metrics is not None:
        entry["metrics"] = metrics
    return entry


def momentum_of(opt):
    return [g["betas"][0] if "betas" in g else g["momentum"] for g in opt.param_groups]


def scheduler_runs():
    plateau_metrics = [1.0, 0.9, 0.95, 0.92, 0.91, 0.905, 0.8, 0.81, 0.82, 0.83, 0.84, 0.7, 0.7, 0.7, 0.7,
                       0.69999, 0.7, 0.71, 0.72, 0.73, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5]
    rising = [0.1, 0.2, 0.2, 0.25, 0.3, 0.3, 0.3, 0.3, 0.31, 0.4, 0.4, 0.4, 0.4, 0.4, 0.45, 0.45, 0.45, 0.45,
              0.45, 0.45, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5]
    return [
        sched_run("step", {"step_size": 7, "gamma": 0.5}, lambda o: lrs.StepLR(o, step_size=7, gamma=0.5)),
        sched_run("multistep", {"milestones": [5, 12, 12, 20], "gamma": 0.3},
                  lambda o: lrs.MultiStepLR(o, milestones=[5, 12, 12, 20], gamma=0.3)),
        sched_run("exponential", {"gamma": 0.9}, lambda o: lrs.ExponentialLR(o, gamma=0.9)),
        sched_run("cosine", {"T_max": 10, "eta_min": 0.001},
                  lambda o: lrs.CosineAnnealingLR(o, T_max=10, eta_min=0.001)),
        sched_run("linear", {"start_factor": 0.25, "end_factor": 1.0, "total_iters": 8},
                  lambda o: lrs.LinearLR(o, start_factor=0.25, end_factor=1.0, total_iters=8)),
        sched_run("linear_down", {"start_factor": 1.0, "end_factor": 0.1, "total_iters": 12},
                  lambda o: lrs.LinearLR(o, start_factor=1.0, end_factor=0.1, total_iters=12)),
        sched_run("onecycle_cos", {"max_lr": [0.5, 0.2], "total_steps": 30},
                  lambda o: lrs.OneCycleLR(o, max_lr=[0.5, 0.2], total_steps=30)),
        sched_run("onecycle_linear_adam", {"max_lr": 0.3, "total_steps": 30, "anneal_strategy": "linear",
                                           "pct_start": 0.4, "div_factor": 10.0, "final_div_factor": 100.0,
                                           "base_momentum": 0.8, "max_momentum": 0.9},
                  lambda o: lrs.OneCycleLR(o, max_lr=0.3, total_steps=30, anneal_strategy="linear", pct_start=0.4,
                                           div_factor=10.0, final_div_factor=100.0, base_momentum=0.8,
                                           max_momentum=0.9), kind="adam"),
        sched_run("onecycle_three_phase", {"max_lr": 0.4, "epochs": 5, "steps_per_epoch": 6, "three_phase": True},
                  lambda o: lrs.OneCycleLR(o, max_lr=0.4, epochs=5, steps_per_epoch=6, three_phase=True)),
        sched_run("plateau_min_rel", {"mode": "min", "factor": 0.5, "patience": 2, "threshold": 0.01,
                                      "threshold_mode": "rel", "cooldown": 1, "min_lr": 0.01},
                  lambda o: lrs.ReduceLROnPlateau(o, mode="min", factor=0.5, patience=2, threshold=0.01,
                                                  threshold_mode="rel", cooldown=1, min_lr=0.01),
                  metrics=plateau_metrics),
        sched_run("plateau_max_abs", {"mode": "max", "factor": 0.2, "patience": 1, "threshold": 0.05,
                                      "threshold_mode": "abs", "cooldown": 0, "min_lr": 0.0},
                  lambda o: lrs.ReduceLROnPlateau(o, mode="max", factor=0.2, patience=1, threshold=0.05,
                                                  threshold_mode="abs"),
                  metrics=rising),
        sched_run("sequential_linear_exponential", {"milestones": [5]},
                  lambda o: lrs.SequentialLR(o, [lrs.LinearLR(o, start_factor=0.1, total_iters=5),
                                                 lrs.ExponentialLR(o, gamma=0.9)], milestones=[5])),
        sched_run("sequential_three", {"milestones": [4, 15]},
                  lambda o: lrs.SequentialLR(o, [lrs.LinearLR(o, start_factor=0.5, total_iters=4),
                                                 lrs.CosineAnnealingLR(o, T_max=11, eta_min=0.01),
                                                 lrs.StepLR(o, step_size=3, gamma=0.5)], milestones=[4, 15])),
    ]


def clip_cases():
    torch.manual_seed(99)
    grads = [torch.randn(3, 4), torch.randn(5)]
    cases = []
    for max_norm, norm_type in [(1.0, 2.0), (100.0, 2.0), (0.5, 1.0), (0.3, float("inf")), (2.0, 3.0)]:
        ps = [torch.zeros_like(g, requires_grad=True) for g in grads]
        for p, g in zip(ps, grads):
            p.grad = g.clone()
        total = torch.nn.utils.clip_grad_norm_(ps, max_norm, norm_type)
        cases.append({"max_norm": max_norm, "norm_type": "inf" if norm_type == float("inf") else norm_type,
                      "total_norm": total.item(), "grads": [t2j(p.grad) for p in ps]})
    ps = [torch.zeros_like(g, requires_grad=True) for g in grads]
    for p, g in zip(ps, grads):
        p.grad = g.clone()
    torch.nn.utils.clip_grad_value_(ps, 0.7)
    return {"grads": [t2j(g) for g in grads], "norm_cases": cases,
            "value_case": {"clip_value": 0.7, "grads": [t2j(p.grad) for p in ps]}}


def training_runs():
    """End to end with nn layers: a Sequential MLP trained with CrossEntropyLoss, as the customer's SeedMlp does."""
    torch.manual_seed(7)
    x = torch.randn(32, 6)
    y = torch.randint(0, 4, (32,))
    init = torch.nn.Sequential(torch.nn.Linear(6, 16), torch.nn.ReLU(), torch.nn.Linear(16, 4)).state_dict()
    runs = []
    for name in ["sgd_momentum", "adamw_cosine"]:
        model = torch.nn.Sequential(torch.nn.Linear(6, 16), torch.nn.ReLU(), torch.nn.Linear(16, 4))
        model.load_state_dict(init)
        criterion = torch.nn.CrossEntropyLoss()
        if name == "sgd_momentum":
            opt, sched = SGD(model.parameters(), lr=0.05, momentum=0.9), None
        else:
            opt = AdamW(model.parameters(), lr=0.02, foreach=False)
            sched = lrs.CosineAnnealingLR(opt, T_max=STEPS)
        losses = []
        for _ in range(STEPS):
            opt.zero_grad()
            loss = criterion(model(x), y)
            loss.backward()
            opt.step()
            if sched is not None:
                sched.step()
            losses.append(loss.item())
        runs.append({"name": name, "losses": losses, "final": {k: t2j(v) for k, v in model.state_dict().items()}})
    return {"x": t2j(x), "y": t2j(y), "init": {k: t2j(v) for k, v in init.items()}, "runs": runs}


if __name__ == "__main__":
    write("optim/training.json", training_runs())
    write("optim/sgd.json", with_runs(sgd_runs()))
    write("optim/adam.json", with_runs(adam_runs()))
    write("optim/rmsprop_adagrad.json", with_runs(rmsprop_adagrad_runs()))
    write("optim/schedulers.json", {"steps": SCHED_STEPS, "runs": scheduler_runs()})
    write("optim/clip.json", clip_cases())
