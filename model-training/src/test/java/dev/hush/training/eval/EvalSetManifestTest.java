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
