package dev.hush.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WeightAverageTest {
    private static Map<String, float[]> weights(float w, float b) {
        Map<String, float[]> m = new LinkedHashMap<>();
        m.put("w", new float[] {w, 2 * w, -w});
        m.put("b", new float[] {b});
        return m;
    }

    @Test
    void theFirstStepStartsTheAverageAtItsWeightsAndLaterStepsMoveItByOneMinusTheDecay() {
        WeightAverage a = new WeightAverage(0.99);
        Map<String, float[]> first = weights(1f, 3f);
        a.update(first);
        first.get("w")[0] = 100f;
        assertArrayEquals(new float[] {1f, 2f, -1f}, a.weights().get("w"), 0f, "a copy, not the caller's array");
        // Step 2 uses min(0.99, 2/11): the average follows the weights closely at first.
        double d = a.nextDecay();
        assertEquals(2.0 / 11, d, 1e-12);
        a.update(weights(2f, 0f));
        assertEquals((float) (d * 1 + (1 - d) * 2), a.weights().get("w")[0], 1e-6f);
        assertEquals((float) (d * 3), a.weights().get("b")[0], 1e-6f);
        assertEquals(2, a.steps());
    }

    @Test
    void afterTheWarmUpTheDecayIsTheOneAskedForAndTheAverageIgnoresOscillation() {
        WeightAverage a = new WeightAverage(0.99);
        for (int t = 0; t < 3000; t++) {
            a.update(weights(t % 2 == 0 ? 1f : -1f, 5f));
        }
        assertEquals(0.99, a.nextDecay(), 0);
        // Weights alternating ±1 average to within (1 − d)/(1 + d) ≈ 0.005 of 0; a constant stays itself.
        assertTrue(Math.abs(a.weights().get("w")[0]) < 0.006, Arrays.toString(a.weights().get("w")));
        assertEquals(5f, a.weights().get("b")[0], 1e-4f);
    }

    @Test
    void restartForgetsEverythingBefore() {
        WeightAverage a = new WeightAverage(0.999);
        for (int t = 0; t < 50; t++) {
            a.update(weights(t, t));
        }
        a.restart(weights(-7f, 1f));
        assertArrayEquals(new float[] {-7f, -14f, 7f}, a.weights().get("w"), 0f);
        assertEquals(1, a.steps());
    }

    @Test
    void savedAndLoadedItGoesOnExactlyAsIfNeverInterrupted(@TempDir Path dir) throws IOException {
        WeightAverage a = new WeightAverage(0.95);
        WeightAverage b = new WeightAverage(0.95);
        for (int t = 0; t < 40; t++) {
            a.update(weights(t * 0.1f, -t));
            b.update(weights(t * 0.1f, -t));
        }
        Path file = dir.resolve("average.bin");
        b.save(file);
        WeightAverage resumed = WeightAverage.load(file, 0.95);
        for (int t = 40; t < 60; t++) {
            a.update(weights(t * 0.1f, -t));
            resumed.update(weights(t * 0.1f, -t));
        }
        assertEquals(a.steps(), resumed.steps());
        assertArrayEquals(a.weights().get("w"), resumed.weights().get("w"), 0f);
        assertArrayEquals(a.weights().get("b"), resumed.weights().get("b"), 0f);

        IOException otherDecay = assertThrows(IOException.class, () -> WeightAverage.load(file, 0.99));
        assertTrue(otherDecay.getMessage().contains("0.95"), otherDecay.getMessage());
        Path truncated = dir.resolve("truncated.bin");
        byte[] bytes = Files.readAllBytes(file);
        Files.write(truncated, Arrays.copyOf(bytes, bytes.length - 3));
        IOException cut = assertThrows(IOException.class, () -> WeightAverage.load(truncated, 0.95));
        assertTrue(cut.getMessage().contains("truncated"), cut.getMessage());
        Path other = dir.resolve("other.bin");
        Files.write(other, new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        IOException notOurs = assertThrows(IOException.class, () -> WeightAverage.load(other, 0.95));
        assertTrue(notOurs.getMessage().contains("not a weight-average file"), notOurs.getMessage());
    }

    @Test
    void badDecaysAndMismatchedParametersAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new WeightAverage(1.0));
        assertThrows(IllegalArgumentException.class, () -> new WeightAverage(0.5));
        assertThrows(IllegalArgumentException.class, () -> new WeightAverage(Double.NaN));
        assertThrows(IllegalStateException.class, () -> new WeightAverage(0.99).weights());
        WeightAverage a = new WeightAverage(0.99);
        a.update(weights(1f, 1f));
        Map<String, float[]> renamed = new LinkedHashMap<>(Map.of("w", new float[3], "c", new float[1]));
        assertThrows(IllegalArgumentException.class, () -> a.update(renamed));
        Map<String, float[]> resized = weights(1f, 1f);
        resized.put("b", new float[2]);
        assertThrows(IllegalArgumentException.class, () -> a.update(resized));
    }
}
