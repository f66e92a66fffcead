package dev.hush.training.data;

import dev.hush.training.SegmentSource;

import java.util.Random;

/** The trainer's view of a {@link MixtureGenerator}: clean, noisy and the source bandwidth for loss masking. */
public final class MixtureSegmentSource implements SegmentSource {
    private final MixtureGenerator generator;

    public MixtureSegmentSource(MixtureGenerator generator) {
        this.generator = generator;
    }

    @Override
    public Segment next(Random random, int samples) {
        Mixture m = generator.next(random, samples);
        return new Segment(m.clean(), m.noisy(), (float) m.bandwidthHz());
    }
}
