package dev.nabla.data;

import dev.nabla.Generator;
import dev.nabla.Nabla;
import dev.nabla.Tensor;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.*;

class DataLoaderTest {
    /** x[i] = [i, 10 i], y[i] = i: every batch tells which examples it holds. */
    static TensorDataset numbered(int n) {
        float[] x = new float[2 * n];
        long[] y = new long[n];
        for (int i = 0; i < n; i++) {
            x[2 * i] = i;
            x[2 * i + 1] = 10 * i;
            y[i] = i;
        }
        return new TensorDataset(Nabla.tensor(x, n, 2), Nabla.tensor(y, n));
    }

    static List<long[]> epoch(DataLoader<Batch> loader) {
        List<long[]> out = new ArrayList<>();
        for (Batch b : loader) {
            long[] ids = b.y().toLongArray();
            float[] x = b.x().toFloatArray();
            for (int i = 0; i < ids.length; i++) {
                assertEquals(ids[i], x[2 * i], "x and y of one example stay together");
                assertEquals(10 * ids[i], x[2 * i + 1]);
            }
            out.add(ids);
        }
        return out;
    }

    @Test
    void batchSizesWithAndWithoutDropLast() {
        var keep = new DataLoader<>(numbered(10), 4);
        assertEquals(3, keep.size());
        List<long[]> batches = epoch(keep);
        assertEquals(List.of(4, 4, 2), batches.stream().map(b -> b.length).toList());
        assertArrayEquals(new long[] {8, 9}, batches.get(2));

        var drop = DataLoader.builder(numbered(10)).batchSize(4).dropLast(true).build();
        assertEquals(2, drop.size());
        assertEquals(List.of(4, 4), epoch(drop).stream().map(b -> b.length).toList());
    }

    @Test
    void shuffleVisitsEveryIndexOncePerEpochAndDiffersBetweenEpochs() {
        var loader = DataLoader.builder(numbered(103)).batchSize(16).shuffle(true).generator(new Generator(7)).build();
        long[] first = flatten(epoch(loader)), second = flatten(epoch(loader));
        assertArrayEquals(IntStream.range(0, 103).asLongStream().toArray(), sorted(first));
        assertArrayEquals(IntStream.range(0, 103).asLongStream().toArray(), sorted(second));
        assertFalse(Arrays.equals(first, second), "a new order every epoch");
        assertFalse(Arrays.equals(first, sorted(first)), "shuffled");
    }

    @Test
    void shuffleIsReproducibleBySeed() {
        var a = DataLoader.builder(numbered(50)).batchSize(8).shuffle(true).generator(new Generator(3)).build();
        var b = DataLoader.builder(numbered(50)).batchSize(8).shuffle(true).generator(new Generator(3)).build();
        var c = DataLoader.builder(numbered(50)).batchSize(8).shuffle(true).generator(new Generator(4)).build();
        long[] ea = flatten(epoch(a));
        assertArrayEquals(ea, flatten(epoch(b)));
        assertFalse(Arrays.equals(ea, flatten(epoch(c))));
        Nabla.manualSeed(11);
        long[] d1 = flatten(epoch(new DataLoader<>(numbered(50), 8, true)));
        Nabla.manualSeed(11);
        assertArrayEquals(d1, flatten(epoch(new DataLoader<>(numbered(50), 8, true))), "the default generator follows manualSeed");
    }

    @Test
    void prefetchGivesTheSameBatches() {
        var plain = DataLoader.builder(numbered(77)).batchSize(10).shuffle(true).generator(new Generator(5)).build();
        var prefetched = DataLoader.builder(numbered(77)).batchSize(10).shuffle(true).generator(new Generator(5)).prefetch(true).build();
        for (int e = 0; e < 2; e++) {
            List<long[]> p = epoch(plain), q = epoch(prefetched);
            assertEquals(p.size(), q.size());
            for (int i = 0; i < p.size(); i++) assertArrayEquals(p.get(i), q.get(i));
        }
    }

    @Test
    void prefetchPassesOnTheFetchError() {
        Dataset<Tensor> broken = new Dataset<>() {
            public Tensor get(int index) {
                if (index == 5) throw new IllegalStateException("example 5 is broken");
                return Nabla.full(index, 2);
            }

            public int size() {
                return 8;
            }
        };
        var loader = DataLoader.builder(broken).batchSize(4).prefetch(true).build();
        var it = loader.iterator();
        assertArrayEquals(new int[] {4, 2}, it.next().shape());
        assertEquals("example 5 is broken", assertThrows(IllegalStateException.class, it::next).getMessage());
    }

    @Test
    void genericDatasetsAreStackedAndCustomCollateIsUsed() {
        Dataset<Tensor> ds = new Dataset<>() {
            public Tensor get(int index) {
                return Nabla.full(index, 3);
            }

            public int size() {
                return 5;
            }
        };
        List<Tensor> batches = new ArrayList<>();
        DataLoader.builder(ds).batchSize(2).build().forEach(batches::add);
        assertArrayEquals(new int[] {2, 3}, batches.get(0).shape());
        assertArrayEquals(new float[] {4, 4, 4}, batches.get(2).toFloatArray());

        DataLoader<Integer> sizes = DataLoader.builder(ds).batchSize(2).collate(List::size).build();
        List<Integer> got = new ArrayList<>();
        sizes.forEach(got::add);
        assertEquals(List.of(2, 2, 1), got);
    }

    @Test
    void subsetsOfTensorDatasetsMapIndicesThroughTheFastPath() {
        var parts = Datasets.randomSplit(numbered(20), new int[] {15, 5}, new Generator(1));
        long[] a = flatten(epoch(new DataLoader<>(parts.get(0), 4)));
        long[] b = flatten(epoch(new DataLoader<>(parts.get(1), 4)));
        long[] expectedA = Arrays.stream(parts.get(0).indices()).asLongStream().toArray();
        assertArrayEquals(expectedA, a);
        long[] all = new long[20];
        System.arraycopy(a, 0, all, 0, 15);
        System.arraycopy(b, 0, all, 15, 5);
        assertArrayEquals(IntStream.range(0, 20).asLongStream().toArray(), sorted(all), "the parts are disjoint and cover all");
        // the slow path (one example at a time) agrees with the fast one
        var slow = DataLoader.builder((Dataset<Batch>) parts.get(0)).batchSize(4).collate(Collate::stack).build();
        assertArrayEquals(a, flatten(epoch(slow)));
    }

    @Test
    void samplersAndSplitsCheckTheirArguments() {
        assertThrows(IllegalArgumentException.class, () -> new DataLoader<>(numbered(3), 0));
        var e = assertThrows(IllegalArgumentException.class, () -> Datasets.randomSplit(numbered(10), new int[] {3, 3}, new Generator(0)));
        assertTrue(e.getMessage().contains("(6)") && e.getMessage().contains("(10)"), e.getMessage());
        var parts = Datasets.randomSplit(numbered(10), new double[] {0.75, 0.25}, new Generator(0));
        assertEquals(8, parts.get(0).size());
        assertEquals(2, parts.get(1).size());
        var byIndex = DataLoader.builder(numbered(10)).batchSize(3)
                .sampler(new SubsetRandomSampler(new int[] {1, 3, 5}, new Generator(2))).build();
        assertArrayEquals(new long[] {1, 3, 5}, sorted(flatten(epoch(byIndex))));
        assertThrows(IllegalArgumentException.class, () -> DataLoader.builder(numbered(10)).shuffle(true)
                .sampler(new SequentialSampler(10)).build());
        assertThrows(IndexOutOfBoundsException.class, () -> numbered(3).get(3));
    }

    static long[] flatten(List<long[]> batches) {
        return batches.stream().flatMapToLong(Arrays::stream).toArray();
    }

    static long[] sorted(long[] v) {
        long[] c = v.clone();
        Arrays.sort(c);
        return c;
    }
}
