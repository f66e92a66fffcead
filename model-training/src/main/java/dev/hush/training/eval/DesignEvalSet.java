package dev.hush.training.eval;

import dev.hush.dsp.PercepNet;
import dev.hush.training.corpus.CorpusIndex;
import dev.hush.training.corpus.SourceCatalog;
import dev.hush.training.data.CorpusLoader;
import dev.hush.training.data.SpeechHighPass;
import dev.hush.training.data.SyntheticNoise;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

/**
 * Designs the evaluation set once, from the corpus index: held-out speakers and noise files, then clips that join a
 * speaker's phrases with pauses and add one noise at 0/5/10/15 dB SNR, plus clean-only clips. The output is
 * committed ({@code model-training/src/main/resources/evalset-v2.json}); rerunning with the same corpus reproduces it.
 * v2 has v1's clips; only its speech is high-passed ({@link #SPEECH_HIGH_PASS_HZ}).
 *
 * <pre>run-java.sh dev.hush.training.eval.DesignEvalSet [--cache DIR] [--dev] OUTPUT.json</pre>
 */
public final class DesignEvalSet {
    public static final String VERSION = "v2";
    public static final double SPEECH_HIGH_PASS_HZ = SpeechHighPass.CUTOFF_HZ;
    public static final long SEED = 20_261_123L;
    /**
     * Held-out voices. Only three large full-band voices exist (Tux Paint fr, ru, be): they stay in training, and the
     * small full-band da plus nl and lt (band-limited) are held out with asterisk-ru, a speaker of its own
     * (asterisk en and es are the same speaker). See docs/data.md.
     */
    public static final List<String> HELD_OUT_SPEECH = List.of("tuxpaint-da", "tuxpaint-nl", "tuxpaint-lt", "asterisk-ru");
    public static final List<String> HELD_OUT_NOISE = List.of(
            "stk-noise/lenautile_restaurant",
            "stk-noise/waterfall_loop_2",
            "stk-noise/airplane_jetEngine",
            "megaglest-noise/autumn-rain",
            "megaglest-noise/mediterran-night",
            "megaglest-noise/hell-hell");
    public static final List<SyntheticNoise.Kind> SYNTHETIC = List.of(SyntheticNoise.Kind.HUM, SyntheticNoise.Kind.FAN,
            SyntheticNoise.Kind.KEYBOARD, SyntheticNoise.Kind.PINK);
    public static final double[] SNRS_DB = {0, 5, 10, 15};
    public static final int CLEAN_ONLY_CLIPS = 6;
    public static final double SPEECH_LEVEL_DBFS = -26;
    public static final double MIN_CLIP_SECONDS = 8;
    public static final double MAX_CLIP_SECONDS = 12;
    /**
     * The development set ({@code bin/make-evalset --dev}, {@code bin/evaluate --dev}): the evaluation set's design over material the network trains
     * beside, so that DSP choices (postfilter, assist) can be tuned without looking at the evaluation set. Its speech
     * is the validation split of the training speakers (utterances the trainer never fits), its noises training-side
     * recordings of six kinds (so it does flatter the network on noise it has heard), its synthetic noises new seeds.
     */
    public static final String DEV_VERSION = "dev1";
    public static final long DEV_SEED = 20_261_203L;
    public static final String DEV_RESOURCE = "devset-dev1.json";
    public static final List<String> DEV_NOISE = List.of(
            "stk-noise/sara_airport_pa",
            "stk-noise/static-radio",
            "stk-noise/river_loop",
            "stk-noise/steamLocomotive",
            "stk-noise/spaceship",
            "megaglest-noise/birch_forest-rain");

    /**
     * The unseen-noise development set ({@code bin/make-evalset --unseen-noise-dev}, {@code bin/evaluate --unseen-noise-dev}):
     * the development set's speakers and utterances over real noise that no training recipe uses, taken from the
     * packages added after 1.4.0 ({@code SourceCatalog.EXTRA_NOISES}). The development set's noises are training
     * noises, so it cannot tell whether more noise generalises; the evaluation set can, but is scored only once per
     * shipped model. One file of each of seven kinds, none a duplicate of a training file.
     */
    public static final String UNSEEN_DEV_VERSION = "devnoise1";
    public static final long UNSEEN_DEV_SEED = 20_261_207L;
    public static final String UNSEEN_DEV_RESOURCE = "devset-noise1.json";
    public static final List<String> UNSEEN_DEV_NOISE = List.of(
            "0ad-noise/building-amb_trade_10",
            "0ad-noise/weather-rain_12",
            "0ad-noise/water-river_med_21",
            "redeclipse-noise/wastewind",
            "ufoai-noise/ambience-wind_turbine",
            "ufoai-noise/ambience-city_abnd_ufoai_atm",
            "ufoai-noise/ambience-smallfire");

    private DesignEvalSet() {
    }

    public static void main(String[] args) throws Exception {
        Path cache = MakeEvalSet.defaultCache();
        Path output = null;
        boolean dev = false;
        boolean unseenNoise = false;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--cache")) {
                cache = Path.of(args[++i]);
            } else if (args[i].equals("--dev")) {
                dev = true;
            } else if (args[i].equals("--unseen-noise-dev")) {
                unseenNoise = true;
            } else {
                output = Path.of(args[i]);
            }
        }
        if (output == null) {
            System.err.println("usage: DesignEvalSet [--cache DIR] [--dev | --unseen-noise-dev] OUTPUT.json");
            System.exit(2);
        }
        CorpusIndex index = CorpusIndex.read(cache);
        EvalSetManifest draft = unseenNoise ? designUnseenNoiseDev(index) : dev ? designDev(index) : design(index, SEED);
        EvalSetManifest fixed = withLevels(draft, new EvalClip(cache, index, draft.speechHighPass()));
        fixed.write(output);
        System.out.printf(Locale.ROOT, "%d clips written to %s%n", fixed.clips().size(), output);
    }

    /** Fills in each clip's noisy RMS by building it, so regeneration can check it gets the same audio. */
    static EvalSetManifest withLevels(EvalSetManifest m, EvalClip builder) throws IOException {
        List<EvalSetManifest.Clip> out = new ArrayList<>();
        for (EvalSetManifest.Clip c : m.clips()) {
            double rms = EvalClip.rmsDbfs(builder.build(c, m.sampleRateHz()).noisy());
            out.add(new EvalSetManifest.Clip(c.id(), c.speechSource(), c.utterances(), c.pausesSeconds(), c.noise(),
                    c.noiseKind(), c.noiseSeed(), c.noiseOffsetSeconds(), c.snrDb(), c.speechLevelDbfs(),
                    Math.round(rms * 1000) / 1000.0));
        }
        return new EvalSetManifest(m.version(), m.sampleRateHz(), m.seed(), m.description(), m.speechHighPassHz(), m.heldOutSpeech(),
                m.heldOutNoise(), out);
    }

    public static EvalSetManifest design(CorpusIndex index, long seed) {
        return design(index, seed, HELD_OUT_SPEECH, HELD_OUT_NOISE);
    }

    static EvalSetManifest design(CorpusIndex index, long seed, List<String> speakers, List<String> noises) {
        return design(index, seed, speakers, noises, VERSION,
                "Held-out speakers and noise files; phrases joined with 0.4-1.2 s pauses; SNR 0/5/10/15 dB "
                        + "(active speech vs noise); speech at " + SPEECH_LEVEL_DBFS + " dBFS, high-passed at "
                        + SPEECH_HIGH_PASS_HZ + " Hz; no reverberation.", speakers, noises, true);
    }

    /**
     * The development set: every training speaker, only its validation utterances ({@link CorpusLoader#isValidation}),
     * and {@link #DEV_NOISE}. Its held-out lists stay the evaluation set's, which it never touches.
     */
    public static EvalSetManifest designDev(CorpusIndex index) {
        List<String> speakers = new ArrayList<>();
        // 1.4.0's voices only: the index also holds the voices added since, which dev1 was made without.
        CorpusIndex validationOnly = validationOnly(index, SourceCatalog.VOICES_140::contains, speakers);
        for (String n : DEV_NOISE) {
            if (HELD_OUT_NOISE.contains(n)) {
                throw new IllegalStateException(n + " is held out for evaluation");
            }
        }
        return design(validationOnly, DEV_SEED, speakers, DEV_NOISE, DEV_VERSION,
                "Development set: the training speakers' validation utterances and training-side noise files "
                        + "(never the evaluation set's); otherwise the evaluation set's design. For tuning DSP choices.",
                HELD_OUT_SPEECH, HELD_OUT_NOISE, true);
    }

    /**
     * The unseen-noise development set: 1.4.0's training speakers' validation utterances over
     * {@link #UNSEEN_DEV_NOISE}; no synthetic kinds (the development set has them).
     */
    public static EvalSetManifest designUnseenNoiseDev(CorpusIndex index) {
        List<String> speakers = new ArrayList<>();
        CorpusIndex validationOnly = validationOnly(index, SourceCatalog.VOICES_140::contains, speakers);
        return design(validationOnly, UNSEEN_DEV_SEED, speakers, UNSEEN_DEV_NOISE, UNSEEN_DEV_VERSION,
                "Unseen-noise development set: 1.4.0's training speakers' validation utterances over real noise files "
                        + "no training recipe uses; otherwise the evaluation set's design without synthetic noise.",
                HELD_OUT_SPEECH, HELD_OUT_NOISE, false);
    }

    /**
     * The index with every training speaker that {@code speakerFilter} accepts cut to its validation utterances
     * ({@link CorpusLoader#isValidation}), their ids added to {@code speakers}; noise sources as they are.
     */
    private static CorpusIndex validationOnly(CorpusIndex index, java.util.function.Predicate<String> speakerFilter,
                                              List<String> speakers) {
        List<CorpusIndex.Source> sources = new ArrayList<>();
        for (CorpusIndex.Source s : index.sources()) {
            if (!s.kind().equals("speech")) {
                sources.add(s);
                continue;
            }
            if (HELD_OUT_SPEECH.contains(s.id()) || !speakerFilter.test(s.id())) {
                continue;
            }
            List<CorpusIndex.File> validation = s.files().stream().filter(f -> CorpusLoader.isValidation(f.name())).toList();
            speakers.add(s.id());
            sources.add(new CorpusIndex.Source(s.id(), s.kind(), s.debPackage(), s.speaker(), s.licenses(), validation.size(),
                    validation.stream().mapToDouble(CorpusIndex.File::durationSeconds).sum(), s.bandwidthHz(), s.levelEdgeHz(),
                    s.energy99Hz(), s.energy999Hz(), s.energy9999Hz(), s.clippedFraction(), s.silentChannelFiles(), s.ltasDb(),
                    s.speechOverFloorDb(), validation));
        }
        return new CorpusIndex(index.version(), index.sampleRateHz(), sources);
    }

    /**
     * Clips of {@code speakers} over {@code noises} (and every synthetic kind); the manifest names
     * {@code heldOutSpeech} and {@code heldOutNoise} as what training must never see.
     */
    static EvalSetManifest design(CorpusIndex index, long seed, List<String> speakers, List<String> noises,
                                  String version, String description, List<String> heldOutSpeech,
                                  List<String> heldOutNoise, boolean synthetic) {
        Random rnd = new Random(seed);
        List<String> conditions = new ArrayList<>(noises);
        if (synthetic) {
            for (SyntheticNoise.Kind k : SYNTHETIC) {
                conditions.add(k.label());
            }
        }
        List<EvalSetManifest.Clip> clips = new ArrayList<>();
        int n = 0;
        for (int c = 0; c < conditions.size(); c++) {
            String noise = conditions.get(c);
            for (int s = 0; s < SNRS_DB.length; s++) {
                String speaker = speakers.get((c + s) % speakers.size());
                clips.add(clip(index, rnd, ++n, speaker, noise, SNRS_DB[s]));
            }
        }
        for (int i = 0; i < CLEAN_ONLY_CLIPS; i++) {
            clips.add(clip(index, rnd, ++n, speakers.get(i % speakers.size()), "none", Double.NaN));
        }
        return new EvalSetManifest(version, PercepNet.SAMPLE_RATE_HZ, seed, description, SPEECH_HIGH_PASS_HZ,
                List.copyOf(heldOutSpeech), List.copyOf(heldOutNoise), clips);
    }

    private static EvalSetManifest.Clip clip(CorpusIndex index, Random rnd, int number, String speakerId,
                                             String noise, double snrDb) {
        CorpusIndex.Source speaker = index.source(speakerId);
        double target = MIN_CLIP_SECONDS + (MAX_CLIP_SECONDS - MIN_CLIP_SECONDS) * rnd.nextDouble();
        List<String> utts = new ArrayList<>();
        List<Double> pauses = new ArrayList<>();
        double lead = round(0.5 + 0.5 * rnd.nextDouble());
        double tail = round(0.5 + 0.5 * rnd.nextDouble());
        pauses.add(lead);
        double total = lead + tail;
        Set<Integer> used = new HashSet<>();
        int attempts = 0;
        while (total < target && attempts++ < 1000) {
            int k = rnd.nextInt(speaker.files().size());
            CorpusIndex.File f = speaker.files().get(k);
            double pause = utts.isEmpty() ? 0 : round(0.4 + 0.8 * rnd.nextDouble());
            if (used.contains(k) || total + pause + f.durationSeconds() > MAX_CLIP_SECONDS) {
                continue;
            }
            used.add(k);
            if (!utts.isEmpty()) {
                pauses.add(pause);
            }
            utts.add(f.name());
            total += pause + f.durationSeconds();
        }
        if (utts.size() < 2 || total < MIN_CLIP_SECONDS) {
            throw new IllegalStateException("could not fill a clip from " + speakerId);
        }
        pauses.add(tail);
        String noiseKind;
        long noiseSeed = 0;
        double offset = 0;
        if (noise.equals("none")) {
            noiseKind = "clean";
        } else if (noise.startsWith("synthetic-")) {
            noiseKind = noise;
            noiseSeed = rnd.nextLong();
        } else {
            int slash = noise.indexOf('/');
            CorpusIndex.File f = index.source(noise.substring(0, slash)).files().stream()
                    .filter(x -> x.name().equals(noise.substring(slash + 1))).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("noise file " + noise + " not in the index"));
            noiseKind = f.noiseKind();
            offset = round(rnd.nextDouble() * f.durationSeconds());
        }
        String shortNoise = noise.substring(noise.lastIndexOf('/') + 1).replace("synthetic-", "syn-");
        String id = Double.isNaN(snrDb)
                ? String.format(Locale.ROOT, "%02d-%s-clean", number, speakerId)
                : String.format(Locale.ROOT, "%02d-%s-%s-snr%02d", number, speakerId, shortNoise, (int) snrDb);
        return new EvalSetManifest.Clip(id, speakerId, utts, pauses, noise, noiseKind, noiseSeed, offset,
                Double.isNaN(snrDb) ? null : snrDb, SPEECH_LEVEL_DBFS, null);
    }

    private static double round(double seconds) {
        return Math.round(seconds * 1000) / 1000.0;
    }
}
