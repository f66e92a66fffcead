package dev.hush.training.eval;

import dev.hush.cli.FrameProcessor;
import dev.hush.cli.LatencyCompensator;
import dev.hush.dsp.Denoiser;
import dev.hush.dsp.GainEstimator;
import dev.hush.dsp.OracleGains;
import dev.hush.training.audio.WavFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * {@code bin/oracle-ceiling}: what a perfect network would reach through Hush's DSP. Runs every clip of the
 * evaluation set with the gains and strengths the network is trained to predict (PercepNet's oracle targets,
 * computed from the clean reference), through the same comb filter and postfilter as the shipped path, and
 * writes {@code <clip>.wav} outputs for {@code bin/evaluate --denoiser oracle=DIR}. The gap between this and the
 * shipped model is what better training can still win; the gap between this and the clean speech is the limit
 * of 34-band gains plus a pitch comb, which no training closes.
 */
public final class OracleCeiling {
    private OracleCeiling() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1 || args[0].startsWith("-")) {
            System.err.println("usage: oracle-ceiling OUTPUT_DIR   (needs bin/make-evalset's clips in the cache)");
            System.exit(2);
        }
        Path out = Path.of(args[0]);
        EvalSetManifest m = EvalSetManifest.current();
        Path clips = MakeEvalSet.clipsDir(MakeEvalSet.defaultCache(), m);
        if (!Files.isDirectory(clips)) {
            System.err.println("oracle-ceiling: no evaluation clips in " + clips + "; run bin/make-evalset first");
            System.exit(1);
        }
        Files.createDirectories(out);
        List<Path> dirs;
        try (Stream<Path> s = Files.list(clips)) {
            dirs = s.filter(d -> Files.exists(d.resolve("clean.wav"))).sorted().toList();
        }
        int done = 0;
        for (Path dir : dirs) {
            WavFile.Audio clean = WavFile.read(dir.resolve("clean.wav"));
            WavFile.Audio noisy = WavFile.read(dir.resolve("noisy.wav"));
            WavFile.writeFloat(out.resolve(dir.getFileName() + ".wav"), denoise(clean.samples(), noisy.samples()),
                    noisy.sampleRateHz());
            System.err.printf("oracle-ceiling: %d/%d %s%n", ++done, dirs.size(), dir.getFileName());
        }
    }

    /** The noisy signal denoised with oracle targets, aligned with the input (the DSP's latency removed). */
    static float[] denoise(float[] clean, float[] noisy) throws IOException {
        return denoise(clean, noisy, oracle -> oracle);
    }

    /**
     * The noisy signal through the DSP with the estimator {@code estimator} makes from an oracle that follows the
     * clean reference in step (the oracle itself, or a mix of it with a network, as {@link Ablation} does).
     */
    static float[] denoise(float[] clean, float[] noisy, Function<OracleGains, GainEstimator> estimator)
            throws IOException {
        if (clean.length != noisy.length) {
            throw new IOException("clean and noisy differ in length");
        }
        int hop = Denoiser.FRAME_SAMPLES;
        OracleGains oracle = new OracleGains();
        Denoiser denoiser = new Denoiser(estimator.apply(oracle));
        // The clean reference goes in hop by hop, in step with the noisy frames, with zeros where they flush.
        float[] cleanPadded = Arrays.copyOf(clean, (clean.length + denoiser.latencySamples() + hop - 1) / hop * hop);
        FrameProcessor withOracle = new FrameProcessor() {
            private int frame;

            @Override
            public int frameSamples() {
                return hop;
            }

            @Override
            public int latencySamples() {
                return denoiser.latencySamples();
            }

            @Override
            public void processFrame(float[] in, int inOffset, float[] out, int outOffset) {
                oracle.pushClean(cleanPadded, frame++ * hop);
                denoiser.processFrame(in, inOffset, out, outOffset);
            }
        };
        return LatencyCompensator.run(withOracle, noisy, null);
    }
}
