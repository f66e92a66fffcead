package dev.hush.training;

import dev.hush.training.data.CorpusLoader;
import dev.hush.training.net.DistillationTeacher;
import java.nio.file.Path;
import java.util.Locale;

/**
 * {@code bin/train}: trains the shipped model from scratch (or {@code --resume}s), then installs the best weights
 * and their manifest next to the DSP. Defaults are the recipe of the shipped model (1.4.0, `--speed 1.15`, in
 * model-training/runs/); the shipped weights record their own recipe in their manifest.
 */
public final class TrainCommand {
    private TrainCommand() {
    }

    public static void main(String[] args) throws Exception {
        long seed = 1;
        int epochs = 120;
        int batch = 32;
        int segmentFrames = 300;
        int trainSegments = 3200;
        int validSegments = 128;
        int dense = 128;
        int conv = 128;
        int gru = 128;
        float lr = 7e-4f;
        int threads = Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors()));
        boolean resume = false;
        boolean freshData = true;
        float finalLr = 5e-5f;
        float signalWeight = dev.hush.training.net.PercepNetLoss.SIGNAL_WEIGHT;
        float pauseWeight = 0f;
        float envelopeWeight = 0f;
        double averageDecay = 0;
        double babbleProbability = 0;
        double speedRatio = 1.15;
        double noiseSpeedRatio = 1;
        boolean moreVoices = false;
        double voiceFloorDb = 0;
        boolean moreNoise = false;
        Path checkpoints = Path.of(System.getProperty("user.home"), ".cache", "hush", "checkpoints");
        Path install = Path.of("wasm-module", "src", "main", "resources", "models");
        String version = "1.4.0";
        Path teacherFile = null;
        float distillWeight = 0.5f;
        boolean distillWeightGiven = false;
        int members = 1;
        // The mixture recipe's defaults: the SNR range, and what a non-default range is reported against.
        dev.hush.training.data.MixtureGenerator.Config mixDefaults =
                dev.hush.training.data.MixtureGenerator.Config.defaults(1);
        double snrMinDb = mixDefaults.snrMinDb();
        double snrMaxDb = mixDefaults.snrMaxDb();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--epochs" -> epochs = Integer.parseInt(args[++i]);
                case "--batch" -> batch = Integer.parseInt(args[++i]);
                case "--segments" -> trainSegments = Integer.parseInt(args[++i]);
                case "--valid-segments" -> validSegments = Integer.parseInt(args[++i]);
                case "--segment-frames" -> segmentFrames = Integer.parseInt(args[++i]);
                case "--units" -> {
                    String[] u = args[++i].split(",");
                    dense = Integer.parseInt(u[0]);
                    conv = Integer.parseInt(u[1]);
                    gru = Integer.parseInt(u[2]);
                }
                case "--lr" -> lr = Float.parseFloat(args[++i]);
                case "--final-lr" -> finalLr = Float.parseFloat(args[++i]);
                case "--signal-weight" -> signalWeight = Float.parseFloat(args[++i]);
                case "--pause-weight" -> pauseWeight = Float.parseFloat(args[++i]);
                case "--envelope-weight" -> envelopeWeight = Float.parseFloat(args[++i]);
                case "--average-decay" -> averageDecay = Double.parseDouble(args[++i]);
                case "--babble" -> babbleProbability = Double.parseDouble(args[++i]);
                case "--speed" -> speedRatio = Double.parseDouble(args[++i]);
                case "--noise-speed" -> noiseSpeedRatio = Double.parseDouble(args[++i]);
                case "--snr-range" -> {
                    String[] r = args[++i].split(",");
                    if (r.length != 2) {
                        System.err.println("train: error: --snr-range wants MIN,MAX in dB, e.g. -5,20");
                        System.exit(2);
                    }
                    snrMinDb = Double.parseDouble(r[0]);
                    snrMaxDb = Double.parseDouble(r[1]);
                }
                case "--fixed-set" -> freshData = false;
                case "--more-voices" -> moreVoices = true;
                case "--voice-floor" -> voiceFloorDb = Double.parseDouble(args[++i]);
                case "--more-noise" -> moreNoise = true;
                case "--checkpoints" -> checkpoints = Path.of(args[++i]);
                case "--install" -> install = Path.of(args[++i]);
                case "--version" -> version = args[++i];
                case "--resume" -> resume = true;
                case "--teacher" -> teacherFile = Path.of(args[++i]);
                case "--members" -> members = Integer.parseInt(args[++i]);
                case "--distill-weight" -> {
                    distillWeight = Float.parseFloat(args[++i]);
                    distillWeightGiven = true;
                }
                case "--help", "-h" -> {
                    System.out.println("usage: bin/train [--resume] [--epochs N] [--segments N] [--seed N] "
                            + "[--units dense,conv,gru] [--lr LR] [--final-lr LR] [--signal-weight W] [--pause-weight W] [--envelope-weight W] [--average-decay D] [--babble P] [--speed R] [--noise-speed R] [--snr-range MIN,MAX] [--more-voices [--voice-floor DB]] [--more-noise] [--teacher FILE [--distill-weight W]] [--members K] [--fixed-set] [--checkpoints DIR] "
                            + "[--install DIR] [--version V]");
                    return;
                }
                default -> {
                    System.err.println("train: error: unknown option " + a);
                    System.exit(2);
                }
            }
        }
        TrainConfig config;
        try {
            config = new TrainConfig(seed, epochs, batch, segmentFrames, trainSegments, validSegments,
                    dense, conv, gru, lr, threads, checkpoints, resume, ModelManifest.MODEL_NAME, version,
                    freshData, finalLr, signalWeight, pauseWeight, envelopeWeight, averageDecay, members);
        } catch (IllegalArgumentException e) {
            System.err.println("train: error: " + e.getMessage()
                    + " (--signal-weight, --pause-weight, --envelope-weight, --segment-frames, --average-decay, --members)");
            System.exit(2);
            return;
        }
        if (averageDecay > 0) {
            System.err.println("train: note: with --average-decay a run is not reproducible to the digit"
                    + " (runs/hush-percepnet-1.14.0); without it, it is");
        }
        int segmentSamples = (segmentFrames + TrainConfig.WARMUP_FRAMES) * dev.hush.dsp.PercepNet.HOP_SAMPLES;
        try {
            // The mixture recipe's own checks, run before the minute of corpus loading, not after it.
            mixDefaults.withBabbleProbability(babbleProbability).withSpeedRatio(speedRatio)
                    .withNoiseSpeedRatio(noiseSpeedRatio).withSnrRangeDb(snrMinDb, snrMaxDb);
        } catch (IllegalArgumentException e) {
            System.err.println("train: error: " + e.getMessage()
                    + " (--babble P, --speed R, --noise-speed R, --snr-range MIN,MAX)");
            System.exit(2);
        }
        CorpusLoader.Recipe recipe;
        try {
            recipe = new CorpusLoader.Recipe(moreVoices, voiceFloorDb, moreNoise);
        } catch (IllegalArgumentException e) {
            System.err.println("train: error: " + e.getMessage() + " (--voice-floor DB, with --more-voices)");
            System.exit(2);
            return;
        }
        if (distillWeightGiven && teacherFile == null) {
            System.err.println("train: error: --distill-weight needs --teacher FILE");
            System.exit(2);
        }
        DistillationTeacher teacher = null;
        String teacherSummary = "";
        if (teacherFile != null) {
            try {
                byte[] bytes = java.nio.file.Files.readAllBytes(teacherFile);
                teacher = DistillationTeacher.load(bytes, distillWeight);
                teacherSummary = String.format(Locale.ROOT, "; gain and strength targets moved %.2f of the way from the"
                        + " oracle's toward those of teacher %s (SHA-256 %s, %d network%s)", distillWeight,
                        teacherFile.getFileName(), ModelManifest.sha256(bytes), teacher.members(),
                        teacher.members() == 1 ? "" : "s");
            } catch (java.io.IOException | IllegalArgumentException e) {
                System.err.println("train: error: --teacher " + teacherFile + ": "
                        + (e instanceof java.nio.file.NoSuchFileException ? "no such file" : e.getMessage()));
                System.exit(2);
                return;
            }
        }
        TrainingData train = TrainingData.load(CorpusLoader.Split.TRAIN, recipe);
        TrainingData valid = TrainingData.load(CorpusLoader.Split.VALIDATION, recipe);
        // The manifest keeps the data recipe, so a model trained with babble says so.
        String trainSummary = train.describe() + (babbleProbability > 0 ? String.format(Locale.ROOT,
                "; babble from training talkers in %.2f of the noisy mixtures", babbleProbability) : "")
                + (speedRatio > 1 ? String.format(Locale.ROOT,
                "; speech played at speeds log-uniform in [1/%.2f, %.2f]", speedRatio, speedRatio) : "")
                + (noiseSpeedRatio > 1 ? String.format(Locale.ROOT,
                "; recorded noise played at speeds log-uniform in [1/%.2f, %.2f]", noiseSpeedRatio, noiseSpeedRatio)
                : "") + (snrMinDb != mixDefaults.snrMinDb() || snrMaxDb != mixDefaults.snrMaxDb()
                ? String.format(Locale.ROOT, "; noisy mixtures at SNR uniform in [%.0f, %.0f] dB (validation: [%.0f, %.0f])",
                snrMinDb, snrMaxDb, mixDefaults.snrMinDb(), mixDefaults.snrMaxDb()) : "") + teacherSummary;
        System.out.println(trainSummary);
        System.out.println(valid.describe());
        long start = System.nanoTime();
        Path best = new Train(config, train.source(segmentSamples, seed, babbleProbability, speedRatio, noiseSpeedRatio,
                snrMinDb, snrMaxDb),
                // The best checkpoint is picked on voices and noises as they were recorded, not on perturbed ones.
                valid.source(segmentSamples, seed + 1, babbleProbability, 1, 1)).distilledFrom(teacher).run();
        if (teacher != null) {
            teacher.close();
        }
        ModelManifest.install(best, install, config, trainSummary);
        System.out.printf(Locale.ROOT, "training finished in %.1f min; installed %s%n",
                (System.nanoTime() - start) / 60e9, install.toAbsolutePath());
    }
}
