package dev.nabla.optim;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nabla.DType;
import dev.nabla.Tensor;
import dev.nabla.testing.Golden;

import java.util.ArrayList;
import java.util.List;

/**
 * The problem every optimizer golden file trains: a 4 -> 8 -> 3 tanh MLP written with raw tensors (no nn layers),
 * MSE against fixed targets, with PyTorch's initial weights and batch read from the JSON.
 */
final class TinyMlp {
    static final String[] NAMES = {"w1", "b1", "w2", "b2"};

    final Tensor x, y;
    private final List<Tensor> init = new ArrayList<>();

    TinyMlp(JsonNode doc) {
        x = Golden.tensor(doc.get("x"));
        y = Golden.tensor(doc.get("y"));
        for (String n : NAMES) init.add(Golden.tensor(doc.get("init").get(n)));
    }

    /** Fresh leaf copies of the initial parameters, in {@code dtype}. */
    List<Tensor> freshParams(DType dtype) {
        List<Tensor> out = new ArrayList<>();
        for (Tensor t : init) out.add(t.to(dtype).clone().requiresGrad(true));
        return out;
    }

    List<Tensor> freshParams() {
        return freshParams(DType.FLOAT32);
    }

    Tensor loss(List<Tensor> p) {
        Tensor xs = x.to(p.get(0).dtype()), ys = y.to(p.get(0).dtype());
        Tensor h = xs.matmul(p.get(0).t()).add(p.get(1)).tanh();
        Tensor out = h.matmul(p.get(2).t()).add(p.get(3));
        return out.sub(ys).square().mean();
    }

    /** One training step: zeroGrad, forward, backward, step; returns the loss before the step. */
    double trainStep(Optimizer opt, List<Tensor> params) {
        opt.zeroGrad();
        Tensor loss = loss(params);
        loss.backward();
        opt.step();
        return loss.item();
    }
}
