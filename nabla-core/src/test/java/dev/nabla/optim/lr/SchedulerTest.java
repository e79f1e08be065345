package dev.nabla.optim.lr;

import dev.nabla.optim.Optimizer;
import dev.nabla.optim.ParamGroup;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Scheduler behaviour beyond the golden sequences: resuming from a state dict, bookkeeping, validation. */
class SchedulerTest {

    private static final List<Function<Optimizer, LRScheduler>> KINDS = List.of(
            o -> new StepLR(o, 4, 0.5),
            o -> new MultiStepLR(o, List.of(3, 7, 7), 0.2),
            o -> new ExponentialLR(o, 0.9),
            o -> new CosineAnnealingLR(o, 6, 0.001),
            o -> new LinearLR(o, 0.2, 1.0, 5),
            o -> new LambdaLR(o, epoch -> 1.0 / (1 + epoch)),
            o -> OneCycleLR.builder(o, 0.5).totalSteps(25).build(),
            o -> new SequentialLR(o, List.of(new LinearLR(o, 0.5, 1.0, 3), new ExponentialLR(o, 0.8)), List.of(3)));

    @Test
    void stateDictResumesTheSameSequence() {
        for (Function<Optimizer, LRScheduler> make : KINDS) {
            Optimizer a = SchedulerGoldenTest.twoGroups("sgd");
            LRScheduler straight = make.apply(a);
            List<List<Double>> expected = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                straight.step();
                expected.add(straight.getLastLr());
            }

            Optimizer b = SchedulerGoldenTest.twoGroups("sgd");
            LRScheduler first = make.apply(b);
            for (int i = 0; i < 10; i++) first.step();
            var optimizerState = b.stateDict();
            Map<String, Object> schedulerState = first.stateDict();

            Optimizer c = SchedulerGoldenTest.twoGroups("sgd");
            LRScheduler resumed = make.apply(c);
            c.loadStateDict(optimizerState);
            resumed.loadStateDict(schedulerState);
            String name = straight.getClass().getSimpleName();
            assertEquals(first.lastEpoch(), resumed.lastEpoch(), name);
            for (int i = 10; i < 20; i++) {
                resumed.step();
                assertEquals(expected.get(i), resumed.getLastLr(), name + " step " + (i + 1));
            }
        }
    }

    @Test
    void recordsInitialLrAndCountsEpochs() {
        Optimizer opt = SchedulerGoldenTest.twoGroups("sgd");
        StepLR s = new StepLR(opt, 2);
        assertEquals(0, s.lastEpoch());
        assertEquals(List.of(0.1, 0.05), s.getLastLr());
        for (ParamGroup g : opt.paramGroups()) assertEquals(g.lr(), g.getDouble("initial_lr"));
        s.step();
        s.step();
        assertEquals(2, s.lastEpoch());
        assertEquals(0.1 * 0.1, opt.paramGroups().get(0).lr(), 1e-17);
        Map<String, Object> state = s.stateDict();
        assertEquals(2, state.get("last_epoch"));
        assertEquals(List.of(0.1, 0.05), state.get("base_lrs"));
        assertEquals(2, state.get("step_size"));
    }

    @Test
    void lambdaScalesTheInitialRatePerGroup() {
        Optimizer opt = SchedulerGoldenTest.twoGroups("sgd");
        LambdaLR s = new LambdaLR(opt, List.of(e -> Math.pow(0.5, e), e -> 1.0 + e));
        assertEquals(List.of(0.1, 0.05), s.getLastLr());
        s.step();
        s.step();
        assertEquals(List.of(0.1 * 0.25, 0.05 * 3), s.getLastLr());
        assertThrows(IllegalArgumentException.class, () -> new LambdaLR(opt, List.of(e -> 1.0)));
    }

    @Test
    void plateauStateRoundTrips() {
        Optimizer a = SchedulerGoldenTest.twoGroups("sgd");
        ReduceLROnPlateau s = new ReduceLROnPlateau(a).patience(1).factor(0.5);
        for (double m : new double[] {1, 0.9, 0.95, 0.96}) s.step(m);
        assertEquals(0.05, a.paramGroups().get(0).lr(), 1e-15);

        Optimizer b = SchedulerGoldenTest.twoGroups("sgd");
        b.loadStateDict(a.stateDict());
        ReduceLROnPlateau t = new ReduceLROnPlateau(b);
        t.loadStateDict(s.stateDict());
        assertEquals(0.9, t.best());
        for (double m : new double[] {0.97, 0.98}) {
            s.step(m);
            t.step(m);
        }
        assertEquals(s.getLastLr(), t.getLastLr());
        assertEquals(0.025, t.getLastLr().get(0), 1e-15);
    }

    @Test
    void validationSpeaksPyTorch() {
        Optimizer opt = SchedulerGoldenTest.twoGroups("sgd");
        assertEquals("Factor should be < 1.0.",
                assertThrows(IllegalArgumentException.class, () -> new ReduceLROnPlateau(opt).factor(1.0)).getMessage());
        assertEquals("mode up is unknown!",
                assertThrows(IllegalArgumentException.class, () -> new ReduceLROnPlateau(opt).mode("up")).getMessage());
        assertEquals("You must define either total_steps OR (epochs AND steps_per_epoch)",
                assertThrows(IllegalArgumentException.class, () -> OneCycleLR.builder(opt, 0.1).build()).getMessage());
        assertEquals("expected 2 values for max_lr, got 3", assertThrows(IllegalArgumentException.class,
                () -> OneCycleLR.builder(opt, 0.1, 0.2, 0.3).totalSteps(10).build()).getMessage());
        OneCycleLR short_ = new OneCycleLR(SchedulerGoldenTest.twoGroups("sgd"), 0.1, 3);
        for (int i = 0; i < 3; i++) short_.step();
        assertEquals("Tried to step 5 times. The specified number of total steps is 3",
                assertThrows(IllegalStateException.class, short_::step).getMessage());
        Optimizer other = SchedulerGoldenTest.twoGroups("sgd");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SequentialLR(opt, List.of(new StepLR(opt, 2), new StepLR(other, 2)), List.of(3)));
        assertTrue(e.getMessage().contains("schedulers at index 1 to be different than the optimizer passed in"));
        e = assertThrows(IllegalArgumentException.class,
                () -> new SequentialLR(opt, List.of(new StepLR(opt, 2), new StepLR(opt, 2)), List.of()));
        assertTrue(e.getMessage().contains("number of schedulers 2 and the number of milestones to be equal to 0"));
        assertThrows(IllegalArgumentException.class, () -> new LinearLR(opt, 1.5, 1.0, 4));
    }
}
