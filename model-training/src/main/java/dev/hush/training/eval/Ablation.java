package dev.hush.training.eval;

import dev.hush.dsp.FrameAnalysis;
import dev.hush.dsp.GainEstimator;
import dev.hush.dsp.OracleGains;
import dev.hush.dsp.PercepNet;
import dev.hush.nn.GainModel;
import dev.hush.nn.ModelFormatException;
import dev.hush.training.audio.WavFile;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * {@code bin/ablation}: which half of the network's estimate costs the most. Runs the evaluation set through the
 * DSP (no steady-noise assist) with the network's gains or strengths swapped for the oracle's, or the comb
 * filter turned off, and writes {@code <mode>/<clip>.wav} for {@code bin/evaluate}. If oracle gains with the
 * network's strengths come close to the oracle ceiling, training should spend its effort on the gains.
 */
public final class Ablation {
    enum Mode {
        /** The network's gains, the oracle's comb strengths. */
        NET_G_ORACLE_R,
        /** The oracle's gains, the network's comb strengths. */
        ORACLE_G_NET_R,
        /** The network's gains, no comb filter. */
        NET_G_ZERO_R,
        /** The oracle's gains, no comb filter. */
        ORACLE_G_ZERO_R
    }

    private Ablation() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2 || args[0].startsWith("-")) {
            System.err.println("usage: ablation OUTPUT_DIR MODEL.bin   (needs bin/make-evalset's clips in the cache)");
            System.exit(2);
        }
        Path out = Path.of(args[0]);
        byte[] model = Files.readAllBytes(Path.of(args[1]));
        try {
            GainModel.load(model);
        } catch (ModelFormatException e) {
            System.err.println("ablation: " + args[1] + " is not a usable model: " + e.getMessage());
            System.exit(1);
        }
        Path clips = MakeEvalSet.clipsDir(MakeEvalSet.defaultCache(), EvalSetManifest.current());
        if (!Files.isDirectory(clips)) {
            System.err.println("ablation: no evaluation clips in " + clips + "; run bin/make-evalset first");
            System.exit(1);
        }
        List<Path> dirs;
        try (Stream<Path> s = Files.list(clips)) {
            dirs = s.filter(d -> Files.exists(d.resolve("clean.wav"))).sorted().toList();
        }
        for (Mode mode : Mode.values()) {
            Path o = out.resolve(mode.name().toLowerCase(Locale.ROOT));
            Files.createDirectories(o);
            for (Path dir : dirs) {
                float[] clean = WavFile.read(dir.resolve("clean.wav")).samples();
                WavFile.Audio noisy = WavFile.read(dir.resolve("noisy.wav"));
                GainModel net = GainModel.load(model);
                float[] denoised = OracleCeiling.denoise(clean, noisy.samples(), oracle -> mixed(mode, oracle, net));
                WavFile.writeFloat(o.resolve(dir.getFileName() + ".wav"), denoised, noisy.sampleRateHz());
            }
            System.err.println("ablation: " + mode + " done (" + dirs.size() + " clips)");
        }
    }

    static GainEstimator mixed(Mode mode, OracleGains oracle, GainModel net) {
        float[] oracleGains = new float[PercepNet.BANDS];
        float[] oracleStrengths = new float[PercepNet.BANDS];
        return new GainEstimator() {
            @Override
            public void estimate(FrameAnalysis frame, float[] gains, float[] strengths) {
                oracle.estimate(frame, oracleGains, oracleStrengths);
                net.estimate(frame, gains, strengths);
                switch (mode) {
                    case NET_G_ORACLE_R -> System.arraycopy(oracleStrengths, 0, strengths, 0, PercepNet.BANDS);
                    case ORACLE_G_NET_R -> System.arraycopy(oracleGains, 0, gains, 0, PercepNet.BANDS);
                    case NET_G_ZERO_R -> Arrays.fill(strengths, 0f);
                    case ORACLE_G_ZERO_R -> {
                        System.arraycopy(oracleGains, 0, gains, 0, PercepNet.BANDS);
                        Arrays.fill(strengths, 0f);
                    }
                }
            }

            @Override
            public void reset() {
                oracle.reset();
                net.reset();
            }
        };
    }
}
