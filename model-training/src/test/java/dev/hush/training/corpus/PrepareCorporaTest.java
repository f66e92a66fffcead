package dev.hush.training.corpus;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

class PrepareCorporaTest {
    private static float[] tone(float amp) {
        float[] x = new float[4800];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (amp * Math.sin(i * 0.1));
        }
        return x;
    }

    @Test
    void deadChannelIsDroppedNotAveraged() {
        // Tux Paint's French phrases: one channel carries the voice, the other is (near) silent.
        float[] live = tone(0.5f);
        PrepareCorpora.ChannelChoice c = PrepareCorpora.chooseChannel(new float[][] {tone(1e-4f), live});
        assertArrayEquals(live, c.samples(), 0f);
        assertNotNull(c.note());
    }

    @Test
    void realStereoIsAveraged() {
        PrepareCorpora.ChannelChoice c = PrepareCorpora.chooseChannel(new float[][] {tone(0.4f), tone(0.2f)});
        assertEquals(0.3 * Math.sin(0.1), c.samples()[1], 1e-6);
        assertNull(c.note());
    }
}
