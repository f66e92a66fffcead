package dev.hush.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AdamResetTest {
    private static final float LEARNING_RATE = 0.01f;

    @Test
    void afterAJumpOnlyAResetAdamStepsAsFarAsAFreshOne() {
        Train.useOneThread();
        try (NDManager manager = NDManager.newBaseManager()) {
            float fresh = stepAfterJump(manager, false, false);
            float stale = stepAfterJump(manager, true, false);
            float reset = stepAfterJump(manager, true, true);
            System.out.printf("step on a small gradient: fresh %.3g, after a jump %.3g, after a jump and reset %.3g%n",
                    fresh, stale, reset);
            // Under a steady gradient Adam moves each weight by about the learning rate, whatever the gradient's size.
            assertEquals(LEARNING_RATE, fresh, 0.01 * LEARNING_RATE);
            // The jump's gradients inflate the second moments, and 50 steps later they still hold the weight back.
            assertTrue(stale < 0.1f * fresh, "without a reset the step after a jump is " + stale);
            assertEquals(fresh, reset, 1e-3 * fresh, "after the reset Adam steps as a fresh one");
        }
    }

    @Test
    void onlyAdamCanBeReset() {
        Optimizer sgd = Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0.1f)).build();
        assertThrows(IllegalArgumentException.class, () -> AdamReset.forget(sgd));
    }

    /**
     * How far the 51st of 51 updates with a small steady gradient moves a weight (the first moment has forgotten
     * anything before them by then), optionally after 20 updates with huge gradients.
     */
    private static float stepAfterJump(NDManager manager, boolean jump, boolean resetAfterJump) {
        Optimizer adam = Optimizer.adam().optLearningRateTracker(Tracker.fixed(LEARNING_RATE)).build();
        NDArray weight = manager.create(new float[] {0f, 0f, 0f});
        NDArray small = manager.create(new float[] {1e-3f, -1e-3f, 1e-3f});
        NDArray huge = manager.create(new float[] {1e3f, 1e3f, -1e3f});
        if (jump) {
            for (int i = 0; i < 20; i++) {
                adam.update("w", weight, huge);
            }
            if (resetAfterJump) {
                AdamReset.forget(adam);
            }
        }
        for (int i = 0; i < 50; i++) {
            adam.update("w", weight, small);
        }
        float before = weight.getFloat(0);
        adam.update("w", weight, small);
        return Math.abs(weight.getFloat(0) - before);
    }
}
