package dev.nabla.cli;

/** The architectures the command can build, by the name given to {@code --model}. */
enum ModelKind {
    /** The customer's MLP: Flatten, Linear(in, 256), ReLU, Dropout(0.3), Linear(256, classes). */
    MLP,
    /** Multinomial logistic regression: Flatten, Linear(in, classes). */
    LOGREG,
    /**
     * A small convolutional net for {@code [C, H, W]} images: two blocks of Conv2d(3x3, padding 1), ReLU and
     * MaxPool2d(2) (16 then 32 channels), then Flatten, Linear(32 * H/4 * W/4, hidden / 2), ReLU, Linear(., classes).
     */
    CNN;

    /** The lower-case name used on the command line and in checkpoints. */
    String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    static ModelKind fromId(String id) {
        for (ModelKind k : values()) if (k.id().equals(id)) return k;
        throw new UserError("unknown model '" + id + "' (known: mlp, logreg, cnn)");
    }
}
