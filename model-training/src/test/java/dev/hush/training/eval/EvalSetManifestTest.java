package dev.hush.training.eval;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The committed manifest (the cache is not needed to check its shape). */
class EvalSetManifestTest {
    /** The development set never touches what the evaluation set holds out, nor a training utterance. */
    @Test
    void devSetUsesOnlyValidationUtterancesAndTrainingNoise() throws IOException {
        EvalSetManifest m = EvalSetManifest.dev();
        EvalSetManifest eval = EvalSetManifest.current();
        assertEquals(DesignEvalSet.DEV_VERSION, m.version());
        assertEquals(eval.heldOutSpeech(), m.heldOutSpeech());
        assertEquals(eval.heldOutNoise(), m.heldOutNoise());
        wellFormed(m, false);
        Set<String> speakers = new HashSet<>();
        Set<String> noises = new HashSet<>();
        for (EvalSetManifest.Clip c : m.clips()) {
            assertFalse(eval.heldOutSpeech().contains(c.speechSource()), c.id() + " uses a held-out speaker");
            speakers.add(c.speechSource());
            for (String u : c.utterances()) {
                assertTrue(dev.hush.training.data.CorpusLoader.isValidation(u), c.id() + ": " + u + " is a training utterance");
            }
            if (!c.cleanOnly() && !c.noise().startsWith("synthetic-")) {
                assertFalse(eval.heldOutNoise().contains(c.noise()), c.id() + " uses held-out noise " + c.noise());
                assertTrue(DesignEvalSet.DEV_NOISE.contains(c.noise()), c.noise());
                noises.add(c.noise());
            }
        }
        assertEquals(10, speakers.size(), "every training speaker");
        assertEquals(Set.copyOf(DesignEvalSet.DEV_NOISE), noises);
        assertEquals(eval.clips().size(), m.clips().size(), "the evaluation set's grid");
    }

    @Test
    void v1IsWellFormed() throws IOException {
        EvalSetManifest m = EvalSetManifest.v1();
        assertEquals("v1", m.version());
        assertEquals(0.0, m.speechHighPass());
        wellFormed(m);
    }

    /** v2 is v1's design with high-passed speech: same clips, only the levels of the noisy mixtures move. */
    @Test
    void v2IsV1WithHighPassedSpeech() throws IOException {
        EvalSetManifest v1 = EvalSetManifest.v1();
        EvalSetManifest m = EvalSetManifest.current();
        assertEquals("v2", m.version());
        assertEquals(dev.hush.training.data.SpeechHighPass.CUTOFF_HZ, m.speechHighPass());
        wellFormed(m);
        assertEquals(v1.heldOutSpeech(), m.heldOutSpeech());
        assertEquals(v1.heldOutNoise(), m.heldOutNoise());
        assertEquals(v1.clips().size(), m.clips().size());
        for (int i = 0; i < m.clips().size(); i++) {
            EvalSetManifest.Clip a = v1.clips().get(i);
            EvalSetManifest.Clip b = m.clips().get(i);
            assertEquals(a.id(), b.id());
            assertEquals(a.utterances(), b.utterances());
            assertEquals(a.pausesSeconds(), b.pausesSeconds());
            assertEquals(a.noise(), b.noise());
            assertEquals(a.noiseSeed(), b.noiseSeed());
            assertEquals(a.noiseOffsetSeconds(), b.noiseOffsetSeconds());
            assertEquals(a.snrDb(), b.snrDb());
        }
    }

    private static void wellFormed(EvalSetManifest m) {
        wellFormed(m, true);
    }

    /** @param heldOut whether the clips must come from the held-out speakers and noise files (an evaluation set) */
    private static void wellFormed(EvalSetManifest m, boolean heldOut) {
        assertEquals(48_000, m.sampleRateHz());
        assertTrue(m.clips().size() >= 40 && m.clips().size() <= 80, m.clips().size() + " clips");
        Set<String> ids = new HashSet<>();
        Set<Double> snrs = new HashSet<>();
        int cleanOnly = 0;
        for (EvalSetManifest.Clip c : m.clips()) {
            assertTrue(ids.add(c.id()), "duplicate " + c.id());
            assertTrue(!heldOut || m.heldOutSpeech().contains(c.speechSource()), c.id() + " uses a training speaker");
            assertEquals(c.utterances().size() + 1, c.pausesSeconds().size(), c.id());
            assertNotNull(c.noisyRmsDbfs(), c.id());
            if (c.cleanOnly()) {
                cleanOnly++;
                assertEquals("none", c.noise());
            } else {
                snrs.add(c.snrDb());
                assertTrue(!heldOut || c.noise().startsWith("synthetic-") || m.heldOutNoise().contains(c.noise()),
                        c.id() + " uses a training noise file");
            }
        }
        assertEquals(Set.of(0.0, 5.0, 10.0, 15.0), snrs);
        assertTrue(cleanOnly > 0);
        assertFalse(m.heldOutSpeech().isEmpty());
    }
}
