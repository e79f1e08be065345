package dev.nabla.autograd;

import dev.nabla.DType;
import dev.nabla.Storage;
import dev.nabla.Tensor;
import dev.nabla.ops.Strided;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Compares the gradients autograd computes with central finite differences, as {@code torch.autograd.gradcheck}
 * does (eps 1e-6, atol 1e-5, rtol 1e-3). Inputs should be float64 tensors that require grad; the function may
 * return any float64 tensor. Use it on your own functions:
 * <pre>{@code
 * Tensor x = Nabla.randn(3, 4).toDouble().requiresGrad(true);
 * GradCheck.check(in -> in[0].tanh().sum(1), x);
 * }</pre>
 */
public final class GradCheck {
    public static final double EPS = 1e-6, ATOL = 1e-5, RTOL = 1e-3;

    private GradCheck() {}

    /** Thrown when an analytical and a numerical derivative disagree. */
    public static final class GradCheckError extends AssertionError {
        GradCheckError(String message) {
            super(message);
        }
    }

    /** Returns true, or throws {@link GradCheckError} naming the first mismatching entry of the Jacobian. */
    public static boolean check(Function<Tensor[], Tensor> f, Tensor... inputs) {
        return check(f, EPS, ATOL, RTOL, inputs);
    }

    public static boolean check(Function<Tensor[], Tensor> f, double eps, double atol, double rtol, Tensor... inputs) {
        for (int i = 0; i < inputs.length; i++) {
            if (inputs[i].requiresGrad() && inputs[i].dtype() != DType.FLOAT64) {
                throw new IllegalArgumentException("gradcheck: input " + i + " requires grad but is "
                        + inputs[i].dtype().torchName() + "; use float64 inputs for precise finite differences");
            }
        }
        Tensor out;
        try (var g = GradMode.set(true)) {
            out = f.apply(inputs);
        }
        int outN = (int) out.numel();
        for (int i = 0; i < inputs.length; i++) {
            Tensor x = inputs[i];
            if (!x.requiresGrad()) continue;
            int inN = (int) x.numel();
            double[][] numeric = numericalJacobian(f, inputs, i, outN, eps);
            double[][] analytic = analyticalJacobian(f, inputs, i, outN, inN);
            for (int r = 0; r < inN; r++) {
                for (int c = 0; c < outN; c++) {
                    double a = analytic[r][c], n = numeric[r][c];
                    if (Math.abs(a - n) > atol + rtol * Math.abs(n) || Double.isNaN(a) != Double.isNaN(n)) {
                        throw new GradCheckError("Jacobian mismatch for output 0 with respect to input " + i
                                + " at element " + r + " (input) / " + c + " (output): numerical " + n
                                + ", analytical " + a);
                    }
                }
            }
        }
        return true;
    }

    private static List<Integer> storageIndices(Tensor t) {
        List<Integer> idx = new ArrayList<>();
        Strided.forEach(t, (o, s) -> idx.add(s));
        return idx;
    }

    private static double[][] numericalJacobian(Function<Tensor[], Tensor> f, Tensor[] inputs, int which, int outN, double eps) {
        Tensor x = inputs[which];
        Storage st = x.storage();
        List<Integer> idx = storageIndices(x);
        double[][] jac = new double[idx.size()][outN];
        try (var g = GradMode.set(false)) {
            for (int r = 0; r < idx.size(); r++) {
                int s = idx.get(r);
                double orig = st.getDouble(s);
                st.setDouble(s, orig + eps);
                double[] plus = f.apply(inputs).toDoubleArray();
                st.setDouble(s, orig - eps);
                double[] minus = f.apply(inputs).toDoubleArray();
                st.setDouble(s, orig);
                for (int c = 0; c < outN; c++) jac[r][c] = (plus[c] - minus[c]) / (2 * eps);
            }
        }
        return jac;
    }

    private static double[][] analyticalJacobian(Function<Tensor[], Tensor> f, Tensor[] inputs, int which, int outN, int inN) {
        double[][] jac = new double[inN][outN];
        for (int c = 0; c < outN; c++) {
            for (Tensor t : inputs) t.setGrad(null);
            Tensor out;
            try (var g = GradMode.set(true)) {
                out = f.apply(inputs);
            }
            if (!out.requiresGrad()) continue; // constant output: zero Jacobian
            double[] unit = new double[outN];
            unit[c] = 1;
            // Tensor.of, not Nabla.tensor: the latter reads an empty shape as "1-D", and 0-dim outputs are common.
            out.backward(Tensor.of(Storage.of(unit), out.shape()).to(out.dtype()));
            Tensor grad = inputs[which].grad();
            if (grad == null) continue;
            double[] gv = grad.toDoubleArray();
            for (int r = 0; r < inN; r++) jac[r][c] = gv[r];
        }
        for (Tensor t : inputs) t.setGrad(null);
        return jac;
    }
}
