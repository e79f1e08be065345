import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The customer's programs compile (they are this module's sources) and run unmodified. */
class SeedProgramsTest {

    private static String run(Runnable program) {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            program.run();
        } finally {
            System.setOut(original);
        }
        String out = captured.toString(StandardCharsets.UTF_8);
        original.print(out);
        return out;
    }

    private static double accuracy(String output) {
        String line = output.lines().filter(l -> l.startsWith("测试准确率: ")).findFirst().orElseThrow();
        return Double.parseDouble(line.substring("测试准确率: ".length()).trim());
    }

    @Test
    void seedMlpTrainsAndEvaluates() {
        double acc = accuracy(run(() -> SeedMlp.main(new String[0])));
        // 20 full-batch steps on 512 random points: the MLP memorises most of them.
        assertTrue(acc > 0.5 && acc <= 1.0, "accuracy " + acc);
    }

    @Test
    void seedLogisticRegressionTrainsAndRestoresTrainingMode() {
        double acc = accuracy(run(() -> SeedLogisticRegression.main(new String[0])));
        assertTrue(acc >= 0.0 && acc <= 1.0, "accuracy " + acc);
    }

    @Test
    void seedImageClassifierPrintsTreeAndShapes() {
        String out = run(() -> SeedImageClassifier.main(new String[0]));
        assertTrue(out.contains("SimpleImageClassifier(\n  (flatten): Flatten(start_dim=1, end_dim=-1)\n"
                + "  (linear1): Linear(in_features=4096, out_features=128, bias=True)\n  (relu): ReLU()\n"
                + "  (linear2): Linear(in_features=128, out_features=10, bias=True)\n)"), out);
        assertTrue(out.contains("[8, 10]"), out);
        assertTrue(out.contains("[2, 10]"), out);
    }

    /** The copies here must stay identical to the customer's originals (checked when shared/ sits beside the repo). */
    @Test
    void copiesAreIdenticalToTheCustomersPrograms() throws IOException {
        Path shared = Path.of("..", "..", "shared", "seed-programs");
        if (!Files.isDirectory(shared)) shared = Path.of("..", "shared", "seed-programs");
        if (!Files.isDirectory(shared)) return; // a clone without shared/ beside it: nothing to compare against
        try (var files = Files.list(shared)) {
            for (Path original : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Path copy = Path.of("src", "main", "java", original.getFileName().toString());
                assertEquals(Files.readString(original), Files.readString(copy), "copy of " + original.getFileName());
            }
        }
    }
}
