package dev.nabla.bench;

import dev.nabla.Nabla;
import dev.nabla.Tensor;
import dev.nabla.data.FashionMnist;
import dev.nabla.data.TensorDataset;
import dev.nabla.nn.CrossEntropyLoss;
import dev.nabla.nn.Module;
import dev.nabla.optim.SGD;

import java.util.function.Supplier;

/**
 * The mlp and cnn workloads: train on Fashion-MNIST's 60k images (batch 64, shuffled with a fresh permutation
 * per epoch, SGD lr 0.05 momentum 0.9, cross-entropy), then evaluate in eval mode without grad over the 10k
 * test images in batches of 1000 — the loop of torch_reference.py's train_eval, op for op. Loading the data is
 * not timed on either side.
 */
final class TrainEval {
    static final int BATCH = 64;
    static final double LR = 0.05;
    static final double MOMENTUM = 0.9;
    static final int EVAL_BATCH = 1000;

    private TrainEval() {}

    static void run(String name, Supplier<Module> modelFactory, int threads, int epochs) {
        // As a program would at start-up: the JIT compiles the GEMM while the data loads (see Nabla.warmUp; the
        // loading is not timed on either side). BENCHMARKS.md reports the first epoch with and without it.
        if (!Boolean.getBoolean("nabla.bench.noWarmUp")) Nabla.warmUp();
        TensorDataset train = FashionMnist.load(true);
        TensorDataset test = FashionMnist.load(false);
        Tensor xtr = train.x(), ytr = train.y(), xte = test.x(), yte = test.y();
        Nabla.manualSeed(0);
        Module model = modelFactory.get();
        SGD opt = new SGD(model.parameters(), LR).momentum(MOMENTUM);
        CrossEntropyLoss crit = new CrossEntropyLoss();
        int n = xtr.size(0);
        GcMeter gc = new GcMeter();
        for (int ep = 0; ep < epochs; ep++) {
            gc.start();
            model.train();
            long t0 = System.nanoTime();
            Tensor perm = Nabla.randperm(n);
            Tensor loss = null;
            for (int i = 0; i < n; i += BATCH) {
                Tensor idx = perm.narrow(0, i, Math.min(BATCH, n - i));
                opt.zeroGrad();
                loss = crit.forward(model.forward(xtr.indexSelect(0, idx)), ytr.indexSelect(0, idx));
                loss.backward();
                opt.step();
            }
            double trainS = (System.nanoTime() - t0) / 1e9;
            long trainGcMs = gc.gcMillis(), trainGcCount = gc.gcCount();
            model.eval();
            t0 = System.nanoTime();
            long correct = 0;
            try (var noGrad = Nabla.noGrad()) {
                for (int i = 0; i < xte.size(0); i += EVAL_BATCH) {
                    int len = Math.min(EVAL_BATCH, xte.size(0) - i);
                    Tensor predicted = model.forward(xte.narrow(0, i, len)).argmax(1);
                    correct += (long) predicted.eq(yte.narrow(0, i, len)).sum().item();
                }
            }
            double evalS = (System.nanoTime() - t0) / 1e9;
            long gcMs = gc.gcMillis();
            // Live heap after a full collection (outside the timed parts): flat across epochs means no leak.
            System.gc();
            new JsonLine()
                    .put("system", BenchMain.SYSTEM).put("kernels", BenchMain.kernels())
                    .put("workload", name).put("threads", threads)
                    .put("epoch", ep + 1)
                    .put("train_s", JsonLine.round(trainS, 4)).put("eval_s", JsonLine.round(evalS, 4))
                    .put("last_loss", JsonLine.round(loss.item(), 5))
                    .put("test_acc", (double) correct / xte.size(0))
                    .put("train_gc_ms", trainGcMs).put("train_gc_count", trainGcCount).put("gc_ms", gcMs)
                    .put("heap_live_mb", JsonLine.round(GcMeter.heapUsedMiB(), 1))
                    .print();
        }
    }
}
