package dev.nabla.cli;

import dev.nabla.Nabla;
import dev.nabla.Tensor;
import dev.nabla.data.Batch;
import dev.nabla.data.DataLoader;
import dev.nabla.data.TensorDataset;
import dev.nabla.nn.CrossEntropyLoss;
import dev.nabla.nn.Module;

import java.io.PrintWriter;
import java.util.List;

/** Loss, accuracy and confusion matrix of a classifier on a dataset, computed in eval mode without a graph. */
record Evaluation(double loss, double accuracy, long[][] confusion, int examples) {
    static final int BATCH = 512;

    static Evaluation of(Module model, TensorDataset data, int classes) {
        CrossEntropyLoss criterion = new CrossEntropyLoss();
        long[][] confusion = new long[classes][classes];
        double lossSum = 0;
        long correct = 0;
        // Dropout off and no graph recorded; both are restored when the scopes close, also on an exception.
        try (var eval = model.evalMode(); var noGrad = Nabla.noGrad()) {
            for (Batch b : new DataLoader<>(data, BATCH)) {
                Tensor logits = model.forward(b.x());
                lossSum += criterion.forward(logits, b.y()).item() * b.size();
                long[] predicted = logits.argmax(1).toLongArray(), truth = b.y().toLongArray();
                for (int i = 0; i < predicted.length; i++) {
                    if (truth[i] >= 0 && truth[i] < classes) confusion[(int) truth[i]][(int) predicted[i]]++;
                    if (predicted[i] == truth[i]) correct++;
                }
            }
        }
        int n = data.size();
        return new Evaluation(lossSum / n, (double) correct / n, confusion, n);
    }

    /** The confusion matrix with true classes as rows and predicted classes as columns. */
    void printConfusion(PrintWriter out, List<String> names) {
        int k = confusion.length;
        int width = 5;
        for (long[] row : confusion) for (long v : row) width = Math.max(width, Long.toString(v).length() + 1);
        int label = 6;
        for (int i = 0; i < k; i++) label = Math.max(label, name(names, i).length() + 1);
        out.println("Confusion matrix (rows: true class, columns: predicted class)");
        StringBuilder head = new StringBuilder(" ".repeat(label));
        for (int j = 0; j < k; j++) head.append(String.format("%" + width + "s", j));
        out.println(head);
        for (int i = 0; i < k; i++) {
            StringBuilder row = new StringBuilder(String.format("%-" + label + "s", name(names, i)));
            for (int j = 0; j < k; j++) row.append(String.format("%" + width + "d", confusion[i][j]));
            out.println(row);
        }
    }

    private static String name(List<String> names, int i) {
        String n = names != null && i < names.size() ? names.get(i) : Integer.toString(i);
        return n.equals(Integer.toString(i)) ? n : i + " " + n;
    }
}
