package dev.nabla;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static dev.nabla.Nabla.manualSeed;
import static dev.nabla.Nabla.rand;
import static dev.nabla.Nabla.randint;
import static dev.nabla.Nabla.randn;
import static dev.nabla.Nabla.randperm;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The seedable generator. The statistical checks use a fixed seed, so they are deterministic; their tolerances are
 * several standard errors wide, so a correct generator passes for any seed.
 */
class RandomTest {

    private static Tensor[] draws() {
        Tensor a = randn(3, 5);
        Tensor b = rand(7);
        Tensor c = randint(-3, 9, 4, 2);
        Tensor d = randperm(10);
        Tensor e = Nabla.zeros(2, 3).normal_(1, 2);
        Tensor f = Nabla.zeros(4).uniform_(-1, 1);
        Tensor g = Nabla.randnLike(Nabla.zeros(3).toDouble());
        return new Tensor[] {a, b, c, d, e, f, g};
    }

    @Test
    void manualSeedMakesEveryDrawIdentical() {
        manualSeed(1234);
        Tensor[] first = draws();
        manualSeed(1234);
        Tensor[] second = draws();
        for (int i = 0; i < first.length; i++) {
            assertTrue(first[i].equal(second[i]), "draw " + i + ": " + first[i] + " vs " + second[i]);
        }
    }

    @Test
    void differentSeedsGiveDifferentDraws() {
        manualSeed(1);
        Tensor a = randn(20);
        manualSeed(2);
        Tensor b = randn(20);
        assertFalse(a.equal(b));
        Tensor c = randn(20);
        assertFalse(b.equal(c), "consecutive draws differ");
    }

    @Test
    void seedingInTheMiddleOfAGaussianPairRestarts() {
        // Box-Muller makes values in pairs: an odd draw leaves one behind, which manualSeed must discard.
        manualSeed(5);
        Tensor expected = randn(4);
        manualSeed(5);
        randn(3);
        manualSeed(5);
        assertTrue(expected.equal(randn(4)));
    }

    @Test
    void generatorsAreIndependentOfTheDefault() {
        Generator g1 = new Generator(99), g2 = new Generator(99);
        manualSeed(0);
        randn(10);
        for (int i = 0; i < 100; i++) assertEquals(g1.nextLong(), g2.nextLong());
        assertEquals(99, g1.initialSeed());
    }

    @Test
    void randIsUniformInZeroOne() {
        manualSeed(42);
        int n = 100_000;
        Tensor u = rand(n);
        assertEquals(DType.FLOAT32, u.dtype());
        double[] v = u.toDoubleArray();
        double min = Arrays.stream(v).min().orElseThrow(), max = Arrays.stream(v).max().orElseThrow();
        assertTrue(min >= 0 && max < 1, "range [" + min + ", " + max + "]");
        assertEquals(0.5, u.mean().item(), 0.01);
        assertEquals(1.0 / 12, u.toDouble().var().item(), 0.005);
        int[] bins = new int[10];
        for (double x : v) bins[(int) (x * 10)]++;
        for (int b : bins) assertEquals(n / 10.0, b, 600, "histogram " + Arrays.toString(bins));
    }

    @Test
    void randnHasMeanZeroAndStdOne() {
        manualSeed(42);
        Tensor x = randn(200, 500).toDouble();
        assertEquals(0, x.mean().item(), 0.01);
        assertEquals(1, x.std().item(), 0.01);
        // About 68.3% within one standard deviation.
        double within = x.abs().lt(1).toDouble().mean().item();
        assertEquals(0.6827, within, 0.01);
    }

    @Test
    void normalAndUniformFillsHonourTheirParameters() {
        manualSeed(3);
        Tensor n = Nabla.zeros(100_000).normal_(5, 0.5).toDouble();
        assertEquals(5, n.mean().item(), 0.01);
        assertEquals(0.5, n.std().item(), 0.01);
        Tensor u = Nabla.zeros(100_000).uniform_(-2, 4);
        assertTrue(u.min().item() >= -2 && u.max().item() < 4);
        assertEquals(1, u.mean().item(), 0.03);
    }

    @Test
    void randintStaysInItsRangeAndCoversIt() {
        manualSeed(7);
        Tensor r = randint(-3, 4, 10_000);
        assertEquals(DType.INT64, r.dtype());
        long[] v = r.toLongArray();
        int[] counts = new int[7];
        for (long x : v) {
            assertTrue(x >= -3 && x < 4, "value " + x);
            counts[(int) (x + 3)]++;
        }
        for (int c : counts) assertEquals(10_000 / 7.0, c, 200, Arrays.toString(counts));
        assertArrayEquals(new int[] {2, 3}, randint(0, 2, 2, 3).shape());
        long big = 1L << 40;
        for (long x : randint(big, big + 3, 100).toLongArray()) assertTrue(x >= big && x < big + 3);
    }

    @Test
    void randpermIsAPermutation() {
        manualSeed(11);
        for (int n : new int[] {0, 1, 2, 17, 1000}) {
            Tensor p = randperm(n);
            assertEquals(DType.INT64, p.dtype());
            long[] v = p.toLongArray();
            long[] sorted = v.clone();
            Arrays.sort(sorted);
            for (int i = 0; i < n; i++) assertEquals(i, sorted[i]);
        }
        long[] p = randperm(1000).toLongArray();
        int fixed = 0;
        for (int i = 0; i < p.length; i++) if (p[i] == i) fixed++;
        assertTrue(fixed < 10, "a shuffled permutation has about one fixed point, got " + fixed);
    }

    @Test
    void bernoulliDrawsWithTheGivenProbabilities() {
        manualSeed(21);
        Tensor p = Nabla.tensor(new float[] {0, 0.25f, 1}).reshape(3, 1).expand(3, 20_000).contiguous();
        Tensor draws = Nabla.bernoulli(p);
        assertEquals(DType.FLOAT32, draws.dtype());
        assertArrayEquals(p.shape(), draws.shape());
        Tensor rate = draws.mean(1);
        assertEquals(0, rate.get(0));
        assertEquals(0.25, rate.get(1), 0.01);
        assertEquals(1, rate.get(2));
        assertTrue(draws.eq(0).logicalOr(draws.eq(1)).all());
        assertArrayEquals(new int[0], Nabla.bernoulli(Nabla.full(0.5, new int[0])).shape(), "0-dim stays 0-dim");
    }

    @Test
    void shapesAndDtypesOfTheFactories() {
        assertArrayEquals(new int[] {2, 3, 4}, randn(2, 3, 4).shape());
        assertArrayEquals(new int[0], rand().shape());
        assertEquals(DType.FLOAT32, randn(2).dtype());
        assertEquals(DType.FLOAT64, Nabla.randnLike(Nabla.zeros(2).toDouble()).dtype());
    }

    @Test
    void keepMaskDropsAFractionPAndKeepsTheRestAtTheGivenValue() {
        Generator g = new Generator(77);
        for (double p : new double[] {0.1, 0.3, 0.5, 0.9}) {
            float[] mask = new float[200_001]; // odd: the last element takes a draw of its own
            g.fillKeepMask(mask, 0, mask.length, p, 2.5f);
            int dropped = 0;
            for (float v : mask) {
                assertTrue(v == 0f || v == 2.5f, "mask value " + v);
                if (v == 0f) dropped++;
            }
            // Standard error of the fraction is below 0.0012 at this size: 0.006 is five of them.
            assertEquals(p, dropped / (double) mask.length, 0.006, "dropped fraction for p = " + p);
        }
        float[] none = new float[1000];
        g.fillKeepMask(none, 0, none.length, 0.0, 1f);
        for (float v : none) assertEquals(1f, v);
        float[] all = new float[1000];
        g.fillKeepMask(all, 0, all.length, 1.0, 1f);
        for (float v : all) assertEquals(0f, v);
    }

    @Test
    void keepMaskFollowsTheSeed() {
        float[] a = new float[101], b = new float[101];
        new Generator(5).fillKeepMask(a, 0, a.length, 0.4, 1f);
        new Generator(5).fillKeepMask(b, 0, b.length, 0.4, 1f);
        assertArrayEquals(a, b);
    }
}
