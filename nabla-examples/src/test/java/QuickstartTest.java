import dev.nabla.examples.Quickstart;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The README's quickstart runs as printed and reaches the accuracy the README promises. */
class QuickstartTest {
    @Test
    void trainsDigitsToHighAccuracyAndSavesACheckpoint(@TempDir Path dir) throws java.io.IOException {
        Path checkpoint = dir.resolve("digits-mlp.safetensors");
        double accuracy = Quickstart.run(checkpoint);
        assertTrue(accuracy >= 0.95, "test accuracy " + accuracy);
        assertTrue(Files.size(checkpoint) > 0);
    }
}
