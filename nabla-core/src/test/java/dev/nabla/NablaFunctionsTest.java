package dev.nabla;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code torch.f(x, ...)} spelled {@code Nabla.f(x, ...)} computes what {@code x.f(...)} does. */
class NablaFunctionsTest {
    private final Tensor x = Nabla.tensor(new float[] {0.5f, -1, 2, 3, -0.25f, 1.5f}, 2, 3);
    private final Tensor y = Nabla.tensor(new float[] {1, 2, -3, 0.5f, 4, -1}, 2, 3);

    private static void same(Tensor expected, Tensor actual) {
        assertTrue(expected.equal(actual), expected + " vs " + actual);
        assertEquals(expected.dtype(), actual.dtype());
    }

    @Test
    void staticFunctionsMatchMethods() {
        same(x.sum(1, true), Nabla.sum(x, 1, true));
        same(x.mean(0, true), Nabla.mean(x, 0, true));
        same(x.max(1, true).values(), Nabla.max(x, 1, true).values());
        same(x.min(0, true).indices(), Nabla.min(x, 0, true).indices());
        same(x.argmax(), Nabla.argmax(x));
        same(x.argmax(1, true), Nabla.argmax(x, 1, true));
        same(x.prod(), Nabla.prod(x));
        same(x.var(), Nabla.var(x));
        same(x.var(1), Nabla.var(x, 1));
        same(x.var(0, false, true), Nabla.var(x, 0, false, true));
        same(x.std(), Nabla.std(x));
        same(x.std(1), Nabla.std(x, 1));
        same(x.std(1, false, false), Nabla.std(x, 1, false, false));
        same(x.logsumexp(1, true), Nabla.logsumexp(x, 1, true));
        same(x.add(2), Nabla.add(x, 2));
        same(x.sub(2), Nabla.sub(x, 2));
        same(x.mul(2), Nabla.mul(x, 2));
        same(x.div(2), Nabla.div(x, 2));
        same(x.abs().pow(y), Nabla.pow(x.abs(), y));
        same(x.sin(), Nabla.sin(x));
        same(x.cos(), Nabla.cos(x));
        same(x.square(), Nabla.square(x));
        same(x.abs().rsqrt(), Nabla.rsqrt(x.abs()));
        same(x.reciprocal(), Nabla.reciprocal(x));
        same(x.sign(), Nabla.sign(x));
        same(x.eq(y), Nabla.eq(x, y));
        same(x.ne(y), Nabla.ne(x, y));
        same(x.gt(y), Nabla.gt(x, y));
        same(x.lt(y), Nabla.lt(x, y));
        same(x.ge(y), Nabla.ge(x, y));
        same(x.le(y), Nabla.le(x, y));
        same(x.t(), Nabla.t(x));
        same(x.permute(1, 0), Nabla.permute(x, 1, 0));
        same(x.reshape(1, 6).squeeze(0), Nabla.squeeze(x.reshape(1, 6), 0));
        same(x.maskedFill(x.gt(1), 0), Nabla.maskedFill(x, x.gt(1), 0));
        Tensor idx = Nabla.tensor(new long[] {0, 1, 0}, 1, 3);
        same(x.scatterAdd(0, idx, y), Nabla.scatterAdd(x, 0, idx, y));
        same(x.maskedSelect(x.gt(0)), Nabla.maskedSelect(x, x.gt(0)));
        List<Tensor> parts = Nabla.unbind(x, 1);
        assertEquals(3, parts.size());
        same(x.select(1, 2), parts.get(2));
    }
}
