package dev.nabla.kernels;

import java.util.logging.Logger;

/**
 * Picks the kernels once, at first use (Lucene's VectorizationProvider pattern). The Vector API is an incubator
 * module: when it is not readable, Nabla runs on {@link ScalarKernels} and logs one line naming the fix.
 * {@code -Dnabla.kernels=scalar} forces the scalar kernels (the tests run both ways).
 */
public final class KernelProvider {
    private static final Logger LOG = Logger.getLogger(KernelProvider.class.getName());
    private static final String VECTOR_IMPL = "dev.nabla.kernels.vector.VectorKernels";

    private KernelProvider() {}

    private static final class Holder {
        static final Kernels INSTANCE = pick();
    }

    /** The kernels in use for this JVM. */
    public static Kernels get() {
        return Holder.INSTANCE;
    }

    private static Kernels pick() {
        String forced = System.getProperty("nabla.kernels", "auto");
        if (forced.equals("scalar")) return new ScalarKernels();
        boolean readable = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
        if (!readable) {
            LOG.info("Nabla is using scalar kernels: the Vector API is not enabled. "
                    + "Run java with --add-modules jdk.incubator.vector for the fast kernels.");
            return new ScalarKernels();
        }
        try {
            // Loaded by name so that this class never links against the incubator module.
            return (Kernels) Class.forName(VECTOR_IMPL).getDeclaredConstructor().newInstance();
        } catch (ClassNotFoundException e) {
            return new ScalarKernels();
        } catch (ReflectiveOperationException | LinkageError e) {
            LOG.warning("Nabla could not load its Vector API kernels (" + e + "); using scalar kernels.");
            return new ScalarKernels();
        }
    }
}
