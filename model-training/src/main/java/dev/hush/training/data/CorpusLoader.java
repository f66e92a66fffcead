package dev.hush.training.data;

import dev.hush.training.audio.WavFile;
import dev.hush.training.corpus.CorpusIndex;
import dev.hush.training.corpus.SourceCatalog;
import dev.hush.training.eval.DesignEvalSet;
import dev.hush.training.eval.EvalSetManifest;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Loads the training side of the corpus cache: every speech source and noise file the evaluation manifest does not
 * hold out, plus the impulse responses. A small share of each training speaker's utterances can be set aside for
 * validation, chosen by a hash of the name so the choice never changes. Speech loses its DC and rumble on the way
 * in ({@link SpeechHighPass}), so the oracle targets never ask the network to keep infrasound.
 */
public final class CorpusLoader {
    public enum Split {
        /** Train speakers and noise files, minus the validation share. */
        TRAIN,
        /** The validation share of train speakers' utterances (train noise files). */
        VALIDATION
    }

    /** One utterance in this many goes to validation. */
    public static final int VALIDATION_ONE_IN = 20;

    private CorpusLoader() {
    }

    /**
     * What a training corpus holds beyond 1.4.0's.
     *
     * @param moreVoices     also {@link SourceCatalog#EXTRA_VOICES}, each example's speaker drawn by the square root
     *                       of its minutes, since some of them have only one
     * @param voiceFloorDb   an added voice's utterance whose own floor sits less than this under its speech
     *                       ({@link RecordingFloor}, measured after the high-pass) is left out; 0 keeps them all.
     *                       1.4.0's voices are never filtered, so a comparison with 1.4.0 is about the added voices
     * @param moreNoise      also {@link SourceCatalog#EXTRA_NOISES}
     */
    public record Recipe(boolean moreVoices, double voiceFloorDb, boolean moreNoise) {
        /** 1.4.0's corpus: its ten voices and two noise collections. */
        public static final Recipe V140 = new Recipe(false, 0, false);

        public Recipe {
            if (voiceFloorDb < 0 || (voiceFloorDb > 0 && !moreVoices)) {
                // The floor filters only the added voices, so without them it would silently do nothing.
                throw new IllegalArgumentException("a voice floor needs the added voices and must be >= 0, got " + voiceFloorDb);
            }
        }
    }

    /** 1.4.0's training corpus. */
    public static TrainingCorpus load(Path cacheDir, EvalSetManifest heldOut, Split split) throws IOException {
        return load(cacheDir, heldOut, split, Recipe.V140);
    }

    /**
     * The corpus of {@code recipe}. Noise files of the unseen-noise development set
     * ({@link DesignEvalSet#UNSEEN_DEV_NOISE}) are never loaded, whatever the recipe.
     */
    public static TrainingCorpus load(Path cacheDir, EvalSetManifest heldOut, Split split, Recipe recipe)
            throws IOException {
        boolean moreVoices = recipe.moreVoices();
        double minExtraRangeDb = recipe.voiceFloorDb();
        CorpusIndex index = CorpusIndex.read(cacheDir);
        Set<String> heldOutSpeech = new HashSet<>(heldOut.heldOutSpeech());
        Set<String> heldOutNoise = new HashSet<>(heldOut.heldOutNoise());
        List<TrainingCorpus.SpeechSource> speech = new ArrayList<>();
        List<TrainingCorpus.NoiseRecording> noise = new ArrayList<>();
        for (CorpusIndex.Source s : index.sources()) {
            if (s.kind().equals("speech")) {
                // Named lists, not "whatever the index holds": an index left by an older catalog (a voice since
                // dropped) must not slip a voice into a recipe.
                boolean wanted = SourceCatalog.VOICES_140.contains(s.id())
                        || (moreVoices && SourceCatalog.EXTRA_VOICES.contains(s.id()));
                if (heldOutSpeech.contains(s.id()) || !wanted) {
                    continue;
                }
                boolean filtered = SourceCatalog.EXTRA_VOICES.contains(s.id()) && minExtraRangeDb > 0;
                List<short[]> utts = new ArrayList<>();
                for (CorpusIndex.File f : s.files()) {
                    if (isValidation(f.name()) == (split == Split.VALIDATION)) {
                        float[] x = WavFile.read(cacheDir.resolve(f.wav())).samples();
                        SpeechHighPass.apply(x, SpeechHighPass.CUTOFF_HZ, dev.hush.dsp.PercepNet.SAMPLE_RATE_HZ);
                        if (!filtered || RecordingFloor.dynamicRangeDb(x) >= minExtraRangeDb) {
                            utts.add(TrainingCorpus.toPcm16(x));
                        }
                    }
                }
                if (!utts.isEmpty()) {
                    speech.add(new TrainingCorpus.SpeechSource(s.id(), s.bandwidthHz(), utts));
                }
            } else {
                boolean wanted = SourceCatalog.NOISES_140.contains(s.id())
                        || (recipe.moreNoise() && SourceCatalog.EXTRA_NOISES.contains(s.id()));
                if (!wanted) {
                    continue;
                }
                for (CorpusIndex.File f : s.files()) {
                    String name = s.id() + "/" + f.name();
                    if (!heldOutNoise.contains(name) && !DesignEvalSet.UNSEEN_DEV_NOISE.contains(name)) {
                        noise.add(new TrainingCorpus.NoiseRecording(name, f.noiseKind(),
                                TrainingCorpus.toPcm16(WavFile.read(cacheDir.resolve(f.wav())).samples())));
                    }
                }
            }
        }
        List<TrainingCorpus.ImpulseResponse> irs = new ArrayList<>();
        for (Path p : RoomImpulseResponses.list(cacheDir)) {
            irs.add(new TrainingCorpus.ImpulseResponse(p.getFileName().toString(), WavFile.read(p).samples()));
        }
        return new TrainingCorpus(speech, noise, irs,
                moreVoices ? TrainingCorpus.SpeakerDraw.SQRT_DURATION : TrainingCorpus.SpeakerDraw.UNIFORM);
    }

    /** Whether an utterance belongs to the validation split (stable: a hash of its name). */
    public static boolean isValidation(String utteranceName) {
        return Math.floorMod(utteranceName.hashCode() * 0x9E3779B1, VALIDATION_ONE_IN) == 0;
    }
}
