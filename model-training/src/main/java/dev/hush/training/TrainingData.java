package dev.hush.training;

import dev.hush.dsp.PercepNet;
import dev.hush.training.data.CorpusLoader;
import dev.hush.training.data.MixtureGenerator;
import dev.hush.training.data.MixtureSegmentSource;
import dev.hush.training.data.TrainingCorpus;
import dev.hush.training.eval.EvalSetManifest;
import dev.hush.training.eval.MakeEvalSet;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/** The real training data: the corpus cache minus the held-out evaluation speakers and noise files, mixed on the fly. */
public final class TrainingData {
    private final TrainingCorpus corpus;
    private final CorpusLoader.Split split;
    private final CorpusLoader.Recipe recipe;

    private TrainingData(TrainingCorpus corpus, CorpusLoader.Split split, CorpusLoader.Recipe recipe) {
        this.corpus = corpus;
        this.split = split;
        this.recipe = recipe;
    }

    public static TrainingData load(CorpusLoader.Split split, CorpusLoader.Recipe recipe) throws IOException {
        Path cache = MakeEvalSet.defaultCache();
        return new TrainingData(CorpusLoader.load(cache, EvalSetManifest.current(), split, recipe), split, recipe);
    }

    /** Segments mixed on the fly; the per-segment Random the trainer passes decides everything about one. */
    public SegmentSource source(int segmentSamples, long seed, double babbleProbability, double speedRatio,
            double noiseSpeedRatio) {
        MixtureGenerator.Config d = MixtureGenerator.Config.defaults(1);
        return source(segmentSamples, seed, babbleProbability, speedRatio, noiseSpeedRatio, d.snrMinDb(), d.snrMaxDb());
    }

    /** As above, with the noisy mixtures' SNR uniform in [snrMinDb, snrMaxDb]. */
    public SegmentSource source(int segmentSamples, long seed, double babbleProbability, double speedRatio,
            double noiseSpeedRatio, double snrMinDb, double snrMaxDb) {
        double seconds = (double) segmentSamples / PercepNet.SAMPLE_RATE_HZ;
        MixtureGenerator.Config config = MixtureGenerator.Config.defaults(seconds)
                .withBabbleProbability(babbleProbability).withSpeedRatio(speedRatio)
                .withNoiseSpeedRatio(noiseSpeedRatio).withSnrRangeDb(snrMinDb, snrMaxDb);
        return new MixtureSegmentSource(new MixtureGenerator(corpus, config, seed));
    }

    public String describe() {
        long speechSamples = 0;
        for (TrainingCorpus.SpeechSource s : corpus.speech()) {
            speechSamples += s.totalSamples();
        }
        long noiseSamples = 0;
        for (TrainingCorpus.NoiseRecording n : corpus.noise()) {
            noiseSamples += n.samples().length;
        }
        return String.format(Locale.ROOT, "%s split: %d speech sources (%.1f min, high-passed at %.0f Hz), %d noise recordings (%.1f min) "
                        + "+ synthetic noise, %d room impulse responses; evaluation speakers and noise files held out",
                split.name().toLowerCase(Locale.ROOT), corpus.speech().size(), speechSamples / 48000.0 / 60,
                dev.hush.training.data.SpeechHighPass.CUTOFF_HZ,
                corpus.noise().size(), noiseSamples / 48000.0 / 60, corpus.impulseResponses().size())
                + (corpus.speakerDraw() == TrainingCorpus.SpeakerDraw.SQRT_DURATION
                ? "; each example's speaker drawn by the square root of its minutes" : "")
                + (recipe.voiceFloorDb() > 0 ? String.format(Locale.ROOT, "; the added voices' utterances whose loud and quiet "
                + "10 ms frames (p95, p5) lie less than %.0f dB apart left out", recipe.voiceFloorDb()) : "")
                + (recipe.moreNoise() ? "; with the noise added after 1.4.0" : "");
    }
}
