package dev.nabla.autograd;

import dev.nabla.Generator;
import dev.nabla.Nabla;
import dev.nabla.Storage;
import dev.nabla.Tensor;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Finite differences (float64, PyTorch's tolerances) against autograd for every differentiable op, with
 * broadcast, 0-dim and non-contiguous (transposed, expanded, sliced, permuted) operands. The leaves are plain
 * contiguous float64 tensors; each function makes its own views so that their backward is checked too.
 */
class GradCheckOpsTest {
    private final Generator gen = new Generator(42);
    private final List<DynamicTest> tests = new ArrayList<>();

    /** A float64 leaf of N(0, 1) samples that requires grad. */
    private Tensor randn(int... shape) {
        int n = 1;
        for (int s : shape) n *= s;
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = gen.nextGaussian();
        return Tensor.of(Storage.of(v), shape).requiresGrad(true);
    }

    /** Values in [0.5, 2.5): away from the poles and kinks of log, sqrt, division and pow. */
    private Tensor pos(int... shape) {
        int n = 1;
        for (int s : shape) n *= s;
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = 0.5 + 2 * gen.nextDouble();
        return Tensor.of(Storage.of(v), shape).requiresGrad(true);
    }

    /** Values whose magnitude is at least 0.1: away from the kinks of abs, relu and clamp at 0 and +-0.05. */
    private Tensor awayFromZero(int... shape) {
        Tensor t = randn(shape);
        double[] v = t.storage().doubles();
        for (int i = 0; i < v.length; i++) v[i] = Math.copySign(Math.abs(v[i]) + 0.1, v[i]);
        return t;
    }

    private static Tensor index(long... v) {
        return Nabla.tensor(v);
    }

    private void check(String name, Function<Tensor[], Tensor> f, Tensor... inputs) {
        tests.add(DynamicTest.dynamicTest(name, () -> assertTrue(GradCheck.check(f, inputs))));
    }

    @TestFactory
    List<DynamicTest> elementwise() {
        check("add", x -> x[0].add(x[1]), randn(3, 4), randn(3, 4));
        check("add_broadcast_row", x -> x[0].add(x[1]), randn(3, 4), randn(4));
        check("add_broadcast_both", x -> x[0].add(x[1]), randn(3, 1), randn(1, 4));
        check("add_0dim", x -> x[0].add(x[1]), randn(2, 3), randn());
        check("add_scalar", x -> x[0].add(2.5), randn(3));
        check("add_alpha", x -> x[0].add(x[1], -0.5), randn(2, 3), randn(3));
        check("add_transposed", x -> x[0].t().add(x[1]), randn(4, 3), randn(3, 4));
        check("add_expanded", x -> x[0].expand(3, 4).add(x[1]), randn(1, 4), randn(3, 4));
        check("add_same_tensor_twice", x -> x[0].add(x[0]), randn(3));
        check("sub", x -> x[0].sub(x[1]), randn(3, 4), randn(4));
        check("sub_scalar", x -> x[0].sub(1.5), randn(3));
        check("rsub", x -> x[0].rsub(1.5), randn(3));
        check("sub_sliced", x -> x[0].slice(1, 0, 6, 2).sub(x[1]), randn(2, 6), randn(2, 1));
        check("mul", x -> x[0].mul(x[1]), randn(3, 4), randn(3, 4));
        check("mul_broadcast", x -> x[0].mul(x[1]), randn(2, 1, 4), randn(3, 1));
        check("mul_scalar", x -> x[0].mul(-3), randn(3));
        check("mul_self", x -> x[0].mul(x[0]), randn(4));
        check("mul_transposed_both", x -> x[0].t().mul(x[1].t()), randn(3, 2), randn(3, 2));
        check("div", x -> x[0].div(x[1]), randn(3, 4), pos(3, 4));
        check("div_broadcast", x -> x[0].div(x[1]), randn(3, 4), pos(3, 1));
        check("div_scalar", x -> x[0].div(4), randn(3));
        check("div_0dim", x -> x[0].div(x[1]), randn(3), pos());
        check("pow_2", x -> x[0].pow(2), randn(5));
        check("pow_3", x -> x[0].pow(3), randn(5));
        check("pow_half", x -> x[0].pow(0.5), pos(5));
        check("pow_neg", x -> x[0].pow(-1.5), pos(5));
        check("pow_0", x -> x[0].pow(0), randn(5));
        check("pow_tensor", x -> x[0].pow(x[1]), pos(3, 4), randn(4));
        check("maximum", x -> x[0].maximum(x[1]), randn(3, 4), randn(3, 4));
        check("maximum_broadcast", x -> x[0].maximum(x[1]), randn(3, 4), randn(4));
        check("minimum", x -> x[0].minimum(x[1]), randn(3, 4), randn(1, 4));
        check("neg", x -> x[0].neg(), randn(3, 4));
        check("exp", x -> x[0].exp(), randn(3, 4));
        check("exp_transposed", x -> x[0].t().exp(), randn(3, 4));
        check("log", x -> x[0].log(), pos(3, 4));
        check("log_expanded", x -> x[0].expand(2, 3, 4).log(), pos(4));
        check("sqrt", x -> x[0].sqrt(), pos(3, 4));
        check("rsqrt", x -> x[0].rsqrt(), pos(3, 4));
        check("abs", x -> x[0].abs(), awayFromZero(3, 4));
        check("sigmoid", x -> x[0].sigmoid(), randn(3, 4));
        check("sigmoid_transposed", x -> x[0].t().sigmoid(), randn(3, 4));
        check("tanh", x -> x[0].tanh(), randn(3, 4));
        check("relu", x -> x[0].relu(), awayFromZero(3, 4));
        check("relu_expanded", x -> x[0].expand(3, 4).relu(), awayFromZero(4));
        check("sin", x -> x[0].sin(), randn(3, 4));
        check("cos", x -> x[0].cos(), randn(3, 4));
        check("reciprocal", x -> x[0].reciprocal(), pos(3, 4));
        check("square", x -> x[0].square(), randn(3, 4));
        check("sign_has_zero_gradient", x -> x[0].sign().add(x[0]), awayFromZero(4));
        check("clamp", x -> x[0].clamp(-0.05, 0.05), awayFromZero(3, 4));
        check("clamp_min", x -> x[0].clampMin(0.05), awayFromZero(3, 4));
        check("clamp_max", x -> x[0].t().clampMax(-0.05), awayFromZero(3, 4));
        check("where", x -> Nabla.where(x[0].gt(0), x[0], x[1]), randn(3, 4), randn(4));
        check("where_scalar", x -> Nabla.where(x[0].gt(0), x[0].mul(2), 1.0), randn(3, 4));
        check("where_transposed", x -> Nabla.where(x[1].gt(0), x[0].t(), x[1]), randn(4, 3), randn(3, 4));
        check("masked_fill", x -> x[0].maskedFill(x[0].lt(0), -1), randn(3, 4));
        check("masked_fill_broadcast_mask", x -> x[0].maskedFill(Nabla.tensor(new boolean[] {true, false, true, false}), 0), randn(3, 4));
        check("softmax_1", x -> x[0].softmax(1), randn(3, 5));
        check("softmax_0", x -> x[0].softmax(0), randn(3, 5));
        check("softmax_3d", x -> x[0].softmax(1), randn(2, 3, 4));
        check("softmax_transposed", x -> x[0].t().softmax(-1), randn(5, 3));
        check("log_softmax_1", x -> x[0].logSoftmax(1), randn(3, 5));
        check("log_softmax_0", x -> x[0].logSoftmax(0), randn(3, 5));
        check("log_softmax_3d", x -> x[0].logSoftmax(-1), randn(2, 3, 4));
        check("log_softmax_expanded", x -> x[0].expand(3, 5).logSoftmax(0), randn(1, 5));
        check("to_float64_identity", x -> x[0].toDouble().mul(2), randn(3));
        return tests;
    }

    @TestFactory
    List<DynamicTest> linalg() {
        check("matmul_dot", x -> x[0].matmul(x[1]), randn(4), randn(4));
        check("matmul_vm", x -> x[0].matmul(x[1]), randn(3), randn(3, 5));
        check("matmul_mv", x -> x[0].matmul(x[1]), randn(4, 3), randn(3));
        check("matmul_mm", x -> x[0].matmul(x[1]), randn(4, 3), randn(3, 5));
        check("matmul_batched_m", x -> x[0].matmul(x[1]), randn(2, 4, 3), randn(3, 5));
        check("matmul_m_batched", x -> x[0].matmul(x[1]), randn(4, 3), randn(2, 3, 5));
        check("matmul_batched_v", x -> x[0].matmul(x[1]), randn(2, 4, 3), randn(3));
        check("matmul_v_batched", x -> x[0].matmul(x[1]), randn(3), randn(2, 3, 5));
        check("matmul_bmm", x -> x[0].matmul(x[1]), randn(2, 4, 3), randn(2, 3, 5));
        check("matmul_broadcast_batch", x -> x[0].matmul(x[1]), randn(2, 1, 4, 3), randn(5, 3, 2));
        check("matmul_lhs_t", x -> x[0].t().matmul(x[1]), randn(3, 4), randn(3, 5));
        check("matmul_rhs_t", x -> x[0].matmul(x[1].t()), randn(4, 3), randn(5, 3));
        check("matmul_both_t", x -> x[0].t().matmul(x[1].t()), randn(3, 4), randn(5, 3));
        check("matmul_expanded", x -> x[0].expand(4, 3).matmul(x[1]), randn(1, 3), randn(3, 2));
        check("matmul_sliced", x -> x[0].slice(1, 0, 6, 2).matmul(x[1]), randn(4, 6), randn(3, 2));
        check("matmul_batch_transposed", x -> x[0].transpose(1, 2).matmul(x[1]), randn(2, 3, 4), randn(2, 3, 5));
        check("matmul_batch_permuted", x -> x[0].permute(1, 0, 2).matmul(x[1]), randn(4, 2, 3), randn(3, 5));
        check("mm", x -> x[0].mm(x[1]), randn(4, 3), randn(3, 5));
        check("bmm", x -> x[0].bmm(x[1]), randn(2, 4, 3), randn(2, 3, 5));
        check("bmm_transposed", x -> x[0].transpose(1, 2).bmm(x[1].transpose(1, 2)), randn(2, 3, 4), randn(2, 5, 3));
        return tests;
    }

    @TestFactory
    List<DynamicTest> views() {
        check("t", x -> x[0].t(), randn(3, 4));
        check("t_1d", x -> x[0].t(), randn(4));
        check("transpose", x -> x[0].transpose(0, 2), randn(2, 3, 4));
        check("permute", x -> x[0].permute(2, 0, 1), randn(2, 3, 4));
        check("reshape", x -> x[0].reshape(6, -1), randn(2, 3, 4));
        check("reshape_copying", x -> x[0].transpose(0, 1).reshape(-1), randn(2, 3, 4));
        check("view", x -> x[0].view(4, 3, 2), randn(2, 3, 4));
        check("view_of_transposed", x -> x[0].transpose(1, 2).view(2, 2, 2, 3), randn(2, 3, 4));
        check("flatten", x -> x[0].flatten(), randn(2, 3, 4));
        check("flatten_start", x -> x[0].flatten(1), randn(2, 3, 4));
        check("flatten_transposed", x -> x[0].transpose(0, 2).flatten(1), randn(2, 3, 4));
        check("unflatten", x -> x[0].unflatten(1, 3, -1), randn(2, 12));
        check("squeeze", x -> x[0].squeeze(), randn(1, 3, 1, 2));
        check("squeeze_dim", x -> x[0].squeeze(2), randn(1, 3, 1, 2));
        check("unsqueeze", x -> x[0].unsqueeze(1), randn(3, 4));
        check("unsqueeze_transposed", x -> x[0].t().unsqueeze(-1), randn(3, 4));
        check("expand", x -> x[0].expand(2, 3, 4), randn(3, 1));
        check("expand_0dim", x -> x[0].expand(2, 3), randn());
        check("expand_of_transposed", x -> x[0].t().expand(2, 4, 3), randn(3, 4));
        check("narrow", x -> x[0].narrow(2, 1, 2), randn(2, 3, 4));
        check("slice_step", x -> x[0].slice(0, 1, 9, 3), randn(10, 3));
        check("slice_of_transposed", x -> x[0].t().slice(1, 1, 4, 2), randn(5, 3));
        check("select", x -> x[0].select(1, 2), randn(2, 3, 4));
        check("contiguous", x -> x[0].permute(2, 0, 1).contiguous(), randn(2, 3, 4));
        check("clone", x -> x[0].t().clone(), randn(3, 4));
        check("repeat", x -> x[0].repeat(2, 1, 3), randn(2, 3));
        check("repeat_transposed", x -> x[0].t().repeat(2, 2), randn(2, 3));
        return tests;
    }

    @TestFactory
    List<DynamicTest> reductions() {
        check("sum", x -> x[0].sum(), randn(2, 3, 4));
        check("sum_dim", x -> x[0].sum(1), randn(2, 3, 4));
        check("sum_dim_keepdim", x -> x[0].sum(-1, true), randn(2, 3, 4));
        check("sum_dims", x -> x[0].sum(new int[] {0, 2}, false), randn(2, 3, 4));
        check("sum_transposed", x -> x[0].t().sum(1), randn(3, 4));
        check("sum_expanded", x -> x[0].expand(3, 4).sum(0), randn(1, 4));
        check("mean", x -> x[0].mean(), randn(2, 3, 4));
        check("mean_dim", x -> x[0].mean(0), randn(2, 3, 4));
        check("mean_dims_keepdim", x -> x[0].mean(new int[] {1, 2}, true), randn(2, 3, 4));
        check("mean_transposed", x -> x[0].transpose(0, 1).mean(1, true), randn(2, 3, 4));
        check("prod", x -> x[0].prod(), pos(2, 3));
        check("prod_with_zero", x -> x[0].mul(Nabla.tensor(new double[] {1, 0, 1})).prod(), randn(3));
        check("max_all", x -> x[0].max(), randn(3, 4));
        check("min_all", x -> x[0].t().min(), randn(3, 4));
        check("max_dim", x -> x[0].max(1).values(), randn(3, 4));
        check("max_dim_keepdim", x -> x[0].max(0, true).values(), randn(3, 4));
        check("max_dim_transposed", x -> x[0].t().max(1).values(), randn(3, 4));
        check("min_dim", x -> x[0].min(-1).values(), randn(2, 3, 4));
        check("amax", x -> x[0].amax(1, true), randn(3, 4));
        check("var", x -> x[0].var(), randn(3, 4));
        check("var_dim", x -> x[0].var(1), randn(3, 4));
        check("var_dim_biased_keepdim", x -> x[0].var(0, false, true), randn(3, 4));
        check("var_dims", x -> x[0].var(new int[] {0, 2}, 1, false), randn(2, 3, 4));
        check("var_transposed", x -> x[0].t().var(1), randn(3, 4));
        check("std", x -> x[0].std(), randn(3, 4));
        check("std_dim", x -> x[0].std(1, true, true), randn(3, 4));
        check("logsumexp", x -> x[0].logsumexp(1), randn(3, 4));
        check("logsumexp_keepdim", x -> x[0].logsumexp(0, true), randn(3, 4));
        check("logsumexp_transposed", x -> x[0].t().logsumexp(-1), randn(3, 4));
        check("norm", x -> x[0].norm(), randn(3, 4));
        return tests;
    }

    @TestFactory
    List<DynamicTest> indexing() {
        check("index_select_0", x -> x[0].indexSelect(0, index(3, 0, 3)), randn(4, 5));
        check("index_select_1", x -> x[0].indexSelect(1, index(4, 1)), randn(4, 5));
        check("index_select_transposed", x -> x[0].t().indexSelect(1, index(2, 2, 0)), randn(4, 5));
        check("gather", x -> x[0].gather(1, Nabla.tensor(new long[] {0, 4, 1, 1, 2, 0}, 3, 2)), randn(3, 5));
        check("gather_0", x -> x[0].gather(0, Nabla.tensor(new long[] {0, 2, 2, 1}, 1, 4)), randn(3, 4));
        check("gather_transposed", x -> x[0].t().gather(1, Nabla.tensor(new long[] {0, 3, 1, 2}, 2, 2)), randn(4, 5));
        check("scatter_add", x -> x[0].scatterAdd(0, Nabla.tensor(new long[] {0, 1, 2, 0, 2, 2, 1, 0}, 2, 4), x[1]),
                randn(3, 4), randn(2, 4));
        check("scatter_add_src_larger", x -> x[0].scatterAdd(1, Nabla.tensor(new long[] {0, 3}, 2, 1), x[1]),
                randn(3, 4), randn(3, 3));
        check("scatter_add_transposed", x -> x[0].t().scatterAdd(1, Nabla.tensor(new long[] {1, 1, 0}, 1, 3), x[1].t()),
                randn(3, 4), randn(3, 4));
        check("masked_select", x -> x[0].maskedSelect(x[0].gt(0)), randn(4, 5));
        check("cat_0", x -> Nabla.cat(List.of(x[0], x[1], x[2]), 0), randn(2, 3), randn(4, 3), randn(1, 3));
        check("cat_1_views", x -> Nabla.cat(List.of(x[0], x[1].expand(2, 2), x[2].t()), 1), randn(2, 3), randn(2, 1), randn(3, 2));
        check("cat_same_tensor", x -> Nabla.cat(List.of(x[0], x[0]), -1), randn(2, 3));
        check("stack_0", x -> Nabla.stack(List.of(x[0], x[1]), 0), randn(2, 3), randn(2, 3));
        check("stack_last", x -> Nabla.stack(List.of(x[0], x[1].t()), 2), randn(2, 3), randn(3, 2));
        check("split", x -> {
            List<Tensor> p = x[0].split(3, 0);
            return Nabla.cat(List.of(p.get(0).mul(1), p.get(1).mul(2), p.get(2).mul(3)), 0);
        }, randn(7, 2));
        check("chunk", x -> {
            List<Tensor> p = x[0].chunk(2, 1);
            return p.get(0).mul(p.get(1));
        }, randn(3, 4));
        check("unbind", x -> {
            List<Tensor> p = x[0].unbind(1);
            return p.get(0).sub(p.get(1).mul(p.get(2)));
        }, randn(4, 3));
        check("split_only_one_part_used", x -> x[0].split(2, 0).get(1).exp(), randn(5, 2));
        return tests;
    }

    @Test
    void reportsAWrongGradient() {
        // detach() hides x^2 from autograd: the analytical derivative is 0, the numerical one 2x.
        Tensor x = Nabla.tensor(new double[] {0.5, -1.5}).requiresGrad(true);
        assertThrows(GradCheck.GradCheckError.class, () -> GradCheck.check(in -> in[0].detach().square().add(in[0].mul(0)), x));
    }

    @Test
    void refusesFloat32Inputs() {
        Tensor x = Nabla.randn(3).requiresGrad(true);
        assertThrows(IllegalArgumentException.class, () -> GradCheck.check(in -> in[0].exp(), x));
    }
}
