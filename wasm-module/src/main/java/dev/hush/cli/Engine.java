package dev.hush.cli;

import java.io.IOException;
import java.util.function.DoubleConsumer;

/** Denoises one channel of 48 kHz audio, delay-compensated: result has the same length as the input and lines up with it. */
public interface Engine extends AutoCloseable {
    String name();

    /**
     * @param samples48k       one channel at 48 kHz, full scale ±1.0; not modified
     * @param progressFraction receives 0..1 now and then (never null)
     */
    float[] denoise(float[] samples48k, java.util.function.DoubleConsumer progressFraction) throws IOException;

    @Override
    default void close() throws IOException {
    }
}
