package dev.nabla.kernels;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * A tiny fork-join for compute kernels: a fixed pool of platform daemon threads, one per core beyond the caller's,
 * that spin briefly after each job and then park.
 *
 * <p>Why not a ForkJoinPool or an executor: handing a job to them costs ~30 µs here, against well under 1 µs for
 * a thread that is still spinning, and a 64x784x256 GEMM takes only ~100-200 µs in total. Virtual threads are
 * no help for compute.
 *
 * <p>The caller starts on part 0 at once, worker i on part i, and each then takes any part nobody has claimed
 * yet: a worker that is slow to wake never delays the caller, who runs its part too. One job runs
 * at a time; a call that finds the pool busy (another thread's job, or a nested call from inside a part) runs
 * all its parts inline on its own thread, so the pool can never deadlock.
 *
 * <p>{@code -Dnabla.threads=N} sets the number of threads including the caller (default: the available
 * processors); {@code 1} turns the pool off.
 */
public final class Parallel {

    /**
     * How long an idle worker spins before parking: covers the gaps between the parallel ops of a training step,
     * including a data loader's batch gather (about 100 us for the seed MLP). Waking a parked thread costs 5-30 us
     * or more here, paid at every GEMM that found its worker asleep; at 100 us of spinning, Linear's forward GEMM
     * took twice its time on two threads (measured: 0.62-0.67 s an epoch against 0.73 s). Intel's OpenMP spins
     * 200 ms by default.
     */
    private static final long SPIN_NANOS = 1_000_000;
    /** Spinning yields between checks after this long (see Worker.run). */
    private static final long YIELD_AFTER_NANOS = 20_000;

    private static final int THREADS = configuredThreads();
    private static final Worker[] WORKERS = startWorkers(THREADS - 1);
    private static final AtomicBoolean BUSY = new AtomicBoolean();
    /** The job in progress, or null; workers compare its sequence number to what they already ran. */
    private static volatile Job current;
    private static long nextSeq;

    private Parallel() {}

    /** The number of threads a job can use, the caller's included. */
    public static int threads() {
        return THREADS;
    }

    /**
     * Runs {@code body.accept(i)} for every i in [0, parts), possibly on several threads, and returns when all
     * have finished. Parts must be independent. An exception thrown by a part is rethrown here (the first one).
     */
    public static void forEach(int parts, IntConsumer body) {
        if (parts <= 0) return;
        if (parts == 1 || WORKERS.length == 0 || !BUSY.compareAndSet(false, true)) {
            for (int i = 0; i < parts; i++) body.accept(i);
            return;
        }
        Job job;
        try {
            job = new Job(++nextSeq, body, parts); // nextSeq is guarded by BUSY
            current = job;
            // Dekker handshake with Worker.run: we write current, then read sleeping; it writes sleeping, then
            // reads current. Both are volatile, so at least one side sees the other and no wake-up is lost.
            for (Worker w : WORKERS) {
                if (w.sleeping) LockSupport.unpark(w);
            }
            job.work(0);
            // Only parts that a worker already claimed can still be running: wait for them.
            int spins = 0;
            while (job.done.get() < parts) {
                Thread.onSpinWait();
                if (++spins > 4096) Thread.yield(); // the worker may have been descheduled on a busy machine
            }
            current = null; // drop the body (and the arrays it captures) once the job is over
        } finally {
            BUSY.set(false);
        }
        Throwable error = job.error;
        if (error instanceof RuntimeException re) throw re;
        if (error instanceof Error e) throw e;
        if (error != null) throw new RuntimeException(error);
    }

    private static final class Job {
        final long seq;
        final IntConsumer body;
        final int parts;
        /** One flag per part: 1 once a thread has claimed it. */
        final AtomicIntegerArray claimed;
        final AtomicInteger done = new AtomicInteger();
        volatile Throwable error;

        Job(long seq, IntConsumer body, int parts) {
            this.seq = seq;
            this.body = body;
            this.parts = parts;
            this.claimed = new AtomicIntegerArray(parts);
        }

        /**
         * Runs part {@code self} first if nobody has taken it (the caller is thread 0, worker i is thread i), then
         * any part still unclaimed. Why the own part first: consecutive ops split their data the same way (SGD's
         * update, zeroGrad's fill, the next GEMM's rows), so part t of each stays in the cache of the core that ran
         * part t of the previous op; taking parts in arrival order swapped halves between the cores at random.
         */
        void work(int self) {
            if (self < parts) run(self);
            for (int i = 0; i < parts; i++) run(i);
        }

        private void run(int i) {
            if (claimed.get(i) != 0 || !claimed.compareAndSet(i, 0, 1)) return;
            try {
                body.accept(i);
            } catch (Throwable t) {
                if (error == null) error = t;
            } finally {
                done.incrementAndGet();
            }
        }
    }

    private static final class Worker extends Thread {
        volatile boolean sleeping;
        private final int index;

        Worker(int index) {
            super("nabla-compute-" + index);
            this.index = index;
            setDaemon(true);
        }

        @Override
        public void run() {
            long seen = 0;
            while (true) {
                Job job = current;
                if (job != null && job.seq != seen) {
                    seen = job.seq;
                    job.work(index);
                    continue;
                }
                // Spin a while: the next op of a training step usually comes within microseconds. After the first
                // YIELD_AFTER_NANOS the spin yields between checks, so that a runnable thread on this core (the
                // JIT's compiler threads, early in a run) gets it instead of waiting for the spin to end.
                long start = System.nanoTime(), deadline = start + SPIN_NANOS, yieldFrom = start + YIELD_AFTER_NANOS;
                boolean found = false;
                for (int spins = 0; ; spins++) {
                    job = current;
                    if (job != null && job.seq != seen) { found = true; break; }
                    Thread.onSpinWait();
                    if ((spins & 63) == 0) {
                        long now = System.nanoTime();
                        if (now > deadline) break;
                        if (now > yieldFrom) Thread.yield();
                    }
                }
                if (found) continue;
                sleeping = true;
                job = current;
                if (job == null || job.seq == seen) LockSupport.park(this);
                sleeping = false;
            }
        }
    }

    private static int configuredThreads() {
        int cores = Runtime.getRuntime().availableProcessors();
        String prop = System.getProperty("nabla.threads");
        int n = cores;
        if (prop != null) {
            try {
                n = Integer.parseInt(prop.trim());
            } catch (NumberFormatException e) {
                n = cores;
            }
        }
        return Math.max(1, Math.min(n, 256));
    }

    private static Worker[] startWorkers(int count) {
        Worker[] workers = new Worker[count];
        for (int i = 0; i < count; i++) {
            workers[i] = new Worker(i + 1);
            workers[i].start();
        }
        return workers;
    }
}
