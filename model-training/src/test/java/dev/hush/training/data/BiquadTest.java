package dev.hush.training.data;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class BiquadTest {
    private static final int RATE = 48_000;

    /** Gain measured by filtering a long sine, dB. */
    private static double measuredGainDb(Biquad b, double hz) {
        float[] x = new float[RATE];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) Math.sin(2 * Math.PI * hz * i / RATE);
        }
        b.process(x);
        double e = 0;
        for (int i = RATE / 2; i < RATE; i++) {
            e += x[i] * x[i];
        }
        return 10 * Math.log10(e / (RATE / 2) / 0.5);
    }

    @Test
    void peakingHitsItsGainAtTheCentre() {
        Biquad b = Biquad.peaking(1000, 1.0, 6.0, RATE);
        assertEquals(6.0, b.gainDbAt(1000, RATE), 1e-6);
        assertEquals(6.0, measuredGainDb(b, 1000), 0.05);
        assertEquals(0.0, b.gainDbAt(20, RATE), 0.1);
    }

    @Test
    void shelvesReachTheirGainFarFromTheCorner() {
        assertEquals(-5.0, Biquad.lowShelf(300, -5, RATE).gainDbAt(10, RATE), 0.05);
        assertEquals(0.0, Biquad.lowShelf(300, -5, RATE).gainDbAt(15_000, RATE), 0.05);
        assertEquals(4.0, Biquad.highShelf(3000, 4, RATE).gainDbAt(23_000, RATE), 0.05);
        assertEquals(0.0, Biquad.highShelf(3000, 4, RATE).gainDbAt(50, RATE), 0.05);
        assertEquals(4.0, measuredGainDb(Biquad.highShelf(3000, 4, RATE), 20_000), 0.1);
    }
}
