package dev.hush.training;

import dev.hush.training.data.TrainingCorpus;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Small synthesized stand-ins for the corpora (tests must not need the downloaded cache). */
public final class Synth {
    private Synth() {
    }

    /** A voiced phrase: harmonics on a gliding pitch under a syllable-rate envelope, band-limited to maxHz. */
    public static float[] phrase(int rate, double seconds, double maxHz, Random rnd) {
        int n = (int) (seconds * rate);
        float[] x = new float[n];
        double f0 = 90 + 150 * rnd.nextDouble();
        double phase = 0;
        for (int i = 0; i < n; i++) {
            double t = (double) i / rate;
            double env = Math.pow(Math.sin(Math.PI * t / seconds), 0.5) * (0.6 + 0.4 * Math.sin(2 * Math.PI * 4 * t));
            double f = f0 * (1 + 0.1 * Math.sin(2 * Math.PI * 0.7 * t));
            phase += 2 * Math.PI * f / rate;
            double s = 0;
            for (int h = 1; h * f < maxHz; h++) {
                s += Math.sin(h * phase) / h;
            }
            x[i] = (float) (0.2 * env * s);
        }
        return x;
    }

    public static TrainingCorpus corpus(int rate, long seed) {
        Random rnd = new Random(seed);
        List<TrainingCorpus.SpeechSource> speech = new ArrayList<>();
        double[] bandwidths = {20_000, 7_500};
        for (int s = 0; s < bandwidths.length; s++) {
            List<short[]> utts = new ArrayList<>();
            for (int u = 0; u < 5; u++) {
                utts.add(TrainingCorpus.toPcm16(phrase(rate, 0.4 + 0.6 * rnd.nextDouble(), bandwidths[s], rnd)));
            }
            speech.add(new TrainingCorpus.SpeechSource("speaker" + s, bandwidths[s], utts));
        }
        float[] noise = new float[rate];
        for (int i = 0; i < noise.length; i++) {
            noise[i] = (float) (0.05 * rnd.nextGaussian());
        }
        float[] ir = new float[rate / 4];
        ir[0] = 1;
        for (int i = 100; i < ir.length; i++) {
            ir[i] = (float) (0.3 * rnd.nextGaussian() * Math.exp(-i / (0.05 * rate)));
        }
        return new TrainingCorpus(speech, List.of(new TrainingCorpus.NoiseRecording("n0", "hiss", TrainingCorpus.toPcm16(noise))),
                List.of(new TrainingCorpus.ImpulseResponse("room0", ir)));
    }
}
