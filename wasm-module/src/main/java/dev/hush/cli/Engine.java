package dev.hush.cli;
/** Denoises one channel of 48 kHz audio, delay-compensated: result has the same length as the input and lines up with it. */
public interface Engine extends AutoCloseable {
    String name();
    float[] denoise(float[] samples48k, java.util.function.DoubleConsumer progressFraction) throws java.io.IOException;
    @Override default void close() throws java.io.IOException {}
}
