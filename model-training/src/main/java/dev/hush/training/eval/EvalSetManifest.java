package dev.hush.training.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;

/**
 * A fixed, versioned evaluation set: which held-out speakers and noise files, which utterances, pauses, SNRs, seeds
 * and offsets. The clips themselves are regenerated from the corpus cache by {@code bin/make-evalset}; only this
 * small manifest is committed ({@value #RESOURCE}).
 *
 * <p>v2 is v1's design (same clips, utterances, noises, SNRs and offsets) with the speech high-passed before its
 * level is set ({@link dev.hush.training.data.SpeechHighPass}): v1's clean references were up to half DC steps and
 * rumble from the Tux Paint recordings. v1 stays readable for reproducing older reports ({@link #v1()}).
 *
 * @param speechHighPassHz cut-off of the high-pass applied to each utterance; null or 0 for none (v1)
 * @param heldOutSpeech    source ids never used for training
 * @param heldOutNoise     noise files ("source/name") never used for training
 */
public record EvalSetManifest(String version, int sampleRateHz, long seed, String description, Double speechHighPassHz,
                              List<String> heldOutSpeech, List<String> heldOutNoise, List<Clip> clips) {
    /** The current set, which bin/evaluate and bin/make-evalset use unless given another manifest. */
    public static final String RESOURCE = "/evalset-v2.json";
    static final String V1_RESOURCE = "/evalset-v1.json";

    /**
     * @param utterances        names within {@code speechSource}, joined in this order
     * @param pausesSeconds     silence before the first utterance, between each pair, and after the last
     *                          (utterances.size() + 1 entries)
     * @param noise             "source/name" of a real recording, a synthetic kind label, or "none"
     * @param noiseKind         coarse class for grouping results ("clean" when no noise)
     * @param noiseSeed         seed of a synthetic noise
     * @param noiseOffsetSeconds start within a real recording (it loops if shorter than the clip)
     * @param snrDb             active-speech-to-noise ratio; null for clean-only clips
     * @param speechLevelDbfs   active speech level of the clean and noisy signals
     * @param noisyRmsDbfs      RMS of noisy.wav when made: regenerating checks it, so a changed corpus is noticed
     */
    public record Clip(String id, String speechSource, List<String> utterances, List<Double> pausesSeconds,
                       String noise, String noiseKind, long noiseSeed, double noiseOffsetSeconds, Double snrDb,
                       double speechLevelDbfs, Double noisyRmsDbfs) {
        public boolean cleanOnly() {
            return snrDb == null;
        }
    }

    static ObjectMapper mapper() {
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    }

    /** The high-pass cut-off for this set's speech, 0 for none. */
    public double speechHighPass() {
        return speechHighPassHz == null ? 0 : speechHighPassHz;
    }

    public static EvalSetManifest current() throws IOException {
        return resource(RESOURCE);
    }

    /** The first set, whose speech kept its DC and rumble. */
    public static EvalSetManifest v1() throws IOException {
        return resource(V1_RESOURCE);
    }

    /**
     * The development set ({@link DesignEvalSet#designDev}): training speakers' validation utterances over
     * training-side noise, for tuning DSP and training choices without looking at the evaluation set.
     */
    public static EvalSetManifest dev() throws IOException {
        return resource("/" + DesignEvalSet.DEV_RESOURCE);
    }

    /**
     * The unseen-noise development set ({@link DesignEvalSet#designUnseenNoiseDev}): the development set's speakers
     * over noise no training recipe uses, for judging whether a recipe generalises to new noise.
     */
    public static EvalSetManifest unseenNoiseDev() throws IOException {
        return resource("/" + DesignEvalSet.UNSEEN_DEV_RESOURCE);
    }

    private static EvalSetManifest resource(String name) throws IOException {
        try (InputStream in = EvalSetManifest.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("resource " + name + " missing from the classpath");
            }
            return mapper().readValue(in, EvalSetManifest.class);
        }
    }

    public static EvalSetManifest read(Path file) throws IOException {
        return mapper().readValue(file.toFile(), EvalSetManifest.class);
    }

    public void write(Path file) throws IOException {
        mapper().writeValue(file.toFile(), this);
    }
}
