package dev.hush.training.data;

import dev.hush.training.audio.WavFile;
import dev.hush.training.corpus.CorpusIndex;
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

    public static TrainingCorpus load(Path cacheDir, EvalSetManifest heldOut, Split split) throws IOException {
        CorpusIndex index = CorpusIndex.read(cacheDir);
        Set<String> heldOutSpeech = new HashSet<>(heldOut.heldOutSpeech());
        Set<String> heldOutNoise = new HashSet<>(heldOut.heldOutNoise());
        List<TrainingCorpus.SpeechSource> speech = new ArrayList<>();
        List<TrainingCorpus.NoiseRecording> noise = new ArrayList<>();
        for (CorpusIndex.Source s : index.sources()) {
            if (s.kind().equals("speech")) {
                if (heldOutSpeech.contains(s.id())) {
                    continue;
                }
                List<short[]> utts = new ArrayList<>();
                for (CorpusIndex.File f : s.files()) {
                    if (isValidation(f.name()) == (split == Split.VALIDATION)) {
                        float[] x = WavFile.read(cacheDir.resolve(f.wav())).samples();
                        SpeechHighPass.apply(x, SpeechHighPass.CUTOFF_HZ, dev.hush.dsp.PercepNet.SAMPLE_RATE_HZ);
                        utts.add(TrainingCorpus.toPcm16(x));
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
        return new TrainingCorpus(speech, noise, irs);
    }

    /** Whether an utterance belongs to the validation split (stable: a hash of its name). */
    public static boolean isValidation(String utteranceName) {
        return Math.floorMod(utteranceName.hashCode() * 0x9E3779B1, VALIDATION_ONE_IN) == 0;
    }
}
