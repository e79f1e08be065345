package dev.nabla.ops;

import dev.nabla.DType;
import dev.nabla.Generator;
import dev.nabla.Nabla;
import dev.nabla.Storage;
import dev.nabla.Tensor;
import dev.nabla.autograd.GradMode;
import dev.nabla.kernels.BinaryOp;
import dev.nabla.kernels.KernelProvider;
import dev.nabla.kernels.Kernels;
import dev.nabla.kernels.Parallel;
import dev.nabla.kernels.UnaryOp;

import java.util.Arrays;

/** Elementwise ops with broadcasting and type promotion, their derivatives, casts and in-place writes. */
public final class Elementwise {
    private Elementwise() {}

    public enum Compare { EQ, NE, GT, LT, GE, LE }

    // ------------------------------------------------------------------------------------------------------------
    // Binary

    public static Tensor binary(BinaryOp op, Tensor a, Tensor b) {
        DType dt = DType.resultType(a, b);
        if (op == BinaryOp.DIV && !dt.isFloatingPoint()) dt = DType.FLOAT32;
        if (dt == DType.BOOL && op == BinaryOp.SUB) {
            throw new IllegalArgumentException("Subtraction, the `-` operator, with two bool tensors is not supported. "
                    + "Use the `^` or `logical_xor()` operator instead.");
        }
        int[] outShape = Strided.broadcastShapes(a.shape(), b.shape());
        Tensor out = compute(op, a, b, dt, outShape);
        if (!Graph.needed(a, b) || !dt.isFloatingPoint()) return out;
        int[] aShape = a.shape(), bShape = b.shape();
        DType aType = a.dtype(), bType = b.dtype();
        // Save only what the needed gradients read (PyTorch does the same): x.mul_(2) on a non-leaf then does not
        // trip the version check on a copy of x that its own backward never uses.
        Tensor aIfB = b.requiresGrad() ? a : null, bIfA = a.requiresGrad() ? b : null;
        return switch (op) {
            case ADD -> Graph.record(out, "AddBackward0", new Tensor[] {a, b}, null, (n, g, s) -> new Tensor[] {
                    n.needsGrad(0) ? Graph.sumTo(g, aShape).to(aType) : null,
                    n.needsGrad(1) ? Graph.sumTo(g, bShape).to(bType) : null});
            case SUB -> Graph.record(out, "SubBackward0", new Tensor[] {a, b}, null, (n, g, s) -> new Tensor[] {
                    n.needsGrad(0) ? Graph.sumTo(g, aShape).to(aType) : null,
                    n.needsGrad(1) ? Graph.sumTo(g.neg(), bShape).to(bType) : null});
            case MUL -> Graph.record(out, "MulBackward0", new Tensor[] {a, b}, new Tensor[] {aIfB, bIfA}, (n, g, s) -> new Tensor[] {
                    n.needsGrad(0) ? Graph.sumTo(g.mul(s[1]), aShape).to(aType) : null,
                    n.needsGrad(1) ? Graph.sumTo(g.mul(s[0]), bShape).to(bType) : null});
            case DIV -> Graph.record(out, "DivBackward0", new Tensor[] {a, b}, new Tensor[] {aIfB, b}, (n, g, s) -> new Tensor[] {
                    n.needsGrad(0) ? Graph.sumTo(g.div(s[1]), aShape).to(aType) : null,
                    n.needsGrad(1) ? Graph.sumTo(g.neg().mul(s[0]).div(s[1].square()), bShape).to(bType) : null});
            case POW -> Graph.record(out, "PowBackward1", new Tensor[] {a, b}, new Tensor[] {a, b, out}, (n, g, s) -> new Tensor[] {
                    n.needsGrad(0) ? Graph.sumTo(g.mul(s[1]).mul(s[0].pow(s[1].sub(1))), aShape).to(aType) : null,
                    n.needsGrad(1) ? Graph.sumTo(g.mul(s[2].mul(s[0].log())
                            .maskedFill(s[0].eq(0).logicalAnd(s[1].ge(0)), 0)), bShape).to(bType) : null});
            case MAXIMUM, MINIMUM -> Graph.record(out, op == BinaryOp.MAXIMUM ? "MaximumBackward0" : "MinimumBackward0",
                    new Tensor[] {a, b}, new Tensor[] {a, b}, (n, g, s) -> {
                        Tensor wins = op == BinaryOp.MAXIMUM ? s[0].gt(s[1]) : s[0].lt(s[1]);
                        Tensor share = wins.toFloat().add(s[0].eq(s[1]).toFloat().mul(0.5)).to(g.dtype());
                        return new Tensor[] {
                                n.needsGrad(0) ? Graph.sumTo(g.mul(share), aShape).to(aType) : null,
                                n.needsGrad(1) ? Graph.sumTo(g.mul(share.rsub(1)), bShape).to(bType) : null};
                    });
            default -> throw new UnsupportedOperationException(op + " is not differentiable");
        };
    }

    /** Elementwise passes over at least this many floats (1 MB) are split over the threads. */
    private static final int PARALLEL_MIN = 1 << 18;

    private interface Range {
        void run(int from, int length);
    }

    /**
     * Runs {@code body} over [0, n) in contiguous parts, one per thread when n is large: a CNN's activations
     * (64x32x28x28 floats) are memory-bound passes that one core streams at half the speed of two. Part
     * boundaries are multiples of 64 elements, so that every part but the last runs whole vectors.
     */
    private static void split(int n, Range body) {
        int parts = n >= PARALLEL_MIN ? Parallel.threads() : 1;
        if (parts <= 1) {
            body.run(0, n);
            return;
        }
        Parallel.forEach(parts, t -> {
            int from = t == 0 ? 0 : (int) ((long) n * t / parts) & ~63;
            int to = t == parts - 1 ? n : (int) ((long) n * (t + 1) / parts) & ~63;
            if (to > from) body.run(from, to - from);
        });
    }

    /** Computes {@code a op b} into a new contiguous tensor of dtype {@code dt} and shape {@code outShape}. */
    static Tensor compute(BinaryOp op, Tensor a, Tensor b, DType dt, int[] outShape) {
        int n = Strided.checkedNumel(outShape);
        if (dt == DType.FLOAT32) {
            Kernels k = KernelProvider.get();
            float[] out = new float[n];
            boolean aFull = Arrays.equals(a.shape(), outShape), bFull = Arrays.equals(b.shape(), outShape);
            if (aFull && b.numel() == 1) {
                Tensor ac = floats(a);
                float[] ad = ac.storage().floats();
                int ao = ac.storageOffset();
                float s = (float) b.item();
                split(n, (from, len) -> k.binaryScalar(op, ad, ao + from, s, out, from, len));
            } else if (aFull && bFull) {
                Tensor ac = floats(a), bc = floats(b);
                float[] ad = ac.storage().floats(), bd = bc.storage().floats();
                int ao = ac.storageOffset(), bo = bc.storageOffset();
                split(n, (from, len) -> k.binary(op, ad, ao + from, bd, bo + from, out, from, len));
            } else if (aFull && isTrailing(b.shape(), outShape)) {
                // Row broadcast (a bias added to every row): one kernel call per row, no expanded copy.
                Tensor ac = floats(a), bc = floats(b);
                int row = (int) b.numel();
                float[] ad = ac.storage().floats(), bd = bc.storage().floats();
                for (int r = 0; r < n; r += row) k.binary(op, ad, ac.storageOffset() + r, bd, bc.storageOffset(), out, r, row);
            } else {
                float[] ad = Strided.copyToContiguous(a.expand(outShape), DType.FLOAT32).floats();
                float[] bd = Strided.copyToContiguous(b.expand(outShape), DType.FLOAT32).floats();
                k.binary(op, ad, 0, bd, 0, out, 0, n);
            }
            return Tensor.of(Storage.of(out), outShape);
        }
        Storage as = Strided.copyToContiguous(a.expand(outShape), dt);
        Storage bs = Strided.copyToContiguous(b.expand(outShape), dt);
        Storage os = Storage.allocate(dt, n);
        switch (dt) {
            case FLOAT64 -> {
                double[] x = as.doubles(), y = bs.doubles(), o = os.doubles();
                for (int i = 0; i < n; i++) o[i] = applyDouble(op, x[i], y[i]);
            }
            case INT64 -> {
                long[] x = as.longs(), y = bs.longs(), o = os.longs();
                for (int i = 0; i < n; i++) o[i] = applyLong(op, x[i], y[i]);
            }
            default -> {
                boolean[] x = as.bools(), y = bs.bools(), o = os.bools();
                for (int i = 0; i < n; i++) {
                    o[i] = switch (op) {
                        case ADD, MAXIMUM -> x[i] || y[i];
                        case MUL, MINIMUM -> x[i] && y[i];
                        case POW -> x[i] || !y[i];
                        default -> throw new UnsupportedOperationException(op + " is not supported for bool tensors");
                    };
                }
            }
        }
        return Tensor.of(os, outShape);
    }

    private static double applyDouble(BinaryOp op, double a, double b) {
        return switch (op) {
            case ADD -> a + b;
            case SUB -> a - b;
            case MUL -> a * b;
            case DIV -> a / b;
            case POW -> Math.pow(a, b);
            case MAXIMUM -> (Double.isNaN(a) || Double.isNaN(b)) ? Double.NaN : Math.max(a, b);
            case MINIMUM -> (Double.isNaN(a) || Double.isNaN(b)) ? Double.NaN : Math.min(a, b);
            case RELU_BACKWARD -> b <= 0 ? 0.0 : a;
            case SIGMOID_BACKWARD -> a * b * (1 - b);
            case TANH_BACKWARD -> a * (1 - b * b);
        };
    }

    private static long applyLong(BinaryOp op, long a, long b) {
        return switch (op) {
            case ADD -> a + b;
            case SUB -> a - b;
            case MUL -> a * b;
            case POW -> {
                if (b < 0) throw new IllegalArgumentException("Integers to negative integer powers are not allowed.");
                long r = 1;
                for (long i = 0; i < b; i++) r *= a;
                yield r;
            }
            case MAXIMUM -> Math.max(a, b);
            case MINIMUM -> Math.min(a, b);
            default -> throw new UnsupportedOperationException(op + " is not supported for integer tensors");
        };
    }

    /** Whether {@code small}, without its leading ones, is the trailing part of {@code full}. */
    private static boolean isTrailing(int[] small, int[] full) {
        int lead = 0;
        while (lead < small.length && small[lead] == 1) lead++;
        int len = small.length - lead;
        if (len > full.length || len == 0) return false;
        for (int i = 0; i < len; i++) if (small[lead + i] != full[full.length - len + i]) return false;
        return true;
    }

    /** {@code t} as a contiguous float32 tensor (itself when it already is one). */
    static Tensor floats(Tensor t) {
        if (t.dtype() == DType.FLOAT32 && t.isContiguous()) return t;
        return Tensor.of(Strided.copyToContiguous(t, DType.FLOAT32), t.shape());
    }

    /** {@code x ** exponent} for a scalar exponent. */
    public static Tensor pow(Tensor a, double exponent) {
        if (exponent == 2.0) return unary(UnaryOp.SQUARE, a);
        boolean integral = exponent == Math.rint(exponent);
        DType dt = a.dtype().isFloatingPoint() || !integral ? (a.dtype() == DType.FLOAT64 ? DType.FLOAT64 : DType.FLOAT32) : DType.INT64;
        Tensor out;
        if (exponent == 0.5) {
            // PyTorch computes x ** 0.5 as sqrt(x): they differ at -inf (nan, not inf) and -0 (-0, not 0).
            try (var g = GradMode.set(false)) {
                out = unary(UnaryOp.SQRT, a);
            }
        } else {
            out = compute(BinaryOp.POW, a, Nabla.full(exponent, dt, new int[0]), dt, a.shape());
        }
        return Graph.record(out, "PowBackward0", new Tensor[] {a}, new Tensor[] {a}, (n, g, s) ->
                new Tensor[] {exponent == 0 ? Nabla.zerosLike(g) : g.mul(s[0].pow(exponent - 1).mul(exponent))});
    }

    // ------------------------------------------------------------------------------------------------------------
    // Unary

    public static Tensor unary(UnaryOp op, Tensor a) {
        boolean keepsInt = op == UnaryOp.NEG || op == UnaryOp.ABS || op == UnaryOp.RELU || op == UnaryOp.SQUARE;
        DType dt = a.dtype().isFloatingPoint() || keepsInt ? a.dtype() : DType.FLOAT32;
        if (dt == DType.BOOL) {
            if (op == UnaryOp.NEG) throw new IllegalArgumentException("Negation, the `-` operator, on a bool tensor is not supported. If you are trying to invert a mask, use the `~` or `logical_not()` operator instead.");
            dt = DType.INT64;
        }
        int n = Strided.checkedNumel(a.shape());
        Tensor out;
        if (dt == DType.FLOAT32) {
            Tensor ac = floats(a);
            float[] o = new float[n], ad = ac.storage().floats();
            int ao = ac.storageOffset();
            Kernels k = KernelProvider.get();
            split(n, (from, len) -> k.unary(op, ad, ao + from, o, from, len));
            out = Tensor.of(Storage.of(o), a.shape());
        } else if (dt == DType.FLOAT64) {
            double[] x = Strided.copyToContiguous(a, dt).doubles();
            double[] o = new double[n];
            for (int i = 0; i < n; i++) o[i] = applyDouble(op, x[i]);
            out = Tensor.of(Storage.of(o), a.shape());
        } else {
            long[] x = Strided.copyToContiguous(a, dt).longs();
            long[] o = new long[n];
            for (int i = 0; i < n; i++) {
                long v = x[i];
                o[i] = switch (op) {
                    case NEG -> -v;
                    case ABS -> Math.abs(v);
                    case RELU -> Math.max(v, 0);
                    default -> v * v;
                };
            }
            out = Tensor.of(Storage.of(o), a.shape());
        }
        if (!Graph.needed(a)) return out;
        Tensor[] in = {a};
        return switch (op) {
            case NEG -> Graph.record(out, "NegBackward0", in, null, (nd, g, s) -> new Tensor[] {g.neg()});
            case EXP -> Graph.record(out, "ExpBackward0", in, new Tensor[] {out}, (nd, g, s) -> new Tensor[] {g.mul(s[0])});
            case LOG -> Graph.record(out, "LogBackward0", in, new Tensor[] {a}, (nd, g, s) -> new Tensor[] {g.div(s[0])});
            case SQRT -> Graph.record(out, "SqrtBackward0", in, new Tensor[] {out}, (nd, g, s) -> new Tensor[] {g.div(s[0].mul(2))});
            case ABS -> Graph.record(out, "AbsBackward0", in, new Tensor[] {a}, (nd, g, s) -> new Tensor[] {g.mul(s[0].sign())});
            case SIGMOID -> Graph.record(out, "SigmoidBackward0", in, new Tensor[] {out}, (nd, g, s) ->
                    new Tensor[] {fusedBackward(BinaryOp.SIGMOID_BACKWARD, g, s[0], nd.ownsGradOutput())});
            case TANH -> Graph.record(out, "TanhBackward0", in, new Tensor[] {out}, (nd, g, s) ->
                    new Tensor[] {fusedBackward(BinaryOp.TANH_BACKWARD, g, s[0], nd.ownsGradOutput())});
            case RELU -> Graph.record(out, "ReluBackward0", in, new Tensor[] {out}, (nd, g, s) ->
                    new Tensor[] {fusedBackward(BinaryOp.RELU_BACKWARD, g, s[0], nd.ownsGradOutput())});
            case SIN -> Graph.record(out, "SinBackward0", in, new Tensor[] {a}, (nd, g, s) -> new Tensor[] {g.mul(s[0].cos())});
            case COS -> Graph.record(out, "CosBackward0", in, new Tensor[] {a}, (nd, g, s) -> new Tensor[] {g.mul(s[0].sin()).neg()});
            case RECIPROCAL -> Graph.record(out, "ReciprocalBackward0", in, new Tensor[] {out}, (nd, g, s) ->
                    new Tensor[] {g.mul(s[0].square()).neg()});
            case SQUARE -> Graph.record(out, "PowBackward0", in, new Tensor[] {a}, (nd, g, s) -> new Tensor[] {g.mul(s[0]).mul(2)});
        };
    }

    private static double applyDouble(UnaryOp op, double x) {
        return switch (op) {
            case NEG -> -x;
            case EXP -> Math.exp(x);
            case LOG -> Math.log(x);
            case SQRT -> Math.sqrt(x);
            case ABS -> Math.abs(x);
            case SIGMOID -> 1.0 / (1.0 + Math.exp(-x));
            case TANH -> Math.tanh(x);
            case RELU -> x > 0 ? x : (Double.isNaN(x) ? x : 0.0);
            case SIN -> Math.sin(x);
            case COS -> Math.cos(x);
            case RECIPROCAL -> 1.0 / x;
            case SQUARE -> x * x;
        };
    }

    /**
     * An activation's backward as one fused pass (g * f'(saved)) when no graph of the backward is wanted; with
     * create-graph on, the same formula composed of differentiable ops.
     */
    static Tensor fusedBackward(BinaryOp op, Tensor g, Tensor saved, boolean ownsGrad) {
        if (GradMode.isEnabled()) {
            return switch (op) {
                case RELU_BACKWARD -> g.mul(saved.le(0).logicalNot().to(g.dtype()));
                case SIGMOID_BACKWARD -> g.mul(saved.mul(saved.rsub(1)));
                case TANH_BACKWARD -> g.mul(saved.square().rsub(1));
                default -> throw new IllegalArgumentException(op.toString());
            };
        }
        DType dt = DType.promote(g.dtype(), saved.dtype());
        if (ownsGrad && dt == DType.FLOAT32 && g.dtype() == dt && Arrays.equals(g.shape(), saved.shape())) {
            // The engine handed this gradient over (Node.ownsGradOutput): overwrite it instead of allocating a
            // result as large as the activation.
            Kernels k = KernelProvider.get();
            float[] gd = g.storage().floats();
            Tensor sc = floats(saved);
            float[] sd = sc.storage().floats();
            int so = sc.storageOffset();
            split((int) g.numel(), (from, len) -> k.binary(op, gd, from, sd, so + from, gd, from, len));
            g.storage().bumpVersion();
            return g;
        }
        return compute(op, g, saved, dt, Strided.broadcastShapes(g.shape(), saved.shape()));
    }

    /** -1, 0 or +1; 0 for NaN, as in PyTorch. */
    public static Tensor sign(Tensor a) {
        Storage src = Strided.copyToContiguous(a, a.dtype());
        int n = (int) a.numel();
        Storage out = Storage.allocate(a.dtype(), n);
        for (int i = 0; i < n; i++) {
            double v = src.getDouble(i);
            out.setDouble(i, Double.isNaN(v) ? 0 : Math.signum(v));
        }
        return Graph.record(Tensor.of(out, a.shape()), "SignBackward0", new Tensor[] {a}, null,
                (nd, g, s) -> new Tensor[] {Nabla.zerosLike(g)});
    }

    public static Tensor clamp(Tensor a, double min, double max) {
        if (Double.isNaN(min) && Double.isNaN(max)) {
            throw new IllegalArgumentException("torch.clamp: At least one of 'min' or 'max' must not be None");
        }
        boolean integral = (Double.isNaN(min) || min == Math.rint(min)) && (Double.isNaN(max) || max == Math.rint(max));
        DType dt = a.dtype().isFloatingPoint() || !integral ? DType.resultType(a, Nabla.scalarLike(0.5, a)) : a.dtype();
        if (dt == DType.BOOL) dt = DType.INT64;
        int n = (int) a.numel();
        Storage src = Strided.copyToContiguous(a, dt);
        Storage out = Storage.allocate(dt, n);
        for (int i = 0; i < n; i++) {
            if (dt == DType.INT64) {
                // Integral bounds on an int64 tensor: stay in longs, which doubles would round beyond 2^53.
                long v = src.getLong(i);
                if (!Double.isNaN(min) && v < min) v = (long) min;
                if (!Double.isNaN(max) && v > max) v = (long) max;
                out.setLong(i, v);
                continue;
            }
            double v = src.getDouble(i);
            if (!Double.isNaN(min) && v < min) v = min;
            if (!Double.isNaN(max) && v > max) v = max;
            out.setDouble(i, v);
        }
        return Graph.record(Tensor.of(out, a.shape()), "ClampBackward1", new Tensor[] {a}, new Tensor[] {a}, (nd, g, s) -> {
            Tensor pass = Nabla.onesLike(s[0]).toBool();
            if (!Double.isNaN(min)) pass = pass.logicalAnd(s[0].ge(min));
            if (!Double.isNaN(max)) pass = pass.logicalAnd(s[0].le(max));
            return new Tensor[] {g.mul(pass.to(g.dtype()))};
        });
    }

    public static Tensor maskedFill(Tensor a, Tensor mask, double value) {
        if (mask.dtype() != DType.BOOL) {
            throw new IllegalArgumentException("masked_fill_ only supports boolean masks, but got mask with dtype "
                    + mask.dtype().torchName());
        }
        return where(mask, Nabla.scalarLike(value, a).to(a.dtype()), a);
    }

    /** {@code torch.where(condition, x, y)}: x where the condition holds, else y; all three broadcast. */
    public static Tensor where(Tensor cond, Tensor x, Tensor y) {
        if (cond.dtype() != DType.BOOL) {
            throw new IllegalArgumentException("where expected condition to be a boolean tensor, but got a tensor with dtype "
                    + cond.dtype().torchName());
        }
        DType dt = DType.resultType(x, y);
        int[] shape = Strided.broadcastShapes(Strided.broadcastShapes(cond.shape(), x.shape()), y.shape());
        int n = Strided.checkedNumel(shape);
        boolean[] c = Strided.copyToContiguous(cond.expand(shape), DType.BOOL).bools();
        Storage xs = Strided.copyToContiguous(x.expand(shape), dt), ys = Strided.copyToContiguous(y.expand(shape), dt);
        Storage out = Storage.allocate(dt, n);
        if (dt == DType.FLOAT32) {
            float[] xd = xs.floats(), yd = ys.floats(), o = out.floats();
            for (int i = 0; i < n; i++) o[i] = c[i] ? xd[i] : yd[i];
        } else {
            for (int i = 0; i < n; i++) out.setDouble(i, c[i] ? xs.getDouble(i) : ys.getDouble(i));
            if (dt == DType.INT64) for (int i = 0; i < n; i++) out.setLong(i, c[i] ? xs.getLong(i) : ys.getLong(i));
        }
        int[] xShape = x.shape(), yShape = y.shape();
        DType xType = x.dtype(), yType = y.dtype();
        return Graph.record(Tensor.of(out, shape), "WhereBackward0", new Tensor[] {null, x, y}, new Tensor[] {cond}, (nd, g, s) -> {
            Tensor zero = Nabla.zerosLike(g);
            return new Tensor[] {null,
                    nd.needsGrad(1) ? Graph.sumTo(where(s[0], g, zero), xShape).to(xType) : null,
                    nd.needsGrad(2) ? Graph.sumTo(where(s[0], zero, g), yShape).to(yType) : null};
        });
    }

    // ------------------------------------------------------------------------------------------------------------
    // Comparison

    public static Tensor compare(Compare op, Tensor a, Tensor b) {
        DType dt = DType.resultType(a, b);
        int[] shape = Strided.broadcastShapes(a.shape(), b.shape());
        int n = Strided.checkedNumel(shape);
        boolean[] out = new boolean[n];
        if (dt == DType.INT64 || dt == DType.BOOL) {
            long[] x = Strided.copyToContiguous(a.expand(shape), DType.INT64).longs();
            long[] y = Strided.copyToContiguous(b.expand(shape), DType.INT64).longs();
            for (int i = 0; i < n; i++) out[i] = test(op, Long.compare(x[i], y[i]), false);
        } else {
            double[] x = Strided.copyToContiguous(a.expand(shape), DType.FLOAT64).doubles();
            double[] y = Strided.copyToContiguous(b.expand(shape), DType.FLOAT64).doubles();
            // IEEE comparisons (not Double.compare, which orders -0 below 0 and NaN above everything).
            if (dt == DType.FLOAT32) {
                // Compare in float32, as PyTorch does: 0.1f == 0.1 is true there.
                for (int i = 0; i < n; i++) out[i] = ieee(op, (float) x[i], (float) y[i]);
            } else {
                for (int i = 0; i < n; i++) out[i] = ieee(op, x[i], y[i]);
            }
        }
        return Tensor.of(Storage.of(out), shape);
    }

    private static boolean ieee(Compare op, double x, double y) {
        return switch (op) {
            case EQ -> x == y;
            case NE -> x != y;
            case GT -> x > y;
            case LT -> x < y;
            case GE -> x >= y;
            case LE -> x <= y;
        };
    }

    private static boolean test(Compare op, int c, boolean nan) {
        if (nan) return op == Compare.NE;
        return switch (op) {
            case EQ -> c == 0;
            case NE -> c != 0;
            case GT -> c > 0;
            case LT -> c < 0;
            case GE -> c >= 0;
            case LE -> c <= 0;
        };
    }

    public static boolean allclose(Tensor a, Tensor b, double rtol, double atol) {
        int[] shape = Strided.broadcastShapes(a.shape(), b.shape());
        double[] x = Strided.copyToContiguous(a.expand(shape), DType.FLOAT64).doubles();
        double[] y = Strided.copyToContiguous(b.expand(shape), DType.FLOAT64).doubles();
        for (int i = 0; i < x.length; i++) {
            if (x[i] == y[i]) continue;
            if (Double.isNaN(x[i]) || Double.isNaN(y[i]) || Math.abs(x[i] - y[i]) > atol + rtol * Math.abs(y[i])) return false;
        }
        return true;
    }

    /** Same shape and equal elements by IEEE {@code ==}: NaN never equals, -0 equals 0 (Arrays.equals says the opposite). */
    public static boolean equal(Tensor a, Tensor b) {
        if (!Arrays.equals(a.shape(), b.shape())) return false;
        if (a.dtype() == DType.INT64 && b.dtype() == DType.INT64) return Arrays.equals(a.toLongArray(), b.toLongArray());
        double[] x = a.toDoubleArray(), y = b.toDoubleArray();
        for (int i = 0; i < x.length; i++) if (x[i] != y[i]) return false;
        return true;
    }

    // ------------------------------------------------------------------------------------------------------------
    // Casts and in-place writes

    public static Tensor cast(Tensor a, DType dt) {
        Tensor out = Tensor.of(Strided.copyToContiguous(a, dt), a.shape());
        if (!dt.isFloatingPoint() || !a.dtype().isFloatingPoint()) return out;
        DType from = a.dtype();
        return Graph.record(out, "ToCopyBackward0", new Tensor[] {a}, null, (nd, g, s) -> new Tensor[] {g.to(from)});
    }

    /** Writes {@code result} (same shape as self, or broadcastable to it) into self, bumping its version. */
    public static Tensor inPlace(Tensor self, Tensor result) {
        checkWritable(self);
        if (!canCast(result.dtype(), self.dtype())) {
            throw new IllegalArgumentException("result type " + scalarTypeName(result.dtype())
                    + " can't be cast to the desired output type " + scalarTypeName(self.dtype()));
        }
        int[] shape = self.shape();
        if (!Arrays.equals(result.shape(), shape)) {
            int[] b = Strided.broadcastShapes(result.shape(), shape);
            if (!Arrays.equals(b, shape)) {
                throw new IllegalArgumentException("output with shape " + Arrays.toString(shape)
                        + " doesn't match the broadcast shape " + Arrays.toString(b));
            }
            result = result.expand(shape);
        }
        if (result.requiresGrad() && GradMode.isEnabled() && self.isView()) {
            throw new UnsupportedOperationException("in-place operations that need gradients are not supported on views; "
                    + "use the out-of-place op (e.g. x = x.add(y)) instead");
        }
        writeInto(self, result);
        if (result.requiresGrad() && GradMode.isEnabled()) self.setGradFn(result.gradFn());
        return self;
    }

    /**
     * {@code self.op_()}, e.g. {@code relu_}: a contiguous float32 tensor is overwritten by the kernel directly,
     * without the temporary result that the general path ({@link #inPlace}) computes and copies back, when it is
     * outside any graph (grad mode off, or not requiring grad) or, for ReLU, when it is a non-leaf that is not a
     * view: then {@code ReluBackward0} is recorded on the tensor itself, saving it as its output (PyTorch's
     * {@code relu_}); a node that saved the tensor before sees the version change and refuses to run backward.
     * Every other case takes the general path.
     */
    public static Tensor unaryInPlace(UnaryOp op, Tensor self) {
        boolean graph = GradMode.isEnabled() && self.requiresGrad();
        boolean direct = self.dtype() == DType.FLOAT32 && self.isContiguous()
                && (!graph || op == UnaryOp.RELU && !self.isLeaf() && !self.isView());
        if (!direct) return inPlace(self, unary(op, self));
        checkWritable(self);
        Kernels k = KernelProvider.get();
        float[] d = self.storage().floats();
        int off = self.storageOffset();
        split((int) self.numel(), (from, len) -> k.unary(op, d, off + from, d, off + from, len));
        self.storage().bumpVersion();
        if (!graph) return self;
        // The node's edge goes to the tensor's current grad_fn, and it saves the tensor at its new version.
        return Graph.record(self, "ReluBackward0", new Tensor[] {self}, new Tensor[] {self}, (nd, g, s) ->
                new Tensor[] {fusedBackward(BinaryOp.RELU_BACKWARD, g, s[0], nd.ownsGradOutput())});
    }

    /** PyTorch's {@code can_cast}: an in-place result may not drop to a lower category (float to int, int to bool). */
    private static boolean canCast(DType from, DType to) {
        if (from.isFloatingPoint()) return to.isFloatingPoint();
        return from != DType.INT64 || to != DType.BOOL;
    }

    /** PyTorch's C++ scalar type names, as its cast errors spell them. */
    private static String scalarTypeName(DType t) {
        return switch (t) {
            case FLOAT32 -> "Float";
            case FLOAT64 -> "Double";
            case INT64 -> "Long";
            case BOOL -> "Bool";
        };
    }

    /** Copies result's values into self's storage through self's strides. */
    static void writeInto(Tensor self, Tensor result) {
        Storage dst = self.storage();
        if (self.dtype() == DType.FLOAT32 && self.isContiguous()) {
            Tensor src = result.dtype() == DType.FLOAT32 && result.isContiguous() ? result : floats(result);
            if (src.storage() != dst || src.storageOffset() != self.storageOffset()) {
                System.arraycopy(src.storage().floats(), src.storageOffset(), dst.floats(), self.storageOffset(), (int) self.numel());
            }
        } else {
            Storage src = Strided.copyToContiguous(result, self.dtype());
            if (self.dtype() == DType.INT64) Strided.forEach(self, (o, i) -> dst.setLong(i, src.getLong(o)));
            else Strided.forEach(self, (o, i) -> dst.setDouble(i, src.getDouble(o)));
        }
        dst.bumpVersion();
    }

    private static void checkWritable(Tensor self) {
        if (GradMode.isEnabled() && self.requiresGrad() && self.isLeaf()) {
            throw new IllegalStateException("a leaf Variable that requires grad is being used in an in-place operation.");
        }
    }

    /** Fills of at least this many floats (256 KB) are split over the threads. */
    private static final int PARALLEL_FILL_MIN = 1 << 16;

    public static Tensor fill_(Tensor self, double value) {
        checkWritable(self);
        Storage s = self.storage();
        if (self.dtype() == DType.FLOAT32 && self.isContiguous()) {
            float[] a = s.floats();
            int from = self.storageOffset(), n = (int) self.numel();
            int parts = n >= PARALLEL_FILL_MIN ? Parallel.threads() : 1;
            // zeroGrad() of a large weight: each core clears the part that the optimizer's step just wrote from
            // that core (the same contiguous split), which stays in its cache; one core alone took twice as long.
            Parallel.forEach(parts, t -> Arrays.fill(a, from + (int) ((long) n * t / parts),
                    from + (int) ((long) n * (t + 1) / parts), (float) value));
        } else {
            Strided.forEach(self, (o, i) -> s.setDouble(i, value));
        }
        s.bumpVersion();
        if (GradMode.isEnabled() && self.gradFn() != null) self.setGradFn(null);
        return self;
    }

    /** Fills with uniform (normal=false: U(p, q)) or normal (N(p, q^2)) samples from {@code gen}. */
    public static Tensor fillRandom_(Tensor self, Generator gen, boolean normal, double p, double q) {
        if (!self.dtype().isFloatingPoint()) {
            throw new IllegalArgumentException("random fill expects a floating point tensor, got " + self.dtype().torchName());
        }
        int n = (int) self.numel();
        float[] values = new float[n];
        if (normal) gen.fillNormal(values, 0, n, p, q);
        else gen.fillUniform(values, 0, n, p, q);
        checkWritable(self);
        try (var mode = GradMode.set(false)) {
            writeInto(self, Tensor.of(Storage.of(values), self.shape()));
        }
        return self;
    }
}
