package dev.nabla.bench;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class JsonLineTest {

    @Test
    void spellsTheLineAsPythonsJsonDumps() {
        String line = new JsonLine().put("system", BenchMain.SYSTEM).put("workload", "gemm").put("n", 64)
                .put("threads", 2).put("gflops", JsonLine.round(123.456789, 2)).toString();
        assertEquals("{\"system\": \"nabla 0.1.0\", \"workload\": \"gemm\", \"n\": 64, \"threads\": 2, \"gflops\": 123.46}", line);
    }

    @Test
    void escapesQuotesAndWritesNonFiniteNumbersAsPythonDoes() {
        String line = new JsonLine().put("s", "a\"b\\c").put("x", Double.NaN).put("y", Double.NEGATIVE_INFINITY).toString();
        assertEquals("{\"s\": \"a\\\"b\\\\c\", \"x\": NaN, \"y\": -Infinity}", line);
    }

    @Test
    void roundsLikePythonsRoundForTheDigitsShown() {
        assertEquals(0.4591, JsonLine.round(0.45912, 4));
        assertEquals(1.5, JsonLine.round(1.49999, 2));
        assertEquals(-2.0, JsonLine.round(-1.9999, 3));
    }
}
