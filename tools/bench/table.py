#!/usr/bin/env python3
"""Turns the JSON lines of tools/bench/side_by_side.sh into the markdown tables of BENCHMARKS.md.

usage: python3 tools/bench/table.py runs/bench-<date>.jsonl

Ratios are Nabla over PyTorch's best configuration at the same thread count (times: below 1 means Nabla is faster;
GFLOP/s: above 1 means Nabla is faster), and, for the issue's targets, each side's best over both thread counts.
A file with several runs of the same workload, configuration and thread count (side_by_side.sh's REPEAT) gives
their median. Plain Python 3, no third-party modules.
"""
import json
import statistics
import sys
from collections import defaultdict


def load(path):
    rows = []
    with open(path) as f:
        for line in f:
            line = line.strip()
            if line.startswith("{"):
                rows.append(json.loads(line))
    return rows


def fmt(v, digits=3):
    if v is None:
        return "-"
    if isinstance(v, float):
        return f"{v:.{digits}g}" if abs(v) < 1000 else f"{v:.0f}"
    return str(v)


def ratio(a, b):
    return None if a is None or b in (None, 0) else a / b


def main(path):
    rows = load(path)
    torch_configs, nabla_configs = [], ["nabla"]
    for r in rows:
        configs = torch_configs if r["side"] == "pytorch" else nabla_configs
        if r["config"] not in configs:
            configs.append(r["config"])
    # value[(workload, metric, key, threads)][config] = number; key is n for gemm, else ""
    value = defaultdict(dict)
    extra = defaultdict(dict)
    for r in rows:
        w = r["workload"]
        cfg = r["config"]
        t = r["threads"]
        if w == "gemm":
            value[("gemm", "gflops", r["n"], t)].setdefault(cfg, []).append(r["gflops"])
        elif w.startswith("infer"):
            value[("infer", "latency_us", "", t)].setdefault(cfg, []).append(r["latency_us"])
            if "latency_us_steady" in r:
                # Nabla's latency after the JIT's warm-up, beside PyTorch's (which has none to do).
                value[("infer", "latency_us_steady", "", t)].setdefault(cfg, []).append(r["latency_us_steady"])
        else:
            if r.get("epoch", 1) != 1:
                continue
            for m in ("train_s", "eval_s", "test_acc"):
                value[(w, m, "", t)].setdefault(cfg, []).append(r[m])
            if r["side"] == "nabla":
                extra[(w, t, cfg)] = r  # with REPEAT, the GC table shows each configuration's last run
    # Repeated runs (the host's speed drifts): their median.
    repeats = max((len(v) for vals in value.values() for v in vals.values()), default=1)
    for vals in value.values():
        for cfg in vals:
            vals[cfg] = statistics.median(vals[cfg])
    for (w, m, n, t), vals in list(value.items()):
        if m == "latency_us_steady":
            for c, v in value[(w, "latency_us", n, t)].items():
                if c not in nabla_configs:
                    vals[c] = v
    higher_better = {"gflops", "test_acc"}
    out = []
    if repeats > 1:
        out.append(f"(each figure the median of up to {repeats} runs)")
        out.append("")
    head = (["workload", "metric", "threads"] + [c.replace("nabla", "Nabla", 1) for c in nabla_configs]
            + [f"PyTorch {c}" for c in torch_configs] + [f"{c.replace('nabla', 'Nabla', 1)} / PyTorch best" for c in nabla_configs])
    out.append("| " + " | ".join(head) + " |")
    out.append("|" + "---|" * len(head))
    order = {"gemm": 0, "mlp": 1, "infer": 2, "cnn": 3}
    metric_order = {"train_s": 0, "eval_s": 1, "test_acc": 2}
    for key in sorted(value, key=lambda k: (order.get(k[0], 9), metric_order.get(k[1], 0), str(k[2]).zfill(6), k[3])):
        w, m, n, t = key
        vals = value[key]
        torch_vals = [vals[c] for c in torch_configs if c in vals]
        if m == "test_acc":
            best = None
        elif m in higher_better:
            best = max(torch_vals) if torch_vals else None
        else:
            best = min(torch_vals) if torch_vals else None
        label = f"{m} n={n}" if n != "" else m
        cells = [w, label, str(t)] + [fmt(vals.get(c)) for c in nabla_configs] + [fmt(vals.get(c)) for c in torch_configs]
        cells += [fmt(ratio(vals.get(c), best)) if best is not None else "-" for c in nabla_configs]
        out.append("| " + " | ".join(cells) + " |")
    print("\n".join(out))

    # The targets: each side at its best thread count and configuration.
    def best_of(w, m, n, nabla_config, higher):
        # nabla_config: a Nabla configuration, or None for PyTorch's best over all of its configurations
        cands = []
        for (kw, km, kn, t), vals in value.items():
            if (kw, km, kn) != (w, m, n):
                continue
            for cfg, v in vals.items():
                if cfg == nabla_config or (nabla_config is None and cfg not in nabla_configs):
                    cands.append((v, t, cfg))
        if not cands:
            return None
        return max(cands) if higher else min(cands)

    targets = [
        ("gemm 1024, GFLOP/s, best thread count of each", "gemm", "gflops", 1024, True, ">= 1.0"),
        ("mlp 1 epoch train time", "mlp", "train_s", "", False, "<= 0.4"),
        ("mlp eval over the 10k test images", "mlp", "eval_s", "", False, "<= 0.5"),
        ("infer one image, latency", "infer", "latency_us", "", False, "<= 0.3"),
        ("infer one image, latency after the JIT's warm-up", "infer", "latency_us_steady", "", False, "<= 0.3"),
        ("cnn 1 epoch train time", "cnn", "train_s", "", False, "(no target)"),
        ("cnn eval", "cnn", "eval_s", "", False, "(no target)"),
    ]
    print()
    print("| target | Nabla best (threads) | PyTorch best (threads, config) | ratio | target ratio |")
    print("|---|---|---|---|---|")
    for label, w, m, n, higher, goal in targets:
        tb = best_of(w, m, n, None, higher)
        for c in nabla_configs:
            nb = best_of(w, m, n, c, higher)
            if nb is None or tb is None:
                continue
            variant = "" if c == "nabla" else f" ({c})"
            print(f"| {label}{variant} | {fmt(nb[0])} ({nb[1]}) | {fmt(tb[0])} ({tb[1]}, {tb[2]}) | "
                  f"{fmt(ratio(nb[0], tb[0]))} | {goal} |")
    for w in ("mlp", "cnn"):
        accs = {(t, c): v for (kw, km, kn, t), vals in value.items() if kw == w and km == "test_acc" for c, v in vals.items()}
        if accs:
            nab = [v for (t, c), v in accs.items() if c in nabla_configs]
            tor = [v for (t, c), v in accs.items() if c not in nabla_configs]
            if nab and tor:
                print(f"| {w} test accuracy (range over runs) | {min(nab):.4f}-{max(nab):.4f} | {min(tor):.4f}-{max(tor):.4f} | "
                      f"{(sum(nab) / len(nab) - sum(tor) / len(tor)) * 100:+.2f} points | within 1 point |")
    # Runs of several epochs (mlp --epochs 3): time, GC and live heap per epoch, the allocation target's evidence.
    multi = defaultdict(list)
    for r in rows:
        if r.get("epoch") is not None and "train_gc_ms" in r:
            multi[(r["workload"], r["config"], r["threads"])].append(r)
    multi = {k: v for k, v in multi.items() if len({r["epoch"] for r in v}) > 1}
    if multi:
        print()
        print("| run | epoch | train_s | eval_s | GC ms (count) in training | live heap after the epoch (MiB) | test_acc |")
        print("|---|---|---|---|---|---|---|")
        for (w, c, t), rs in sorted(multi.items()):
            for r in sorted(rs, key=lambda r: r["epoch"]):
                print(f"| {c} {w} --threads {t} | {r['epoch']} | {r['train_s']} | {r['eval_s']} | "
                      f"{r['train_gc_ms']} ({r['train_gc_count']}) | {r['heap_live_mb']} | {r['test_acc']} |")
    if extra:
        print()
        print("| Nabla run | GC ms in training | GC ms in train + eval | live heap after the epoch (MiB) |")
        print("|---|---|---|---|")
        for (w, t, c), r in sorted(extra.items()):
            print(f"| {c} {w} --threads {t} | {r.get('train_gc_ms', '-')} | {r.get('gc_ms', '-')} | {r.get('heap_live_mb', '-')} |")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
