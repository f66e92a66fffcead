package dev.hush.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hush.nn.GainNetwork;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A tiny end-to-end training run: the loss falls, checkpoints resume, and the export loads in the DSP. */
public class TrainSmokeTest {
    /** Voiced "syllables" (harmonics with a random f0) in white noise at a random SNR. */
    public static final SegmentSource SYNTHETIC = (random, samples) -> {
        float[] clean = new float[samples];
        float[] noisy = new float[samples];
        int pos = 0;
        while (pos < samples) {
            int len = 4800 + random.nextInt(9600);
            boolean voiced = random.nextBoolean();
            double f0 = 100 + 150 * random.nextDouble();
            for (int i = 0; i < len && pos + i < samples; i++) {
                double env = voiced ? Math.sin(Math.PI * i / len) : 0;
                double v = 0;
                for (int h = 1; h <= 10; h++) {
                    v += Math.sin(2 * Math.PI * h * f0 * i / 48000.0) / h;
                }
                clean[pos + i] = (float) (0.1 * env * v);
            }
            pos += len;
        }
        double noiseRms = 0.01 + 0.05 * random.nextDouble();
        for (int i = 0; i < samples; i++) {
            noisy[i] = clean[i] + (float) (noiseRms * random.nextGaussian());
        }
        return new SegmentSource.Segment(clean, noisy, 20_000f);
    };

    private static TrainConfig config(Path dir, int epochs, boolean resume) {
        return new TrainConfig(3, epochs, 8, 60, 32, 16, 24, 24, 24, 3e-3f, 2, dir, resume, "smoke", "0.0.0",
                true, 1e-3f);
    }

    @Test
    void lossFallsAndTheExportedModelLoads(@TempDir Path dir) throws Exception {
        Path best = new Train(config(dir, 3, false), SYNTHETIC, SYNTHETIC).run();
        GainNetwork net = GainNetwork.load(Files.readAllBytes(best));
        assertEquals("smoke", net.name());

        Properties state = new Properties();
        try (var in = Files.newInputStream(dir.resolve("state.properties"))) {
            state.load(in);
        }
        assertEquals("3", state.getProperty("epoch"));
        assertTrue(Double.parseDouble(state.getProperty("valid.3")) < Double.parseDouble(state.getProperty("valid.1")),
                "validation loss falls");
        double afterThree = Double.parseDouble(state.getProperty("best"));

        // Resuming continues from epoch 3 instead of starting over.
        new Train(config(dir, 5, true), SYNTHETIC, SYNTHETIC).run();
        try (var in = Files.newInputStream(dir.resolve("state.properties"))) {
            state.load(in);
        }
        assertEquals("5", state.getProperty("epoch"));
        assertTrue(Double.parseDouble(state.getProperty("best")) <= afterThree);
        double firstEpoch = Double.parseDouble(state.getProperty("valid.1"));
        double resumedEpoch = Double.parseDouble(state.getProperty("valid.4"));
        assertTrue(resumedEpoch < firstEpoch, "resumed training kept its weights: epoch 4 " + resumedEpoch
                + " vs epoch 1 " + firstEpoch);
    }

    @Test
    void freshDataDrawsNewMixturesEachEpochAndTheSameOnesAgainOnResume(@TempDir Path dir) {
        Train fresh = new Train(config(dir, 3, false), SYNTHETIC, SYNTHETIC);
        float[] epoch1 = firstFeatures(fresh, 1);
        assertTrue(!java.util.Arrays.equals(firstFeatures(fresh, 0), epoch1), "epoch 2 trains on new mixtures");
        Train resumed = new Train(config(dir, 3, true), SYNTHETIC, SYNTHETIC);
        assertTrue(java.util.Arrays.equals(firstFeatures(resumed, 1), epoch1), "a resumed run redraws the same ones");

        TrainConfig c = config(dir, 3, false);
        Train fixed = new Train(new TrainConfig(c.seed(), c.epochs(), c.batch(), c.segmentFrames(), c.trainSegments(),
                c.validSegments(), c.denseUnits(), c.convUnits(), c.gruUnits(), c.learningRate(), c.threads(),
                c.checkpointDir(), c.resume(), c.modelName(), c.modelVersion(), false, c.finalLearningRate()),
                SYNTHETIC, SYNTHETIC);
        assertTrue(java.util.Arrays.equals(firstFeatures(fixed, 0), firstFeatures(fixed, 2)), "--fixed-set reuses one set");
    }

    private static float[] firstFeatures(Train train, int epoch) {
        return Train.buildSet(SYNTHETIC, 2, train.epochSeed(epoch), 20, 1, null).get(0).features();
    }

    @Test
    void targetsAreInRangeAndMaskedAboveTheBandwidth() {
        SegmentSource.Segment s = SYNTHETIC.next(new Random(1), 48_000);
        TargetExtractor.Frames f = TargetExtractor.extract(s.clean(), s.noisy(), 4000f, 8);
        assertEquals(100 - 8, f.count());
        for (int i = 0; i < f.gains().length; i++) {
            assertTrue(f.gains()[i] >= 0 && f.gains()[i] <= 1);
            assertTrue(f.strengths()[i] >= 0 && f.strengths()[i] <= 1);
        }
        for (int b = 0; b < 34; b++) {
            float expected = dev.hush.dsp.ErbBands.centerHz(b) <= 4000f ? 1f : 0f;
            assertEquals(expected, f.mask()[b], 0f, "band " + b);
        }
    }
}
