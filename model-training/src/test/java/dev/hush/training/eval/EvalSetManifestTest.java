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
        assertEquals(48_000, m.sampleRateHz());
        assertTrue(m.clips().size() >= 40 && m.clips().size() <= 80, m.clips().size() + " clips");
        Set<String> ids = new HashSet<>();
        Set<Double> snrs = new HashSet<>();
        int cleanOnly = 0;
        for (EvalSetManifest.Clip c : m.clips()) {
            assertTrue(ids.add(c.id()), "duplicate " + c.id());
            assertTrue(m.heldOutSpeech().contains(c.speechSource()), c.id() + " uses a training speaker");
            assertEquals(c.utterances().size() + 1, c.pausesSeconds().size(), c.id());
            assertNotNull(c.noisyRmsDbfs(), c.id());
            if (c.cleanOnly()) {
                cleanOnly++;
                assertEquals("none", c.noise());
            } else {
                snrs.add(c.snrDb());
                assertTrue(c.noise().startsWith("synthetic-") || m.heldOutNoise().contains(c.noise()),
                        c.id() + " uses a training noise file");
            }
        }
        assertEquals(Set.of(0.0, 5.0, 10.0, 15.0), snrs);
        assertTrue(cleanOnly > 0);
        assertFalse(m.heldOutSpeech().isEmpty());
    }
}
