package dev.nabla.nn;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nabla.DType;
import dev.nabla.Nabla;
import dev.nabla.Tensor;
import dev.nabla.autograd.GradCheck;
import dev.nabla.nn.functional.Activations;
import dev.nabla.nn.functional.F;
import dev.nabla.testing.Golden;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Finite-difference gradient checks (float64) of every function in F, erf's accuracy, dropout, one-hot, errors. */
class FunctionalTest {
    private static final JsonNode GOLDEN = Golden.load("nn/functional.json");

    private static Tensor input(int... shape) {
        // Keep away from the kinks of relu-like functions, where finite differences are meaningless.
        Tensor x = Nabla.randn(shape).toDouble();
        x = Nabla.where(x.abs().lt(0.05), x.add(0.2), x);
        return x.detach().clone().requiresGrad(true);
    }

    @Test
    void erfAndGeluMatchPyTorchToDoublePrecision() {
        Tensor x = Golden.tensor(GOLDEN.get("erf_x"));
        Golden.assertClose(Golden.tensor(GOLDEN.get("erf_y")), Activations.erf(x), 1e-14, 1e-15, "erf");
        Golden.assertClose(Golden.tensor(GOLDEN.get("gelu_y")), F.gelu(x), 1e-13, 1e-15, "gelu");
        Golden.assertClose(Golden.tensor(GOLDEN.get("gelu_tanh_y")), F.gelu(x, "tanh"), 1e-13, 1e-15, "gelu tanh");
        assertEquals(DType.FLOAT32, Activations.erf(Nabla.zeros(2)).dtype());
    }

    @Test
    void moreActivationsMatchPyTorchWithGradients() {
        java.util.Map<String, java.util.function.UnaryOperator<Tensor>> fns = new java.util.LinkedHashMap<>();
        fns.put("softplus", F::softplus);
        fns.put("softplus_b", x -> F.softplus(x, 2.0, 5.0));
        fns.put("log_sigmoid", F::logSigmoid);
        fns.put("hardtanh", x -> F.hardtanh(x, -2, 3));
        fns.put("relu6", F::relu6);
        fns.put("mish", F::mish);
        fns.put("normalize", F::normalize);
        fns.put("normalize_p1", x -> F.normalize(x, 1, 0, 1e-12));
        fns.forEach((name, fn) -> {
            Tensor x = Golden.tensor(GOLDEN.get("extra_x")).requiresGrad(true);
            Tensor y = fn.apply(x);
            Golden.assertClose(Golden.tensor(GOLDEN.get("extra_" + name)), y, 1e-12, 1e-14, name);
            y.sum().backward();
            Golden.assertClose(Golden.tensor(GOLDEN.get("extra_" + name + "_grad")), x.grad(), 1e-12, 1e-14, name + " gradient");
        });
        Tensor x = input(3, 4);
        GradCheck.check(in -> F.softplus(in[0], 2, 5), x);
        GradCheck.check(in -> F.logSigmoid(in[0]), x);
        GradCheck.check(in -> F.mish(in[0]), x);
        GradCheck.check(in -> F.normalize(in[0]), x);
    }

    @Test
    void gradCheckActivations() {
        Nabla.manualSeed(1);
        Tensor x = input(3, 4);
        GradCheck.check(in -> F.relu(in[0]), x);
        GradCheck.check(in -> F.leakyRelu(in[0], 0.2), x);
        GradCheck.check(in -> F.elu(in[0], 0.7), x);
        GradCheck.check(in -> F.gelu(in[0]), x);
        GradCheck.check(in -> F.gelu(in[0], "tanh"), x);
        GradCheck.check(in -> F.silu(in[0]), x);
        GradCheck.check(in -> F.sigmoid(in[0]), x);
        GradCheck.check(in -> F.tanh(in[0]), x);
        GradCheck.check(in -> F.softmax(in[0], 1), x);
        GradCheck.check(in -> F.logSoftmax(in[0], 0), x);
        GradCheck.check(in -> Activations.erf(in[0]), x);
    }

    @Test
    void gradCheckLinearAndNormalisation() {
        Nabla.manualSeed(2);
        Tensor x = input(5, 3), w = input(4, 3), b = input(4);
        GradCheck.check(in -> F.linear(in[0], in[1], in[2]), x, w, b);
        GradCheck.check(in -> F.linear(in[0], in[1], null), x, w);
        Tensor x3 = input(4, 3, 2), g = input(3), beta = input(3);
        GradCheck.check(in -> F.batchNorm(in[0], null, null, in[1], in[2], true, 0.1, 1e-5), x3, g, beta);
        Tensor rm = Nabla.randn(3).toDouble(), rv = Nabla.rand(3).toDouble().add(0.5);
        GradCheck.check(in -> F.batchNorm(in[0], rm, rv, in[1], in[2], false, 0.1, 1e-5), x3, g, beta);
        Tensor lw = input(3, 2), lb = input(3, 2);
        GradCheck.check(in -> F.layerNorm(in[0], new int[] {3, 2}, in[1], in[2], 1e-5), x3, lw, lb);
        GradCheck.check(in -> F.layerNorm(in[0], new int[] {2}, null, null, 1e-5), x3);
    }

    @Test
    void gradCheckEmbeddingAndDropout() {
        Nabla.manualSeed(3);
        Tensor w = input(5, 3);
        Tensor idx = Nabla.tensor(new long[] {0, 2, 2, 4, 1, 2}, 2, 3);
        GradCheck.check(in -> F.embedding(idx, in[0], null), w);
        // With a padding index the padding row gets no gradient by design (finite differences would see one).
        Tensor wp = Nabla.randn(5, 3).requiresGrad(true);
        F.embedding(idx, wp, 2).sum().backward();
        assertEquals(0, wp.grad().select(0, 2).abs().sum().item());
        assertEquals(2, wp.grad().select(0, 0).sum().item() / 3 * 2, 1e-6);
        Tensor x = input(4, 5);
        // The same mask for every evaluation: reseed before each draw.
        GradCheck.check(in -> {
            Nabla.manualSeed(11);
            return F.dropout(in[0], 0.4, true);
        }, x);
    }

    @Test
    void gradCheckLosses() {
        Nabla.manualSeed(4);
        Tensor a = input(4, 3), b = input(4, 3);
        for (String r : new String[] {"none", "mean", "sum"}) {
            GradCheck.check(in -> F.mseLoss(in[0], in[1], r), a, b);
            GradCheck.check(in -> F.l1Loss(in[0], in[1], r), a, b);
            GradCheck.check(in -> F.smoothL1Loss(in[0], in[1], r, 0.5), a, b);
            GradCheck.check(in -> F.huberLoss(in[0], in[1], r, 0.7), a, b);
            GradCheck.check(in -> F.binaryCrossEntropyWithLogits(in[0], in[1].sigmoid(), null, Nabla.tensor(new double[] {1, 2, 0.5}), r), a, b);
        }
        Tensor p = Nabla.rand(4, 3).toDouble().mul(0.8).add(0.1).requiresGrad(true);
        Tensor t = Nabla.rand(4, 3).toDouble().requiresGrad(true);
        GradCheck.check(in -> F.binaryCrossEntropy(in[0], in[1], null, "mean"), p, t);
        Tensor scores = input(5, 4);
        Tensor labels = Nabla.tensor(new long[] {0, 3, -100, 1, 2});
        Tensor cw = Nabla.tensor(new double[] {1, 2, 0.5, 1.5});
        GradCheck.check(in -> F.nllLoss(in[0].logSoftmax(1), labels, cw, -100, "mean"), scores);
        GradCheck.check(in -> F.crossEntropy(in[0], labels, cw, -100, "mean", 0.2), scores);
        GradCheck.check(in -> F.crossEntropy(in[0], labels, null, -100, "none", 0.1), scores);
        Tensor probs = Nabla.rand(5, 4).toDouble().softmax(1).requiresGrad(true);
        GradCheck.check(in -> F.crossEntropy(in[0], in[1], cw, -100, "mean", 0.1), scores, probs);
    }

    @Test
    void dropoutZeroesAboutPAndScalesTheRest() {
        Nabla.manualSeed(5);
        Tensor x = Nabla.ones(200, 500);
        double p = 0.3;
        Tensor y = F.dropout(x, p, true);
        double[] v = y.toDoubleArray();
        int zeros = 0;
        for (double e : v) {
            if (e == 0) zeros++;
            else assertEquals(1 / (1 - p), e, 1e-6, "kept elements are scaled by 1/(1-p)");
        }
        // 100000 Bernoulli draws: the standard deviation of the fraction is about 0.0015.
        assertEquals(p, zeros / (double) v.length, 0.01);
        assertEquals(1.0, y.mean().item(), 0.02, "the expectation is preserved");
        assertSame(x, F.dropout(x, p, false), "identity outside training");
        assertEquals(0, F.dropout(x, 1.0, true).abs().sum().item());
        assertTrue(F.dropout(x, 0.0, true).equal(x));
    }

    @Test
    void dropoutLayerFollowsTheModeAndIsReproducible() {
        Dropout d = new Dropout(0.5);
        assertEquals("Dropout(p=0.5, inplace=False)", d.toString());
        Tensor x = Nabla.randn(10, 10);
        Nabla.manualSeed(9);
        Tensor a = d.forward(x);
        Nabla.manualSeed(9);
        Tensor b = d.forward(x);
        assertTrue(a.equal(b), "same seed, same mask");
        assertFalse(a.equal(x));
        d.eval();
        assertSame(x, d.forward(x));
        var e = assertThrows(IllegalArgumentException.class, () -> new Dropout(1.5));
        assertEquals("dropout probability has to be between 0 and 1, but got 1.5", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> F.dropout(x, -0.1, true));
    }

    @Test
    void oneHotAsPyTorch() {
        Tensor idx = Golden.tensor(GOLDEN.get("one_hot_idx"));
        Tensor expected = Golden.tensor(GOLDEN.get("one_hot_y"));
        Tensor actual = F.oneHot(idx, 6);
        Golden.assertSameDtype(expected, actual, "one_hot");
        assertTrue(expected.equal(actual));
        assertTrue(Golden.tensor(GOLDEN.get("one_hot_auto")).equal(F.oneHot(idx)));
        assertEquals("Class values must be smaller than num_classes.",
                assertThrows(IllegalArgumentException.class, () -> F.oneHot(idx, 3)).getMessage());
        assertEquals("Class values must be non-negative.",
                assertThrows(IllegalArgumentException.class, () -> F.oneHot(Nabla.tensor(new long[] {-1}), 3)).getMessage());
    }

    @Test
    void embeddingErrors() {
        Tensor w = Nabla.randn(4, 2);
        assertTrue(assertThrows(IndexOutOfBoundsException.class, () -> F.embedding(Nabla.tensor(new long[] {4}), w))
                .getMessage().startsWith("index out of range in self"));
        assertTrue(assertThrows(IndexOutOfBoundsException.class, () -> F.embedding(Nabla.tensor(new long[] {-1}), w))
                .getMessage().startsWith("index out of range in self"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> F.embedding(Nabla.tensor(new float[] {1}), w))
                .getMessage().contains("but got torch.FloatTensor instead"));
        assertEquals("Padding_idx must be within num_embeddings",
                assertThrows(IllegalArgumentException.class, () -> new Embedding(4, 2, 4)).getMessage());
        Embedding emb = new Embedding(4, 2, -1);
        assertEquals("Embedding(4, 2, padding_idx=3)", emb.toString());
        assertEquals(0, emb.weight().select(0, 3).abs().sum().item());
    }

    @Test
    void embeddingFromPretrainedCopiesAndFreezes() {
        Tensor table = Nabla.tensor(new float[] {1, 2, 3, 4, 5, 6}, 3, 2);
        Embedding e = Embedding.fromPretrained(table);
        assertTrue(e.weight().equal(table));
        assertFalse(e.weight().requiresGrad());
        assertTrue(e.forward(Nabla.tensor(new long[] {2, 0})).equal(Nabla.tensor(new float[] {5, 6, 1, 2}, 2, 2)));
        assertTrue(Embedding.fromPretrained(table, false, null).weight().requiresGrad());
    }

    @Test
    void layerNormShapeError() {
        var e = assertThrows(IllegalArgumentException.class, () -> new LayerNorm(10).forward(Nabla.randn(3, 5)));
        assertEquals("Given normalized_shape=[10], expected input with shape [*, 10], but got input of size[3, 5]", e.getMessage());
    }

    @Test
    void geluRejectsUnknownApproximation() {
        assertEquals("approximate argument must be either none or tanh.",
                assertThrows(IllegalArgumentException.class, () -> new GELU("fast")).getMessage());
    }

    @Test
    void linearShapeErrorNamesBothShapes() {
        var e = assertThrows(IllegalArgumentException.class, () -> new Linear(256, 10).forward(Nabla.randn(64, 784)));
        assertEquals("mat1 and mat2 shapes cannot be multiplied (64x784 and 256x10)", e.getMessage());
    }
}
