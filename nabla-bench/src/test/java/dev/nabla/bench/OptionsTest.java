package dev.nabla.bench;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OptionsTest {

    @Test
    void readsWorkloadThreadsAndEpochsAsTorchReferenceDoes() {
        Options o = Options.parse(new String[] {"mlp", "--threads", "2", "--epochs", "3"});
        assertEquals("mlp", o.workload());
        assertEquals(2, o.threads());
        assertEquals(3, o.epochs());
        assertFalse(o.help());
        Options eq = Options.parse(new String[] {"--threads=1", "gemm"});
        assertEquals("gemm", eq.workload());
        assertEquals(1, eq.threads());
        assertEquals(1, eq.epochs());
    }

    @Test
    void defaultsToAllCoresAndOneEpoch() {
        Options o = Options.parse(new String[] {"infer"});
        assertEquals(Runtime.getRuntime().availableProcessors(), o.threads());
        assertEquals(1, o.epochs());
    }

    @Test
    void refusesBadInputWithArgparseWords() {
        var unknown = assertThrows(IllegalArgumentException.class, () -> Options.parse(new String[] {"resnet"}));
        assertTrue(unknown.getMessage().contains("invalid choice: 'resnet'"), unknown.getMessage());
        var missing = assertThrows(IllegalArgumentException.class, () -> Options.parse(new String[] {"--threads", "2"}));
        assertTrue(missing.getMessage().contains("required: workload"), missing.getMessage());
        var notInt = assertThrows(IllegalArgumentException.class, () -> Options.parse(new String[] {"mlp", "--threads", "two"}));
        assertTrue(notInt.getMessage().contains("invalid int value: 'two'"), notInt.getMessage());
        var zero = assertThrows(IllegalArgumentException.class, () -> Options.parse(new String[] {"mlp", "--epochs", "0"}));
        assertTrue(zero.getMessage().contains("at least 1"), zero.getMessage());
        var noValue = assertThrows(IllegalArgumentException.class, () -> Options.parse(new String[] {"mlp", "--threads"}));
        assertTrue(noValue.getMessage().contains("expected one argument"), noValue.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Options.parse(new String[] {"mlp", "cnn"}));
    }

    @Test
    void helpNeedsNoWorkload() {
        assertTrue(Options.parse(new String[] {"--help"}).help());
    }
}
