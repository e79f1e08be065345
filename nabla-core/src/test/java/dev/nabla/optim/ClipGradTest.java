package dev.nabla.optim;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nabla.Nabla;
import dev.nabla.Tensor;
import dev.nabla.testing.Golden;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** clipGradNorm_ / clipGradValue_ against PyTorch's torch.nn.utils (tools/golden/optim_golden.py). */
class ClipGradTest {
    private static final JsonNode DOC = Golden.load("optim/clip.json");

    private static List<Tensor> paramsWithGrads() {
        List<Tensor> ps = new ArrayList<>();
        for (JsonNode g : DOC.get("grads")) {
            Tensor grad = Golden.tensor(g);
            Tensor p = Nabla.zerosLike(grad).requiresGrad(true);
            p.setGrad(grad);
            ps.add(p);
        }
        return ps;
    }

    @Test
    void clipGradNormMatchesPyTorch() {
        for (JsonNode c : DOC.get("norm_cases")) {
            List<Tensor> ps = paramsWithGrads();
            double normType = c.get("norm_type").isTextual() ? Double.POSITIVE_INFINITY : c.get("norm_type").asDouble();
            Tensor total = ClipGrad.clipGradNorm_(ps, c.get("max_norm").asDouble(), normType);
            String what = "max_norm " + c.get("max_norm") + " norm_type " + c.get("norm_type");
            assertEquals(0, total.dim());
            assertEquals(c.get("total_norm").asDouble(), total.item(), 1e-5 * c.get("total_norm").asDouble(), what);
            for (int i = 0; i < ps.size(); i++) {
                Golden.assertClose(Golden.tensor(c.get("grads").get(i)), ps.get(i).grad(), what + " grad " + i);
            }
        }
    }

    @Test
    void clipGradValueMatchesPyTorch() {
        List<Tensor> ps = paramsWithGrads();
        JsonNode c = DOC.get("value_case");
        ClipGrad.clipGradValue_(ps, c.get("clip_value").asDouble());
        for (int i = 0; i < ps.size(); i++) Golden.assertClose(Golden.tensor(c.get("grads").get(i)), ps.get(i).grad(), "grad " + i);
    }

    @Test
    void parametersWithoutGradsAreSkippedAndNonFiniteNormsCanFail() {
        Tensor none = Nabla.zeros(3).requiresGrad(true);
        assertEquals(0.0, ClipGrad.clipGradNorm_(List.of(none), 1.0).item());
        assertNull(none.grad());

        Tensor p = Nabla.zeros(2).requiresGrad(true);
        p.setGrad(Nabla.tensor(new float[] {Float.NaN, 1}));
        assertTrue(Double.isNaN(ClipGrad.clipGradNorm_(List.of(p), 1.0).item()));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> ClipGrad.clipGradNorm_(List.of(p), 1.0, 2.0, true));
        assertTrue(e.getMessage().startsWith("The total norm of order 2.0 for gradients from `parameters` is non-finite"));
    }
}
