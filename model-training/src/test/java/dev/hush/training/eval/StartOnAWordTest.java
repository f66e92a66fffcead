package dev.hush.training.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.hush.training.audio.WavFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StartOnAWordTest {
    private static final int RATE_HZ = 48_000;

    @Test
    void cutStartsAfterTheFirstPauseAndScoresAreGainsOverTheInput(@TempDir Path tmp) throws IOException {
        Path set = tmp.resolve("evalset");
        Random random = new Random(3);
        int length = 5 * RATE_HZ;
        float[] clean = new float[length];
        float[] noise = new float[length];
        for (int i = 0; i < length; i++) {
            clean[i] = (float) (0.3 * Math.sin(2 * Math.PI * 220 * i / RATE_HZ) * (1 + 0.5 * Math.sin(i * 1e-3)));
            noise[i] = (float) (0.05 * random.nextGaussian());
        }
        float[] noisy = new float[length];
        for (int i = 0; i < length; i++) {
            noisy[i] = clean[i] + noise[i];
        }
        int pauseEnd = RATE_HZ / 2;
        clip(set.resolve("01-a-noise-snr05"), clean, noisy, "[[0, " + pauseEnd + "]]");
        clip(set.resolve("02-a-clean"), clean, clean, "[[0, " + pauseEnd + "]]");
        clip(set.resolve("03-no-pause"), clean, noisy, "[]");

        Path work = tmp.resolve("work");
        assertEquals(2, StartOnAWord.cut(set, work), "clips without a pause are skipped");
        float[] cut = WavFile.read(work.resolve("01-a-noise-snr05-noisy.wav")).samples();
        int start = pauseEnd + (int) (EvalClip.PAUSE_GUARD_SECONDS * RATE_HZ);
        assertEquals(3 * RATE_HZ, cut.length);
        assertEquals(noisy[start], cut[0], 0f);
        assertEquals(noisy[start + 1000], cut[1000], 0f);

        // "same": the input unchanged (gain 0 dB); "half": half the noise left (6.02 dB better).
        for (String id : List.of("01-a-noise-snr05", "02-a-clean")) {
            float[] c = WavFile.read(work.resolve(id + "-clean.wav")).samples();
            float[] x = WavFile.read(work.resolve(id + "-noisy.wav")).samples();
            float[] half = new float[c.length];
            for (int i = 0; i < c.length; i++) {
                half[i] = c[i] + (x[i] - c[i]) / 2 + (id.endsWith("clean") ? 1e-3f * (i % 7 - 3) : 0f);
            }
            WavFile.writeFloat(work.resolve(id + "-same.wav"), x, RATE_HZ);
            WavFile.writeFloat(work.resolve(id + "-half.wav"), half, RATE_HZ);
        }
        List<String> variants = List.of("same", "half");
        List<StartOnAWord.Score> scores = StartOnAWord.score(StartOnAWord.load(work, variants), variants);
        assertEquals(2 * StartOnAWord.SPANS_SECONDS.length * variants.size(), scores.size());
        StartOnAWord.Score noisySame = scores.get(0);
        StartOnAWord.Score noisyHalf = scores.get(1);
        assertEquals("noisy", noisySame.kind());
        assertEquals(0.3, noisySame.spanSeconds());
        assertEquals(0.0, noisySame.meanDb(), 1e-9);
        assertEquals(20 * Math.log10(2), noisyHalf.meanDb(), 0.05);
        StartOnAWord.Score cleanHalf = scores.get(scores.size() - 1);
        assertEquals("clean", cleanHalf.kind());
        assertEquals(1.0, cleanHalf.spanSeconds());
        // Clean-only clips are scored against the input, not as a gain: a 1e-3 error under a 0.3 sine is ~43 dB.
        assertEquals(cleanHalf.meanDb(), cleanHalf.worstDb(), 1e-9);
        assertEquals(43, cleanHalf.meanDb(), 3);
    }

    @Test
    void aMissingOutputOrSetSaysWhat(@TempDir Path tmp) {
        assertThrows(IOException.class, () -> StartOnAWord.cut(tmp.resolve("none"), tmp.resolve("w")));
        assertThrows(IOException.class, () -> StartOnAWord.load(tmp, List.of("primed")));
    }

    private static void clip(Path dir, float[] clean, float[] noisy, String regions) throws IOException {
        Files.createDirectories(dir);
        WavFile.writeFloat(dir.resolve("clean.wav"), clean, RATE_HZ);
        WavFile.writeFloat(dir.resolve("noisy.wav"), noisy, RATE_HZ);
        Files.writeString(dir.resolve("pauses.json"), "{\"regions\": " + regions + "}");
    }
}
