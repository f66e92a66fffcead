package dev.hush.training.data;

import dev.hush.training.audio.WavFile;
import dev.hush.training.corpus.CorpusIndex;
import dev.hush.training.corpus.SourceCatalog;
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

    /** 1.4.0's training corpus: the voices of {@link SourceCatalog#EXTRA_VOICES} are left out. */
    public static TrainingCorpus load(Path cacheDir, EvalSetManifest heldOut, Split split) throws IOException {
        return load(cacheDir, heldOut, split, false);
    }

    /**
     * With {@code moreVoices}, also the voices added after 1.4.0 ({@link SourceCatalog#EXTRA_VOICES}), and each
     * example's speaker drawn by the square root of its minutes, since some of them have only one.
     */
    public static TrainingCorpus load(Path cacheDir, EvalSetManifest heldOut, Split split, boolean moreVoices)
            throws IOException {
        return load(cacheDir, heldOut, split, moreVoices, 0);
    }

    /**
     * As {@link #load(Path, EvalSetManifest, Split, boolean)}, but an added voice's utterance whose own floor sits
     * less than {@code minExtraRangeDb} under its speech ({@link RecordingFloor}, measured after the high-pass) is
     * left out; 0 keeps them all. 1.4.0's voices are never filtered, so the comparison with 1.4.0 is about the added
     * voices alone.
     */
    public static TrainingCorpus load(Path cacheDir, EvalSetManifest heldOut, Split split, boolean moreVoices,
                                      double minExtraRangeDb) throws IOException {
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
                for (CorpusIndex.File f : s.files()) {
                    if (!heldOutNoise.contains(s.id() + "/" + f.name())) {
                        noise.add(new TrainingCorpus.NoiseRecording(s.id() + "/" + f.name(), f.noiseKind(),
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
