package dev.nabla;

import org.junit.jupiter.api.Test;

import static dev.nabla.Nabla.arange;
import static dev.nabla.Nabla.tensor;
import static dev.nabla.Nabla.zeros;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Views share storage with their source; reshape and contiguous copy only when they must. */
class ViewsTest {

    /** 0, 1, ..., n-1 as float32 in the given shape. */
    private static Tensor range(int... shape) {
        int n = 1;
        for (int s : shape) n *= s;
        return arange(n).toFloat().reshape(shape);
    }

    private static void assertValues(float[] expected, Tensor t) {
        assertArrayEquals(expected, t.toFloatArray(), 0f, t.toString());
    }

    @Test
    void transposeIsAViewWithSwappedStrides() {
        Tensor x = range(2, 3);
        Tensor t = x.t();
        assertSame(x.storage(), t.storage());
        assertArrayEquals(new int[] {3, 2}, t.shape());
        assertArrayEquals(new int[] {1, 3}, t.stride());
        assertFalse(t.isContiguous());
        assertValues(new float[] {0, 3, 1, 4, 2, 5}, t);
    }

    @Test
    void writesThroughAViewAreVisibleInTheSource() {
        Tensor x = zeros(2, 3);
        x.t().select(0, 1).fill_(5);
        assertValues(new float[] {0, 5, 0, 0, 5, 0}, x);
        x.narrow(1, 2, 1).add_(tensor(new float[] {1, 2}, 2, 1));
        assertValues(new float[] {0, 5, 1, 0, 5, 2}, x);
        x.view(6).slice(0, 0, 6, 3).copy_(tensor(new float[] {-1, -2}));
        assertValues(new float[] {-1, 5, 1, -2, 5, 2}, x);
        x.unsqueeze(0).permute(2, 0, 1).select(0, 1).mul_(2);
        assertValues(new float[] {-1, 10, 1, -2, 10, 2}, x);
        x.reshape(3, 2).squeeze().select(1, 0).zero_();
        assertValues(new float[] {0, 10, 0, -2, 0, 2}, x);
    }

    @Test
    void writesToTheSourceAreVisibleInTheView() {
        Tensor x = zeros(3, 4);
        Tensor col = x.select(1, 2);
        Tensor block = x.slice(0, 1, 3).slice(1, 1, 3);
        x.fill_(7);
        assertValues(new float[] {7, 7, 7}, col);
        assertValues(new float[] {7, 7, 7, 7}, block);
        assertEquals(1 * 4 + 1, block.storageOffset());
    }

    @Test
    void viewsShareTheVersionCounter() {
        Tensor x = zeros(2, 2);
        Tensor v = x.t();
        int before = x.storage().version();
        v.add_(1);
        assertEquals(before + 1, x.storage().version());
        x.detach().mul_(2);
        assertEquals(before + 2, v.storage().version());
    }

    @Test
    void stridesMatchPyTorch() {
        Tensor x = range(2, 3, 4);
        assertArrayEquals(new int[] {12, 4, 1}, x.stride());
        assertArrayEquals(new int[] {1, 12, 4}, x.permute(2, 0, 1).stride());
        assertArrayEquals(new int[] {12, 4, 2}, x.slice(2, 0, 4, 2).stride());
        assertArrayEquals(new int[] {0, 1}, range(3).expand(2, 3).stride());
        assertArrayEquals(new int[] {4, 4, 1}, range(3, 4).unsqueeze(1).stride());
        assertArrayEquals(new int[] {12, 1}, x.select(1, 1).stride());
        assertEquals(4, x.select(1, 1).storageOffset());
        assertArrayEquals(new int[] {3, 1}, range(2, 1, 3).squeeze(1).stride());
    }

    @Test
    void expandRepeatsWithoutCopying() {
        Tensor b = tensor(new float[] {1, 2, 3});
        Tensor e = b.expand(4, 3);
        assertSame(b.storage(), e.storage());
        assertEquals(3, e.storage().size());
        assertValues(new float[] {1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2, 3}, e);
        assertSame(b, b.expand(3), "expanding to the same shape is a no-op");
    }

    @Test
    void reshapeIsAViewWhenItCanBe() {
        Tensor x = range(2, 3, 4);
        assertSame(x.storage(), x.reshape(6, 4).storage());
        assertSame(x.storage(), x.reshape(-1).storage());
        assertSame(x.storage(), x.flatten(1).storage());
        // A transposed tensor whose split dims stay contiguous among themselves can still be viewed.
        Tensor tr = x.transpose(1, 2);
        Tensor split = tr.reshape(2, 2, 2, 3);
        assertSame(x.storage(), split.storage());
        assertValues(tr.toFloatArray(), split.reshape(-1));
        // Sliced rows keep a constant stride: viewing them as fewer, longer rows still works.
        Tensor rows = range(4, 6).slice(0, 0, 4, 2);
        assertSame(rows.storage(), rows.reshape(2, 2, 3).storage());
    }

    @Test
    void reshapeCopiesWhenItMust() {
        Tensor x = range(2, 3);
        Tensor flat = x.t().reshape(-1);
        assertNotSame(x.storage(), flat.storage());
        assertValues(new float[] {0, 3, 1, 4, 2, 5}, flat);
        flat.fill_(9);
        assertValues(new float[] {0, 1, 2, 3, 4, 5}, x);
    }

    @Test
    void viewRefusesWhatOnlyACopyCanDo() {
        Tensor t = range(2, 3).t();
        var e = assertThrows(IllegalArgumentException.class, () -> t.view(-1));
        assertTrue(e.getMessage().startsWith("view size is not compatible with input tensor's size and stride"), e.getMessage());
    }

    @Test
    void contiguousCopiesOnlyWhenNeeded() {
        Tensor x = range(2, 3);
        assertSame(x, x.contiguous());
        Tensor c = x.t().contiguous();
        assertTrue(c.isContiguous());
        assertNotSame(x.storage(), c.storage());
        assertArrayEquals(new int[] {2, 1}, c.stride());
        assertValues(new float[] {0, 3, 1, 4, 2, 5}, c);
        Tensor sliced = range(4, 4).slice(1, 1, 3);
        assertFalse(sliced.isContiguous());
        assertTrue(sliced.contiguous().isContiguous());
        assertTrue(range(3, 1).expand(3, 1).isContiguous());
        assertFalse(range(3, 1).expand(3, 2).isContiguous());
    }

    @Test
    void cloneOwnsItsStorage() {
        Tensor x = range(2, 2);
        Tensor c = x.clone();
        assertNotSame(x.storage(), c.storage());
        c.fill_(1);
        assertValues(new float[] {0, 1, 2, 3}, x);
    }

    @Test
    void detachSharesStorage() {
        Tensor x = range(3).requiresGrad(true);
        Tensor d = x.detach();
        assertSame(x.storage(), d.storage());
        d.fill_(4);
        assertValues(new float[] {4, 4, 4}, x);
    }

    @Test
    void splitChunkAndUnbindAreViews() {
        Tensor x = range(5, 2);
        for (Tensor part : x.split(2, 0)) assertSame(x.storage(), part.storage());
        for (Tensor part : x.chunk(2, 1)) assertSame(x.storage(), part.storage());
        for (Tensor part : x.unbind(0)) assertSame(x.storage(), part.storage());
        assertEquals(3, x.split(2, 0).size());
        assertArrayEquals(new int[] {1, 2}, x.split(2, 0).get(2).shape());
    }

    @Test
    void catAndStackCopy() {
        Tensor a = range(2), b = range(2);
        Tensor c = Nabla.cat(java.util.List.of(a, b), 0);
        c.fill_(3);
        assertValues(new float[] {0, 1}, a);
        assertNotSame(a.storage(), Nabla.stack(java.util.List.of(a, b), 0).storage());
    }

    @Test
    void inPlaceOnAViewOfATensorThatNeedsGradIsRefused() {
        Tensor w = range(2, 2).requiresGrad(true);
        Tensor h = w.mul(2);
        assertThrows(UnsupportedOperationException.class, () -> h.t().add_(w));
    }

    @Test
    void selectAndIndexingReadTheRightElements() {
        Tensor x = range(2, 3, 4);
        assertEquals(23, x.get(1, 2, 3));
        assertEquals(23, x.get(-1, -1, -1));
        assertEquals(13, x.permute(2, 0, 1).get(1, 1, 0));
        assertEquals(6, x.select(2, 2).select(0, 0).get(1));
        assertEquals(17, x.select(0, 1).t().get(1, 1));
    }

    @Test
    void likeFactoriesAndEquality() {
        Tensor x = range(2, 3).toDouble();
        assertTrue(Nabla.zerosLike(x).equal(zeros(2, 3).toDouble()));
        assertEquals(DType.FLOAT64, Nabla.onesLike(x).dtype());
        assertArrayEquals(new int[] {2, 3}, Nabla.randnLike(x).shape());
        assertEquals(DType.FLOAT64, Nabla.randnLike(x).dtype());
        assertTrue(x.t().t().equal(x));
        assertFalse(x.equal(x.reshape(3, 2)));
        assertTrue(x.allclose(x.add(1e-9)));
        assertFalse(x.allclose(x.add(1e-3)));
        assertTrue(Nabla.allclose(x, x.add(1e-3), 1e-3, 1e-3));
        assertTrue(Nabla.equal(range(2), tensor(new float[] {0, 1})));
        // PyTorch's answers: NaN is never equal, -0 equals 0, values compare across dtypes.
        assertFalse(tensor(new float[] {Float.NaN}).equal(tensor(new float[] {Float.NaN})));
        assertTrue(tensor(new float[] {-0f}).equal(tensor(new float[] {0f})));
        assertTrue(tensor(new long[] {1}).equal(tensor(new float[] {1})));
        assertFalse(tensor(new long[] {9007199254740993L}).equal(tensor(new long[] {9007199254740992L})));
        assertFalse(tensor(new float[] {Float.NaN}).allclose(tensor(new float[] {Float.NaN})));
        assertTrue(tensor(new float[] {Float.POSITIVE_INFINITY}).allclose(tensor(new float[] {Float.POSITIVE_INFINITY})));
        assertFalse(tensor(new float[] {1, 2}).allclose(tensor(new float[] {1})));
    }

    @Test
    void factories() {
        assertEquals(DType.INT64, arange(5).dtype());
        assertArrayEquals(new long[] {0, 1, 2, 3, 4}, arange(5).toLongArray());
        assertArrayEquals(new float[] {0, 0.5f, 1, 1.5f}, Nabla.arange(0, 2, 0.5).toFloatArray());
        assertValues(new float[] {1, 0, 0, 1}, Nabla.eye(2));
        assertValues(new float[] {2.5f, 2.5f}, Nabla.full(2.5, 2));
        assertEquals(DType.FLOAT32, Nabla.ones(2).dtype());
        assertArrayEquals(new int[] {2, 3}, zeros(2, 3).shape());
        assertArrayEquals(new int[0], Nabla.scalarTensor(1).shape());
        assertArrayEquals(new int[] {3}, tensor(new float[] {1, 2, 3}).shape());
        assertArrayEquals(new int[] {2, 2}, tensor(new double[] {1, 2, 3, 4}, 2, 2).shape());
    }
}
