package dev.hush.bench;

import dev.hush.cli.ShippedModel;
import dev.hush.dsp.Denoiser;
import dev.hush.dsp.PercepNet;
import java.io.IOException;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost per 10 ms frame on the JVM. {@code estimator=classic}: the DSP alone (pitch, analysis, comb, classic
 * estimator, synthesis); {@code shipped}: what {@code bin/denoise} runs, the shipped network with the steady-noise
 * assist. Run with {@code bin/bench-dsp}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DenoiserBenchmark {
    private static final int FRAMES = 500;

    private final float[] input = new float[FRAMES * PercepNet.HOP_SAMPLES];
    private final float[] output = new float[PercepNet.HOP_SAMPLES];
    private Denoiser denoiser;
    private int frame;

    @Param({"classic", "shipped"})
    public String estimator;

    @Setup
    public void setUp() throws IOException {
        Random random = new Random(1);
        for (int i = 0; i < input.length; i++) {
            // Noise plus a 150 Hz harmonic tone, so the pitch search and comb do real work.
            input[i] = (float) (0.05 * random.nextGaussian() + 0.2 * Math.sin(2 * Math.PI * 150 * i / 48000.0)
                    + 0.1 * Math.sin(2 * Math.PI * 450 * i / 48000.0));
        }
        denoiser = estimator.equals("shipped") ? Denoiser.create(ShippedModel.bytes()) : new Denoiser();
    }

    @Benchmark
    public float[] processFrame() {
        denoiser.processFrame(input, frame * PercepNet.HOP_SAMPLES, output, 0);
        frame = (frame + 1) % FRAMES;
        return output;
    }
}
