package dev.hush.training;

import java.util.Random;

/** Produces training segments: a clean signal, its noisy version, and the clean source's bandwidth. */
public interface SegmentSource {
    record Segment(float[] clean, float[] noisy, float bandwidthHz) {
    }

    /** A new segment of {@code samples} samples at 48 kHz, drawn with {@code random} (for reproducibility). */
    Segment next(Random random, int samples);
}
