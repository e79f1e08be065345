package dev.nabla.nn;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nabla.Nabla;
import dev.nabla.Tensor;
import dev.nabla.testing.Golden;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** BatchNorm's running statistics over several batches and its errors, against PyTorch. */
class BatchNormTest {
    private static final JsonNode GOLDEN = Golden.load("nn/batchnorm_running.json");

    private static List<Tensor> batches(String key) {
        List<Tensor> out = new ArrayList<>();
        GOLDEN.get(key).forEach(n -> out.add(Golden.tensor(n)));
        return out;
    }

    private static void run(BatchNormBase bn, String key, List<Tensor> data) {
        JsonNode g = GOLDEN.get(key);
        for (int i = 0; i < data.size(); i++) {
            bn.forward(data.get(i));
            Map<String, Tensor> expected = NnGolden.state(g.get("steps").get(i));
            Map<String, Tensor> actual = bn.stateDict();
            final int step = i;
            expected.forEach((k, v) -> Golden.assertClose(v, actual.get(k), 1e-5, 1e-6, key + " step " + step + ": " + k));
        }
        bn.eval();
        Golden.assertClose(Golden.tensor(g.get("eval_y")), bn.forward(data.get(0)), 1e-4, 1e-5, key + ": eval output");
    }

    @Test
    void runningStatisticsWithMomentum() {
        run(new BatchNorm1d(4), "momentum", batches("batches"));
    }

    @Test
    void runningStatisticsAsCumulativeAverageWhenMomentumIsNull() {
        run(new BatchNorm1d(4, 1e-5, null, true, true), "cumulative", batches("batches"));
    }

    @Test
    void runningStatisticsOfImages() {
        run(new BatchNorm2d(2, 1e-5, 0.3, true, true), "momentum2d", batches("images"));
    }

    @Test
    void evalModeDoesNotTouchRunningStatistics() {
        BatchNorm1d bn = new BatchNorm1d(3);
        bn.eval();
        bn.forward(Nabla.randn(5, 3));
        assertEquals(0, (long) bn.numBatchesTracked().item());
        assertEquals(0, bn.runningMean().abs().sum().item());
    }

    @Test
    void oneValuePerChannelInTrainingIsRefusedInPyTorchsWords() {
        BatchNorm1d bn = new BatchNorm1d(10);
        var e = assertThrows(IllegalArgumentException.class, () -> bn.forward(Nabla.randn(1, 10)));
        assertEquals("Expected more than 1 value per channel when training, got input size torch.Size([1, 10])", e.getMessage());
        bn.eval();
        assertEquals(10, bn.forward(Nabla.randn(1, 10)).size(1));
    }

    @Test
    void wrongInputRankIsRefusedInPyTorchsWords() {
        var e = assertThrows(IllegalArgumentException.class, () -> new BatchNorm1d(3).forward(Nabla.randn(2, 3, 4, 4)));
        assertEquals("expected 2D or 3D input (got 4D input)", e.getMessage());
        var e2 = assertThrows(IllegalArgumentException.class, () -> new BatchNorm2d(3).forward(Nabla.randn(2, 3, 4)));
        assertEquals("expected 4D input (got 3D input)", e2.getMessage());
    }

    @Test
    void printsAsPyTorch() {
        assertEquals("BatchNorm1d(64, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)", new BatchNorm1d(64).toString());
        assertEquals("BatchNorm2d(8, eps=0.001, momentum=None, affine=False, track_running_stats=False)",
                new BatchNorm2d(8, 1e-3, null, false, false).toString());
    }

    @Test
    void resetRunningStatistics() {
        BatchNorm1d bn = new BatchNorm1d(2);
        bn.forward(Nabla.randn(4, 2).add(3));
        bn.resetRunningStats();
        assertEquals(0, bn.runningMean().abs().sum().item());
        assertEquals(2, bn.runningVar().sum().item());
        assertEquals(0, (long) bn.numBatchesTracked().item());
    }
}
