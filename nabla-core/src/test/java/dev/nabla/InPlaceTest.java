package dev.nabla;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import static dev.nabla.Nabla.tensor;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/**
 * Every in-place op writes exactly what its out-of-place twin returns, through any view (transposed, sliced, a
 * column), leaves the rest of the storage alone, returns {@code this} and bumps the version counter.
 */
class InPlaceTest {
    private record Op(String name, Function<Tensor, Tensor> inPlace, Function<Tensor, Tensor> outOfPlace) {}

    private static final Tensor OTHER = tensor(new float[] {0.5f, -1.5f, 2, 3, -0.25f, 1, 4, -2, 0.75f, 1.25f, -3, 2.5f}, 3, 4);

    private static List<Op> ops() {
        List<Op> ops = new ArrayList<>();
        // The other operand is cut to the view's shape (or broadcast from one row of it).
        ops.add(new Op("add_", t -> t.add_(other(t)), t -> t.add(other(t))));
        ops.add(new Op("add_alpha", t -> t.add_(other(t), -2), t -> t.add(other(t), -2)));
        ops.add(new Op("add_row", t -> t.add_(row(t)), t -> t.add(row(t))));
        ops.add(new Op("add_scalar", t -> t.add_(1.5), t -> t.add(1.5)));
        ops.add(new Op("sub_", t -> t.sub_(other(t)), t -> t.sub(other(t))));
        ops.add(new Op("sub_scalar", t -> t.sub_(0.25), t -> t.sub(0.25)));
        ops.add(new Op("mul_", t -> t.mul_(other(t)), t -> t.mul(other(t))));
        ops.add(new Op("mul_scalar", t -> t.mul_(-3), t -> t.mul(-3)));
        ops.add(new Op("div_", t -> t.div_(other(t)), t -> t.div(other(t))));
        ops.add(new Op("div_scalar", t -> t.div_(4), t -> t.div(4)));
        ops.add(new Op("clamp_", t -> t.clamp_(-1, 1), t -> t.clamp(-1, 1)));
        ops.add(new Op("relu_", Tensor::relu_, Tensor::relu));
        ops.add(new Op("sigmoid_", Tensor::sigmoid_, Tensor::sigmoid));
        ops.add(new Op("exp_", Tensor::exp_, Tensor::exp));
        ops.add(new Op("neg_", Tensor::neg_, Tensor::neg));
        ops.add(new Op("sqrt_", t -> t.mul_(t).sqrt_(), t -> t.mul(t).sqrt()));
        ops.add(new Op("pow_", t -> t.pow_(3), t -> t.pow(3)));
        ops.add(new Op("maskedFill_", t -> t.maskedFill_(t.gt(0), 9), t -> t.maskedFill(t.gt(0), 9)));
        ops.add(new Op("addcmul_", t -> t.addcmul_(other(t), other(t), 0.5), t -> t.add(other(t).mul(other(t)).mul(0.5))));
        ops.add(new Op("addcdiv_", t -> t.addcdiv_(other(t), other(t).abs().add(1), 2), t -> t.add(other(t).div(other(t).abs().add(1)).mul(2))));
        ops.add(new Op("copy_", t -> t.copy_(other(t).toDouble()), t -> other(t)));
        ops.add(new Op("copy_broadcast", t -> t.copy_(row(t)), t -> row(t).expand(t.shape())));
        ops.add(new Op("fill_", t -> t.fill_(-7), t -> Nabla.full(-7, t.shape())));
        ops.add(new Op("zero_", Tensor::zero_, t -> Nabla.zeros(t.shape())));
        return ops;
    }

    private static Tensor other(Tensor t) {
        return OTHER.reshape(-1).narrow(0, 0, (int) t.numel()).reshape(t.shape());
    }

    private static Tensor row(Tensor t) {
        int[] s = t.shape();
        int last = s[s.length - 1];
        return OTHER.reshape(-1).narrow(0, 0, last).reshape(1, last);
    }

    /** Named views of a fresh 4x6 base: each case writes through one of them. */
    private static List<String> views() {
        return List.of("contiguous", "transposed", "sliced", "stepped", "column", "permuted3d");
    }

    private static Tensor view(Tensor base, String how) {
        return switch (how) {
            case "contiguous" -> base.narrow(0, 1, 2);
            case "transposed" -> base.narrow(1, 0, 3).t();
            case "sliced" -> base.slice(0, 1, 4).slice(1, 2, 6);
            case "stepped" -> base.slice(1, 0, 6, 2);
            case "column" -> base.select(1, 4).unsqueeze(0);
            case "permuted3d" -> base.view(2, 2, 6).narrow(2, 1, 3).permute(1, 0, 2);
            default -> throw new IllegalArgumentException(how);
        };
    }

    private static Tensor base() {
        float[] v = new float[24];
        for (int i = 0; i < v.length; i++) v[i] = (float) Math.sin(i * 1.7) * 3;
        return tensor(v, 4, 6);
    }

    @TestFactory
    List<DynamicTest> inPlaceMatchesOutOfPlaceThroughViews() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Op op : ops()) {
            for (String how : views()) {
                tests.add(DynamicTest.dynamicTest(op.name + " on " + how, () -> {
                    Tensor expectedBase = base();
                    Tensor region = view(expectedBase, how);
                    assertSame(expectedBase.storage(), region.storage(), how + " must be a view");
                    Tensor expected = op.outOfPlace.apply(region.clone());
                    // The expected base: the out-of-place result written by a trusted loop, element by element.
                    float[] want = expectedBase.toFloatArray();
                    Tensor marker = tensor(rangeFloats(24), 4, 6);
                    float[] positions = view(marker, how).toFloatArray();
                    float[] values = expected.toFloatArray();
                    for (int i = 0; i < positions.length; i++) want[(int) positions[i]] = values[i];

                    Tensor actualBase = base();
                    Tensor target = view(actualBase, how);
                    int version = actualBase.storage().version();
                    Tensor returned = op.inPlace.apply(target);
                    assertSame(target, returned, "in-place ops return this");
                    assertArrayEquals(want, actualBase.toFloatArray(), 1e-6f, op.name + " through " + how);
                    assertEquals(true, actualBase.storage().version() > version, "version bumped");
                }));
            }
        }
        return tests;
    }

    private static float[] rangeFloats(int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = i;
        return v;
    }

    @Test
    void inPlaceIntoIntAndBoolTensors() {
        Tensor i = tensor(new long[] {1, 2, 3});
        i.add_(2).mul_(tensor(new long[] {1, 0, -1}));
        assertArrayEquals(new long[] {3, 0, -5}, i.toLongArray());
        Tensor b = tensor(new boolean[] {true, false});
        b.copy_(tensor(new float[] {0, 2}));
        assertArrayEquals(new boolean[] {false, true}, b.toBooleanArray());
        Tensor d = tensor(new double[] {1, 2});
        d.add_(tensor(new float[] {0.5f, 0.25f}));
        assertArrayEquals(new double[] {1.5, 2.25}, d.toDoubleArray());
        assertEquals(DType.FLOAT64, d.dtype());
    }
}
