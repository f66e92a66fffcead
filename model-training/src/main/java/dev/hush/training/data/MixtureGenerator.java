package dev.hush.training.data;

import dev.hush.dsp.PercepNet;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Mixes training examples on the fly, deterministically: example {@code i} of generator seed {@code s} is always the
 * same, whatever order or thread asks for it. Each example: utterances of one speaker joined with pauses, random
 * microphone EQ, optional room reverberation, one or two noises (real recordings or synthetic kinds) at a random
 * SNR, and a random overall level.
 */
public final class MixtureGenerator {
    /**
     * @param segmentSamples           length of each example
     * @param snrMinDb                 SNR range, uniform in dB
     * @param levelCenterDbfs          active speech level of the input is center ± levelSpreadDb (uniform)
     * @param cleanOnlyProbability     share of examples without noise (the network must leave clean speech alone)
     * @param syntheticNoiseProbability share of noisy examples whose (first) noise is synthetic
     * @param secondNoiseProbability   share of noisy examples with a second noise added
     * @param reverbProbability        share of examples convolved with a room impulse response
     * @param eqProbability            chance of random EQ, applied separately to speech and to noise
     * @param pauseMinSeconds          silence between utterances
     * @param noiseFloorProbability    share of examples with a recording noise floor under the speech, in both the
     *                                 clean target and the input (see {@link #FLOOR_BELOW_SPEECH_MIN_DB})
     * @param babbleProbability        share of noisy examples whose first noise is babble mixed from other training
     *                                 utterances: the corpora's only babble recording is held out for evaluation, so
     *                                 without this the network never hears babble (0 by default: 1.3.0's recipe)
     * @param speedRatio               speech is played faster or slower by a factor log-uniform in
     *                                 [1/speedRatio, speedRatio], which moves pitch and formants together like a
     *                                 longer or shorter vocal tract: more voices from few speakers (1 = off, 1.3.0's
     *                                 recipe)
     * @param noiseSpeedRatio          recorded noises are played faster or slower by a factor log-uniform in
     *                                 [1/noiseSpeedRatio, noiseSpeedRatio]: an engine at another speed, rain on
     *                                 another roof, so the few training recordings stand for more of the noises users
     *                                 have (1 = off, 1.4.0's recipe)
     */
    public record Config(int segmentSamples, double snrMinDb, double snrMaxDb, double levelCenterDbfs,
                         double levelSpreadDb, double cleanOnlyProbability, double syntheticNoiseProbability,
                         double secondNoiseProbability, double reverbProbability, double eqProbability,
                         double pauseMinSeconds, double pauseMaxSeconds, double noiseFloorProbability,
                         double babbleProbability, double speedRatio, double noiseSpeedRatio) {
        public Config {
            if (!(speedRatio >= 1 && speedRatio <= MAX_SPEED_RATIO)) {
                throw new IllegalArgumentException("speed ratio must be in [1, " + MAX_SPEED_RATIO + "], got " + speedRatio);
            }
            if (!(noiseSpeedRatio >= 1 && noiseSpeedRatio <= MAX_NOISE_SPEED_RATIO)) {
                throw new IllegalArgumentException("noise speed ratio must be in [1, " + MAX_NOISE_SPEED_RATIO
                        + "], got " + noiseSpeedRatio);
            }
        }

        public static Config defaults(double segmentSeconds) {
            return new Config((int) Math.round(segmentSeconds * PercepNet.SAMPLE_RATE_HZ), -5, 25, -26, 20,
                    0.10, 0.35, 0.15, 0.4, 0.7, 0.1, 1.0, 0.8, 0, 1, 1);
        }

        /**
         * Another SNR range for the noisy mixtures; validation keeps the default, so checkpoints stay comparable.
         */
        public Config withSnrRangeDb(double minDb, double maxDb) {
            if (!(minDb >= MIN_SNR_DB && maxDb <= MAX_SNR_DB && maxDb - minDb >= 5)) {
                throw new IllegalArgumentException("SNR range must lie in [" + MIN_SNR_DB + ", " + MAX_SNR_DB
                        + "] dB and span at least 5 dB, got " + minDb + " to " + maxDb);
            }
            return new Config(segmentSamples, minDb, maxDb, levelCenterDbfs, levelSpreadDb, cleanOnlyProbability,
                    syntheticNoiseProbability, secondNoiseProbability, reverbProbability, eqProbability,
                    pauseMinSeconds, pauseMaxSeconds, noiseFloorProbability, babbleProbability, speedRatio,
                    noiseSpeedRatio);
        }

        public Config withBabbleProbability(double p) {
            if (!(p >= 0 && p <= 1)) {
                throw new IllegalArgumentException("babble probability must be in [0, 1], got " + p);
            }
            return new Config(segmentSamples, snrMinDb, snrMaxDb, levelCenterDbfs, levelSpreadDb, cleanOnlyProbability,
                    syntheticNoiseProbability, secondNoiseProbability, reverbProbability, eqProbability,
                    pauseMinSeconds, pauseMaxSeconds, noiseFloorProbability, p, speedRatio, noiseSpeedRatio);
        }

        public Config withSpeedRatio(double r) {
            return new Config(segmentSamples, snrMinDb, snrMaxDb, levelCenterDbfs, levelSpreadDb, cleanOnlyProbability,
                    syntheticNoiseProbability, secondNoiseProbability, reverbProbability, eqProbability,
                    pauseMinSeconds, pauseMaxSeconds, noiseFloorProbability, babbleProbability, r, noiseSpeedRatio);
        }

        public Config withNoiseSpeedRatio(double r) {
            return new Config(segmentSamples, snrMinDb, snrMaxDb, levelCenterDbfs, levelSpreadDb, cleanOnlyProbability,
                    syntheticNoiseProbability, secondNoiseProbability, reverbProbability, eqProbability,
                    pauseMinSeconds, pauseMaxSeconds, noiseFloorProbability, babbleProbability, speedRatio, r);
        }
    }

    /**
     * Beyond ±25 % speech stops sounding like a person (children's and giants' voices), and the high bands a faster
     * playback pushes past Nyquist would alias.
     */
    public static final double MAX_SPEED_RATIO = 1.25;
    /**
     * An octave up or down: beyond it a noise is another noise, and a faster playback folds ever more of the
     * recording's top octave back below Nyquist (harmless in noise, which is all removed, but no longer the recording).
     */
    public static final double MAX_NOISE_SPEED_RATIO = 2;
    /**
     * Below −10 dB the oracle gains are near zero in every band (nothing left to learn but silence); above 40 dB the
     * noise sits under the recordings' own floor (see {@link #FLOOR_BELOW_SPEECH_MIN_DB}).
     */
    public static final double MIN_SNR_DB = -10;
    public static final double MAX_SNR_DB = 40;

    /** Reflections arriving within this time after the direct path stay in the target (they help intelligibility). */
    public static final double EARLY_REFLECTIONS_SECONDS = 0.050;
    public static final double PEAK_LIMIT = 0.99;
    /** 10 ms frames within this much of the loudest count as active speech for the SNR and level. */
    public static final double ACTIVE_SPEECH_RANGE_DB = 30;
    /**
     * A recording's own floor (microphone self-noise, 16-bit dither) sits this far below its active speech,
     * uniform in dB up to {@link #FLOOR_BELOW_SPEECH_MAX_DB}. Without it every training pause is digital silence, and
     * the network learnt to ramp its gains at onsets after a real floor: clean speech with sox's −96 dBFS dither
     * came out at 23.2 dB SI-SDR against 35.4 dB without. The floor belongs to the target too: it is not the noise
     * Hush should remove from clean speech.
     */
    public static final double FLOOR_BELOW_SPEECH_MIN_DB = 45;
    public static final double FLOOR_BELOW_SPEECH_MAX_DB = 80;

    private static final int RATE_HZ = PercepNet.SAMPLE_RATE_HZ;
    private static final SyntheticNoise.Kind[] SYNTHETIC = SyntheticNoise.Kind.values();
    /** Fewer talkers is a competing voice, not babble; more blurs into steady noise. */
    private static final int BABBLE_MIN_TALKERS = 3;
    private static final int BABBLE_MAX_TALKERS = 6;

    private final TrainingCorpus corpus;
    private final Config config;
    private final long seed;
    private final float[][] earlyParts;

    public MixtureGenerator(TrainingCorpus corpus, Config config, long seed) {
        this.corpus = corpus;
        this.config = config;
        this.seed = seed;
        List<TrainingCorpus.ImpulseResponse> irs = corpus.impulseResponses();
        earlyParts = new float[irs.size()][];
        for (int i = 0; i < irs.size(); i++) {
            earlyParts[i] = earlyPart(irs.get(i).taps());
        }
    }

    public Config config() {
        return config;
    }

    /** Example number {@code index}; a pure function of (corpus, config, seed, index). */
    public Mixture generate(long index) {
        return next(new Random(mixSeed(seed, index)), config.segmentSamples());
    }

    /**
     * An example of {@code n} samples drawn with {@code rnd} (the generator's own seed is not used): the shape of
     * {@link dev.hush.training.SegmentSource}, for trainers that seed each segment themselves.
     */
    public Mixture next(Random rnd, int n) {
        if (n <= 0) {
            throw new IllegalArgumentException("segment length must be positive, got " + n);
        }
        TrainingCorpus.SpeechSource source = corpus.pickSpeaker(rnd);
        double speed = drawSpeed(rnd, config.speedRatio());
        float[] dry = speed == 1 ? speechSegment(source, n, rnd)
                : playedAtSpeed(speechSegment(source, samplesToPlay(n, speed), rnd), speed, n);
        // A faster playback moves the source's upper edge up with everything else; the loss mask follows it.
        double bandwidthHz = Math.min(source.bandwidthHz() * speed, RATE_HZ / 2.0);
        maybeRandomEq(dry, rnd);

        float[] clean = dry;
        float[] reverberant = dry;
        String irName = null;
        if (!corpus.impulseResponses().isEmpty() && rnd.nextDouble() < config.reverbProbability()) {
            int k = rnd.nextInt(corpus.impulseResponses().size());
            TrainingCorpus.ImpulseResponse ir = corpus.impulseResponses().get(k);
            irName = ir.name();
            reverberant = FftConvolver.convolve(dry, ir.taps());
            clean = FftConvolver.convolve(dry, earlyParts[k]);
        }

        double speechEnergy = activeSpeechMeanSquare(clean);
        if (speechEnergy > 0 && rnd.nextDouble() < config.noiseFloorProbability()) {
            addFloor(clean, reverberant, speechEnergy, rnd);
        }
        float[] noisy = reverberant.clone();
        String noiseLabel = "none";
        double snrDb = Double.NaN;
        if (rnd.nextDouble() >= config.cleanOnlyProbability()) {
            snrDb = config.snrMinDb() + (config.snrMaxDb() - config.snrMinDb()) * rnd.nextDouble();
            // No draw at probability 0, so mixtures without babble stay exactly what they were before it existed.
            boolean babble = config.babbleProbability() > 0 && rnd.nextDouble() < config.babbleProbability();
            NoisePick first = babble ? babble(n, rnd)
                    : pickNoise(n, rnd, rnd.nextDouble() < config.syntheticNoiseProbability());
            float[] noise = first.samples;
            noiseLabel = first.label;
            if (rnd.nextDouble() < config.secondNoiseProbability()) {
                NoisePick second = pickNoise(n, rnd, rnd.nextBoolean());
                double g = Math.sqrt(meanSquare(noise) / Math.max(1e-20, meanSquare(second.samples)))
                        * Math.pow(10, (rnd.nextDouble() * 12 - 6) / 20);
                for (int i = 0; i < n; i++) {
                    noise[i] += (float) (g * second.samples[i]);
                }
                noiseLabel += "+" + second.label;
            }
            double noiseEnergy = meanSquare(noise);
            // A segment that fell entirely in a pause still gets its noise, as if speech were at the centre level.
            double reference = speechEnergy > 0 ? speechEnergy : Math.pow(10, config.levelCenterDbfs() / 10);
            if (noiseEnergy > 0) {
                double g = Math.sqrt(reference / noiseEnergy / Math.pow(10, snrDb / 10));
                for (int i = 0; i < n; i++) {
                    noisy[i] += (float) (g * noise[i]);
                }
            }
        }

        double levelDbfs = config.levelCenterDbfs() + config.levelSpreadDb() * (2 * rnd.nextDouble() - 1);
        double gain = speechEnergy > 0 ? Math.pow(10, levelDbfs / 20) / Math.sqrt(speechEnergy) : 1;
        double peak = Math.max(peak(noisy), peak(clean)) * gain;
        if (peak > PEAK_LIMIT) {
            gain *= PEAK_LIMIT / peak;
            levelDbfs = 10 * Math.log10(speechEnergy * gain * gain);
        }
        scale(clean, gain);
        scale(noisy, gain);
        return new Mixture(clean, noisy, bandwidthHz, source.id(), noiseLabel, snrDb, levelDbfs, irName);
    }

    /** The same floor into {@code clean} and {@code reverberant} (which may be one array: then added once). */
    private static void addFloor(float[] clean, float[] reverberant, double speechEnergy, Random rnd) {
        double belowDb = FLOOR_BELOW_SPEECH_MIN_DB + (FLOOR_BELOW_SPEECH_MAX_DB - FLOOR_BELOW_SPEECH_MIN_DB) * rnd.nextDouble();
        // White like dither, or pink like a microphone's self-noise.
        float[] floor = SyntheticNoise.generate(rnd.nextBoolean() ? SyntheticNoise.Kind.WHITE : SyntheticNoise.Kind.PINK,
                clean.length, RATE_HZ, rnd);
        double g = Math.sqrt(speechEnergy * Math.pow(10, -belowDb / 10) / Math.max(1e-30, meanSquare(floor)));
        for (int i = 0; i < clean.length; i++) {
            float v = (float) (g * floor[i]);
            clean[i] += v;
            if (reverberant != clean) {
                reverberant[i] += v;
            }
        }
    }

    private record NoisePick(float[] samples, String label) {
    }

    /** Babble: several talkers of the training split at once, each at its own level within ±3 dB. */
    private NoisePick babble(int n, Random rnd) {
        int talkers = BABBLE_MIN_TALKERS + rnd.nextInt(BABBLE_MAX_TALKERS - BABBLE_MIN_TALKERS + 1);
        float[] out = new float[n];
        for (int t = 0; t < talkers; t++) {
            TrainingCorpus.SpeechSource source = corpus.pickSpeaker(rnd);
            float[] voice = speechSegment(source, n, rnd);
            double rms = Math.sqrt(Math.max(1e-20, activeSpeechMeanSquare(voice)));
            double g = Math.pow(10, (rnd.nextDouble() * 6 - 3) / 20) / rms;
            for (int i = 0; i < n; i++) {
                out[i] += (float) (g * voice[i]);
            }
        }
        maybeRandomEq(out, rnd);
        return new NoisePick(out, "babble:" + talkers + "-talkers");
    }

    /** A microphone's or a room's colouring, with the configured probability (speech and noise get their own). */
    private void maybeRandomEq(float[] x, Random rnd) {
        if (rnd.nextDouble() < config.eqProbability()) {
            for (Biquad b : randomEq(rnd)) {
                b.process(x);
            }
        }
    }

    private NoisePick pickNoise(int n, Random rnd, boolean synthetic) {
        float[] out;
        String label;
        if (synthetic || corpus.noise().isEmpty()) {
            SyntheticNoise.Kind kind = SYNTHETIC[rnd.nextInt(SYNTHETIC.length)];
            out = SyntheticNoise.generate(kind, n, RATE_HZ, rnd);
            label = kind.label();
        } else {
            TrainingCorpus.NoiseRecording rec = corpus.noise().get(rnd.nextInt(corpus.noise().size()));
            int offset = rnd.nextInt(Math.max(1, rec.samples().length));
            double speed = drawSpeed(rnd, config.noiseSpeedRatio());
            out = speed == 1 ? loopedExcerpt(rec.samples(), n, offset)
                    : playedAtSpeed(loopedExcerpt(rec.samples(), samplesToPlay(n, speed), offset), speed, n);
            label = rec.kind() + ":" + rec.name();
        }
        maybeRandomEq(out, rnd);
        return new NoisePick(out, label);
    }

    /**
     * Utterances of one speaker, back to back with pauses, starting at a random point of the first one (so examples
     * also begin mid-word or in silence).
     */
    float[] speechSegment(TrainingCorpus.SpeechSource source, int n, Random rnd) {
        float[] out = new float[n];
        List<short[]> utts = source.utterances();
        int pos = -(int) (rnd.nextDouble() * 0.5 * n);
        if (rnd.nextBoolean()) {
            pos = (int) (rnd.nextDouble() * config.pauseMaxSeconds() * RATE_HZ);
        }
        while (pos < n) {
            short[] u = utts.get(rnd.nextInt(utts.size()));
            for (int i = Math.max(0, -pos); i < u.length && pos + i < n; i++) {
                out[pos + i] = u[i] / 32768f;
            }
            pos += u.length + (int) ((config.pauseMinSeconds()
                    + (config.pauseMaxSeconds() - config.pauseMinSeconds()) * rnd.nextDouble()) * RATE_HZ);
        }
        return out;
    }

    /**
     * A playback speed log-uniform in [1/ratio, ratio], or exactly 1 without touching {@code rnd} when the ratio is
     * 1: mixtures made without a perturbation stay exactly what they were before it existed.
     */
    static double drawSpeed(Random rnd, double ratio) {
        return ratio > 1 ? Math.exp((2 * rnd.nextDouble() - 1) * Math.log(ratio)) : 1;
    }

    /** The input {@link #playedAtSpeed} needs for {@code n} output samples at {@code speed}. */
    static int samplesToPlay(int n, double speed) {
        return (int) Math.ceil(n * speed) + 3;
    }

    /**
     * {@code n} samples of {@code x} read {@code speed} times as fast, by cubic (Catmull-Rom) interpolation: for
     * speech, whose energy lies far below Nyquist, its images are negligible (in noise they are more noise), and it
     * keeps waveform and timing smooth where a linear one would dull the high bands. {@code x} needs
     * {@link #samplesToPlay} samples.
     */
    static float[] playedAtSpeed(float[] x, double speed, int n) {
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            double t = i * speed;
            int k = (int) t;
            float f = (float) (t - k);
            float xm1 = k > 0 ? x[k - 1] : x[k];
            float x0 = x[k];
            float x1 = x[k + 1];
            float x2 = x[k + 2];
            out[i] = x0 + 0.5f * f * (x1 - xm1 + f * (2 * xm1 - 5 * x0 + 4 * x1 - x2 + f * (3 * (x0 - x1) + x2 - xm1)));
        }
        return out;
    }

    /** A low or high shelf and a peaking filter with random settings: microphone and room colouration. */
    static List<Biquad> randomEq(Random rnd) {
        Biquad shelf = rnd.nextBoolean()
                ? Biquad.lowShelf(80 + 420 * rnd.nextDouble(), 12 * rnd.nextDouble() - 6, RATE_HZ)
                : Biquad.highShelf(2000 + 6000 * rnd.nextDouble(), 12 * rnd.nextDouble() - 6, RATE_HZ);
        double center = 200 * Math.pow(40, rnd.nextDouble()); // 200 Hz .. 8 kHz, log-uniform
        Biquad peak = Biquad.peaking(center, 0.5 + 1.5 * rnd.nextDouble(), 16 * rnd.nextDouble() - 8, RATE_HZ);
        return List.of(shelf, peak);
    }

    /** n samples from {@code offset}, wrapping around with a 10 ms crossfade so loops do not click. */
    public static float[] loopedExcerpt(short[] src, int n, int offset) {
        float[] out = new float[n];
        if (src.length == 0) {
            return out;
        }
        int fade = Math.min(RATE_HZ / 100, src.length / 4);
        int pos = Math.floorMod(offset, src.length);
        for (int i = 0; i < n; i++) {
            float v = src[pos] / 32768f;
            int toEnd = src.length - pos;
            if (fade > 0 && toEnd <= fade) {
                // Fade out the tail while fading in the head.
                float w = (float) toEnd / (fade + 1);
                v = w * v + (1 - w) * src[fade - toEnd] / 32768f;
            }
            out[i] = v;
            pos++;
            if (pos >= src.length) {
                pos = fade;
            }
        }
        return out;
    }

    /** Direct path plus reflections up to {@link #EARLY_REFLECTIONS_SECONDS}, with a 5 ms half-cosine taper. */
    static float[] earlyPart(float[] h) {
        int direct = 0;
        for (int i = 1; i < h.length; i++) {
            if (Math.abs(h[i]) > Math.abs(h[direct])) {
                direct = i;
            }
        }
        int end = Math.min(h.length, direct + (int) Math.round(EARLY_REFLECTIONS_SECONDS * RATE_HZ));
        float[] e = Arrays.copyOf(h, end);
        int taper = Math.min(end - direct - 1, RATE_HZ / 200);
        for (int i = 0; i < taper; i++) {
            e[end - 1 - i] *= (float) (0.5 - 0.5 * Math.cos(Math.PI * (i + 0.5) / taper));
        }
        return e;
    }

    public static double activeSpeechMeanSquare(float[] x) {
        int frame = RATE_HZ / 100;
        int frames = x.length / frame;
        double[] e = new double[frames];
        double max = 0;
        for (int f = 0; f < frames; f++) {
            double s = 0;
            for (int i = f * frame; i < (f + 1) * frame; i++) {
                s += (double) x[i] * x[i];
            }
            e[f] = s / frame;
            max = Math.max(max, e[f]);
        }
        double threshold = max * Math.pow(10, -ACTIVE_SPEECH_RANGE_DB / 10);
        double sum = 0;
        int count = 0;
        for (double v : e) {
            if (v > threshold) {
                sum += v;
                count++;
            }
        }
        return count == 0 ? 0 : sum / count;
    }

    public static double meanSquareOf(float[] x) {
        return meanSquare(x);
    }

    static double meanSquare(float[] x) {
        double s = 0;
        for (float v : x) {
            s += (double) v * v;
        }
        return x.length == 0 ? 0 : s / x.length;
    }

    private static double peak(float[] x) {
        double p = 0;
        for (float v : x) {
            p = Math.max(p, Math.abs(v));
        }
        return p;
    }

    private static void scale(float[] x, double g) {
        for (int i = 0; i < x.length; i++) {
            x[i] *= (float) g;
        }
    }

    /** SplitMix64 finaliser: decorrelates neighbouring indices. */
    static long mixSeed(long seed, long index) {
        long z = seed + 0x9E3779B97F4A7C15L * (index + 1);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
