package dev.nabla.data;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The real Fashion-MNIST files of Debian's dataset-fashion-mnist package, where it is installed. */
class FashionMnistTest {
    @Test
    void debianPackageTestSplitLoads() {
        assumeTrue(Files.isDirectory(FashionMnist.DEBIAN_FOLDER), "dataset-fashion-mnist is not installed");
        TensorDataset test = FashionMnist.load(false);
        assertArrayEquals(new int[] {10000, 1, 28, 28}, test.x().shape());
        assertArrayEquals(new int[] {10000}, test.y().shape());
        int[] counts = new int[10];
        for (long y : test.y().toLongArray()) counts[(int) y]++;
        for (int c : counts) assertEquals(1000, c, "the test split has 1,000 images of each class");
        assertEquals(1.0, test.x().max().item(), 1e-6);
        assertEquals(0.0, test.x().min().item(), 1e-6);
        assertEquals(10, FashionMnist.CLASSES.size());
    }
}
