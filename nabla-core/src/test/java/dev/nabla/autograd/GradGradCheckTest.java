package dev.nabla.autograd;

import dev.nabla.Generator;
import dev.nabla.Nabla;
import dev.nabla.Storage;
import dev.nabla.Tensor;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Second derivatives through create-graph: the gradient that {@code backward(g, true, true)} leaves in
 * {@code x.grad()} is itself checked against finite differences, which holds only when every backward formula is
 * written with differentiable tensor ops.
 */
class GradGradCheckTest {
    private final Generator gen = new Generator(7);
    private final List<DynamicTest> tests = new ArrayList<>();

    private Tensor randn(int... shape) {
        int n = 1;
        for (int s : shape) n *= s;
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = gen.nextGaussian();
        return Tensor.of(Storage.of(v), shape).requiresGrad(true);
    }

    private Tensor pos(int... shape) {
        Tensor t = randn(shape);
        double[] v = t.storage().doubles();
        for (int i = 0; i < v.length; i++) v[i] = 0.5 + Math.abs(v[i]);
        return t;
    }

    /** The gradient of {@code sum(f(x) * w)} with respect to x, as a differentiable function of x. */
    private static Function<Tensor[], Tensor> gradientOf(Function<Tensor, Tensor> f, Tensor w) {
        return in -> {
            Tensor x = in[0];
            Tensor before = x.grad();
            x.setGrad(null);
            try (var g = Nabla.enableGrad()) {
                Tensor y = f.apply(x).mul(w).sum();
                y.backward(Nabla.onesLike(y), true, true);
            }
            Tensor gx = x.grad();
            x.setGrad(before);
            return gx;
        };
    }

    private void check(String name, Function<Tensor, Tensor> f, Tensor x, int... outShape) {
        Tensor w = randn(outShape).detach();
        tests.add(DynamicTest.dynamicTest(name, () -> assertTrue(GradCheck.check(gradientOf(f, w), x))));
    }

    @TestFactory
    List<DynamicTest> secondDerivatives() {
        check("mul_self", x -> x.mul(x), randn(3, 4), 3, 4);
        check("div", x -> x.div(x.square().add(1)), randn(3), 3);
        check("pow", x -> x.pow(3), randn(4), 4);
        check("exp", Tensor::exp, randn(4), 4);
        check("log", Tensor::log, pos(4), 4);
        check("sqrt", Tensor::sqrt, pos(4), 4);
        check("sigmoid", Tensor::sigmoid, randn(4), 4);
        check("tanh", Tensor::tanh, randn(4), 4);
        check("relu_times_x", x -> x.relu().mul(x), randn(5), 5);
        check("sin", Tensor::sin, randn(4), 4);
        check("reciprocal", Tensor::reciprocal, pos(4), 4);
        check("softmax", x -> x.softmax(1), randn(2, 4), 2, 4);
        check("log_softmax", x -> x.logSoftmax(0), randn(3, 2), 3, 2);
        check("matmul_self", x -> x.matmul(x.t()), randn(3, 2), 3, 3);
        check("sum_dim_squared", x -> x.sum(1).square(), randn(2, 3), 2);
        check("mean_squared", x -> x.mean(0, true).square(), randn(3, 2), 1, 2);
        check("broadcast_mul", x -> x.mul(x.sum(0)), randn(3, 2), 3, 2);
        check("transpose_reshape", x -> x.t().reshape(-1).square(), randn(2, 3), 6);
        check("expand", x -> x.expand(3, 2).square(), randn(1, 2), 3, 2);
        check("slice", x -> x.slice(1, 0, 4, 2).square(), randn(2, 4), 2, 2);
        check("narrow", x -> x.narrow(0, 1, 2).exp(), randn(3, 2), 2, 2);
        check("select", x -> x.select(1, 1).square(), randn(2, 3), 2);
        check("max_dim", x -> x.max(1).values().square(), randn(3, 4), 3);
        check("max_all", x -> x.max().square().reshape(1), randn(5), 1);
        check("where", x -> Nabla.where(x.gt(0), x.square(), x.exp()), randn(5), 5);
        check("masked_fill", x -> x.square().maskedFill(x.lt(0), 0), randn(5), 5);
        check("gather", x -> x.square().gather(1, Nabla.tensor(new long[] {0, 2, 1, 1}, 2, 2)), randn(2, 3), 2, 2);
        check("index_select", x -> x.indexSelect(0, Nabla.tensor(new long[] {1, 1, 0})).square(), randn(2, 2), 3, 2);
        check("cat", x -> Nabla.cat(List.of(x.square(), x.exp()), 0), randn(2), 4);
        check("stack_split", x -> x.split(1, 0).get(1).square(), randn(3, 2), 1, 2);
        check("var", x -> x.var(1), randn(2, 4), 2);
        check("logsumexp", x -> x.logsumexp(1), randn(2, 3), 2);
        check("clamp_times_x", x -> x.clamp(-0.5, 0.5).mul(x), randn(6), 6);
        check("abs_times_x", x -> x.abs().mul(x), randn(5), 5);
        check("prod", x -> x.prod().reshape(1), pos(3), 1);
        check("scatter_add", x -> Nabla.zeros(2, 3).toDouble().scatterAdd(1, Nabla.tensor(new long[] {2, 0}, 2, 1), x.square()),
                randn(2, 1), 2, 3);
        check("scatter_add_src_larger", x -> Nabla.zeros(2, 3).toDouble().scatterAdd(1, Nabla.tensor(new long[] {2, 0}, 2, 1),
                x.square()).mul(x.sum()), randn(2, 2), 2, 3);
        return tests;
    }
}
