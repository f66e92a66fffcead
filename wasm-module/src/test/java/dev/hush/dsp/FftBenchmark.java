package dev.hush.dsp;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.jtransforms.fft.FloatFFT_1D;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** The 960-point real FFT: our allocation-free mixed-radix one against JTransforms. Run with {@code bin/bench-dsp Fft}. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class FftBenchmark {
    private final float[] x = new float[PercepNet.WINDOW_SAMPLES];
    private final float[] work = new float[PercepNet.WINDOW_SAMPLES];
    private final float[] re = new float[PercepNet.BINS];
    private final float[] im = new float[PercepNet.BINS];
    private final RealFft ours = new RealFft(PercepNet.WINDOW_SAMPLES);
    private final FloatFFT_1D jtransforms = new FloatFFT_1D(PercepNet.WINDOW_SAMPLES);

    @Setup
    public void setUp() {
        Random random = new Random(1);
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) random.nextGaussian();
        }
    }

    @Benchmark
    public float[] hushRealFft() {
        ours.forward(x, re, im);
        return re;
    }

    @Benchmark
    public float[] jtransformsRealForward() {
        System.arraycopy(x, 0, work, 0, work.length);
        jtransforms.realForward(work);
        return work;
    }
}
