package dev.hush.training.data;

import dev.hush.dsp.PercepNet;
import dev.hush.training.audio.WavFile;
import dev.hush.training.eval.EvalSetManifest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Loads the training split from the cache, reports what it holds, times the generator and writes a few examples
 * to listen to: {@code MixtureSamples CACHE_DIR OUT_DIR [count] [seconds]}.
 */
public final class MixtureSamples {
    private MixtureSamples() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: MixtureSamples CACHE_DIR OUT_DIR [count=200] [seconds=4]");
            System.exit(2);
        }
        Path cache = Path.of(args[0]);
        Path out = Path.of(args[1]);
        int count = args.length > 2 ? Integer.parseInt(args[2]) : 200;
        double seconds = args.length > 3 ? Double.parseDouble(args[3]) : 4;
        long t0 = System.nanoTime();
        TrainingCorpus corpus = CorpusLoader.load(cache, EvalSetManifest.current(), CorpusLoader.Split.TRAIN);
        long t1 = System.nanoTime();
        long speechSamples = 0;
        for (TrainingCorpus.SpeechSource s : corpus.speech()) {
            speechSamples += s.totalSamples();
            System.out.printf(Locale.ROOT, "  speech %-14s %5d utterances %6.1f min  bandwidth %5.0f Hz%n", s.id(),
                    s.utterances().size(), s.totalSamples() / (60.0 * PercepNet.SAMPLE_RATE_HZ), s.bandwidthHz());
        }
        long noiseSamples = 0;
        for (TrainingCorpus.NoiseRecording n : corpus.noise()) {
            noiseSamples += n.samples().length;
        }
        System.out.printf(Locale.ROOT, "train split: %d speakers, %.1f min speech; %d noise files, %.1f min; %d impulse responses;"
                        + " loaded in %.1f s, heap used %d MB%n", corpus.speech().size(),
                speechSamples / (60.0 * PercepNet.SAMPLE_RATE_HZ), corpus.noise().size(),
                noiseSamples / (60.0 * PercepNet.SAMPLE_RATE_HZ), corpus.impulseResponses().size(), (t1 - t0) / 1e9,
                (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20);
        MixtureGenerator g = new MixtureGenerator(corpus, MixtureGenerator.Config.defaults(seconds), 1);
        Files.createDirectories(out);
        long t2 = System.nanoTime();
        for (int i = 0; i < count; i++) {
            Mixture m = g.generate(i);
            if (i < 10) {
                String name = String.format(Locale.ROOT, "%02d-%s-%s-snr%s", i, m.speechSource(),
                        m.noise().replaceAll("[^A-Za-z0-9_+-]", "_"), Double.isNaN(m.snrDb()) ? "none"
                                : String.format(Locale.ROOT, "%.0f", m.snrDb()));
                WavFile.writeFloat(out.resolve(name + "-clean.wav"), m.clean(), PercepNet.SAMPLE_RATE_HZ);
                WavFile.writeFloat(out.resolve(name + "-noisy.wav"), m.noisy(), PercepNet.SAMPLE_RATE_HZ);
            }
        }
        double el = (System.nanoTime() - t2) / 1e9;
        System.out.printf(Locale.ROOT, "generated %d x %.1f s in %.1f s on one thread: %.0f s of audio per second%n",
                count, seconds, el, count * seconds / el);
    }
}
