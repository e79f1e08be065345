package dev.nabla.nn;

import dev.nabla.Nabla;
import dev.nabla.Tensor;
import dev.nabla.nn.functional.F;
import dev.nabla.nn.init.Init;

/**
 * A lookup table of {@code numEmbeddings} vectors of size {@code embeddingDim}, PyTorch's {@code nn.Embedding}.
 * The weight starts from N(0, 1); the row at {@code paddingIdx}, if given, starts at zero and gets no gradient.
 *
 * <p>Shape: input int64 indices of any shape {@code [*]}; output {@code [*, embeddingDim]}.
 *
 * <pre>{@code
 * Embedding emb = new Embedding(10, 3);
 * Tensor v = emb.forward(Nabla.tensor(new long[] {1, 2, 4}));   // [3, 3]
 * }</pre>
 */
public class Embedding extends Module {
    private final int numEmbeddings;
    private final int embeddingDim;
    private final Integer paddingIdx;
    private final Tensor weight;

    public Embedding(int numEmbeddings, int embeddingDim) {
        this(numEmbeddings, embeddingDim, null);
    }

    /** {@code paddingIdx} may be negative (counted from the end) or null for none. */
    public Embedding(int numEmbeddings, int embeddingDim, Integer paddingIdx) {
        if (paddingIdx != null) {
            if (paddingIdx >= numEmbeddings) throw new IllegalArgumentException("Padding_idx must be within num_embeddings");
            if (paddingIdx < -numEmbeddings) throw new IllegalArgumentException("Padding_idx must be within num_embeddings");
            if (paddingIdx < 0) paddingIdx += numEmbeddings;
        }
        this.numEmbeddings = numEmbeddings;
        this.embeddingDim = embeddingDim;
        this.paddingIdx = paddingIdx;
        this.weight = registerParameter("weight", Nabla.zeros(numEmbeddings, embeddingDim));
        resetParameters();
    }

    /**
     * An embedding whose table is a copy of {@code embeddings} ({@code [num, dim]}), PyTorch's
     * {@code Embedding.from_pretrained}; {@code freeze} keeps the table out of training.
     */
    public static Embedding fromPretrained(Tensor embeddings, boolean freeze, Integer paddingIdx) {
        if (embeddings.dim() != 2) throw new IllegalArgumentException("Embeddings parameter is expected to be 2-dimensional");
        Embedding e = new Embedding(embeddings.size(0), embeddings.size(1), paddingIdx);
        try (var g = Nabla.noGrad()) {
            e.weight.copy_(embeddings);
        }
        e.weight.requiresGrad(!freeze);
        return e;
    }

    public static Embedding fromPretrained(Tensor embeddings) {
        return fromPretrained(embeddings, true, null);
    }

    /** Redraws the weight from N(0, 1) and zeroes the padding row. */
    public void resetParameters() {
        Init.normal_(weight, 0, 1);
        if (paddingIdx != null) {
            try (var g = Nabla.noGrad()) {
                weight.select(0, paddingIdx).fill_(0);
            }
        }
    }

    @Override
    public Tensor forward(Tensor input) {
        return F.embedding(input, weight, paddingIdx);
    }

    /** The table, {@code [numEmbeddings, embeddingDim]}. */
    public Tensor weight() { return weight; }
    public Integer paddingIdx() { return paddingIdx; }
    public int numEmbeddings() { return numEmbeddings; }
    public int embeddingDim() { return embeddingDim; }

    @Override
    public String extraRepr() {
        return numEmbeddings + ", " + embeddingDim + (paddingIdx != null ? ", padding_idx=" + paddingIdx : "");
    }
}
