package dev.hush.training;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import dev.hush.dsp.PercepNet;
import dev.hush.training.net.DistillationTeacher;
import dev.hush.training.net.EnsembleBlock;
import dev.hush.training.net.EnsembleLoss;
import dev.hush.training.net.PercepNetBlock;
import dev.hush.training.net.PercepNetLoss;
import dev.hush.training.net.WeightsExport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Trains the network (or {@code members} networks side by side, an ensemble) from scratch or resumes, seeded and
 * reproducible given the same data:
 * generates mixtures, extracts features and oracle targets with the real DSP, trains with PercepNet's losses,
 * checkpoints every epoch, and exports the best epoch's weights.
 */
public final class Train {
    private final TrainConfig config;
    private final SegmentSource trainSource;
    private final SegmentSource validSource;

    private DistillationTeacher teacher;

    /** Validation segments come from {@code validSource}: utterances the training set never contains. */
    public Train(TrainConfig config, SegmentSource trainSource, SegmentSource validSource) {
        this.config = config;
        this.trainSource = trainSource;
        this.validSource = validSource;
    }

    /**
     * Trains toward {@code teacher}'s outputs as well as the oracle's ({@link DistillationTeacher#distill}), on the
     * training set only: validation, and so the choice of the best epoch, stays with the oracle's targets. The
     * teacher is not closed here.
     */
    public Train distilledFrom(DistillationTeacher teacher) {
        this.teacher = teacher;
        return this;
    }

    private List<TargetExtractor.Frames> distilled(List<TargetExtractor.Frames> set) {
        return teacher == null ? set : teacher.distill(set);
    }

    /**
     * With fresh data, each epoch redraws one of this many equal parts of the training set. Drawing a whole set
     * takes the free core about four times as long as training one epoch on the other (measured: 3200 segments
     * in 118 s on one thread vs 30 s per epoch), so a quarter keeps both cores busy and training never waits.
     */
    static final int REFRESH_PARTS = 4;

    /** The part of the training set that epoch {@code epoch} (≥ 1) redraws before it starts. */
    static int refreshedPart(int epoch) {
        return (epoch - 1) % REFRESH_PARTS;
    }

    /** The epoch at which {@code part} was last drawn, as seen by {@code epoch}; 0 is the initial draw. */
    int lastDrawn(int epoch, int part) {
        if (!config.freshData()) {
            return 0;
        }
        for (int e = epoch; e >= 1; e--) {
            if (refreshedPart(e) == part) {
                return e;
            }
        }
        return 0;
    }

    /** Segments [start, end) of the training set belong to {@code part}. */
    private int partStart(int part) {
        return (int) ((long) config.trainSegments() * part / REFRESH_PARTS);
    }

    /** One part's mixtures as drawn at {@code drawnAt}: a function of the seed, the part and that epoch only. */
    List<TargetExtractor.Frames> drawPart(int part, int drawnAt, int threads, String label) {
        long seed = config.seed() + 100_003L * drawnAt + 7_919L * part;
        return buildSet(trainSource, partStart(part + 1) - partStart(part), seed, config.segmentFrames(), threads, label);
    }

    /**
     * The training set epoch {@code epoch} trains on. A resumed run rebuilds exactly the set the interrupted one
     * would have used, so fresh data stays reproducible.
     */
    List<TargetExtractor.Frames> trainingSet(int epoch, int threads) {
        List<TargetExtractor.Frames> set = new ArrayList<>();
        for (int part = 0; part < REFRESH_PARTS; part++) {
            set.addAll(drawPart(part, lastDrawn(epoch, part), threads, "train part " + (part + 1) + "/" + REFRESH_PARTS));
        }
        return set;
    }

    /** {@code set} with the part that {@code epoch} redraws replaced by {@code drawn}. */
    List<TargetExtractor.Frames> withPart(List<TargetExtractor.Frames> set, int epoch, List<TargetExtractor.Frames> drawn) {
        int part = refreshedPart(epoch);
        List<TargetExtractor.Frames> out = new ArrayList<>(set);
        for (int i = 0; i < drawn.size(); i++) {
            out.set(partStart(part) + i, drawn.get(i));
        }
        return out;
    }

    /** The best epoch's weights with float32 matrices, beside best.bin (plain runs only). */
    static final String BEST_FLOAT32_FILE = "best-float32.bin";

    /** Consecutive batches with non-finite gradients after which training stops with the reason. */
    static final int MAX_SKIPPED_IN_A_ROW = 20;

    /** Features and targets of many segments, built in parallel with one seeded Random per segment. */
    static List<TargetExtractor.Frames> buildSet(SegmentSource source, int segments, long seed, int segmentFrames,
                                                 int threads, String label) {
        int skip = TrainConfig.WARMUP_FRAMES;
        int samples = (segmentFrames + skip) * PercepNet.HOP_SAMPLES;
        List<TargetExtractor.Frames> out = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<TargetExtractor.Frames>> futures = new ArrayList<>();
            for (int i = 0; i < segments; i++) {
                long segmentSeed = seed * 1_000_003L + i;
                futures.add(pool.submit(() -> {
                    SegmentSource.Segment s = source.next(new Random(segmentSeed), samples);
                    return TargetExtractor.extract(s.clean(), s.noisy(), s.bandwidthHz(), skip);
                }));
            }
            long start = System.nanoTime();
            for (int i = 0; i < futures.size(); i++) {
                out.add(futures.get(i).get());
                if (label != null && ((i + 1) % Math.max(1, segments / 20) == 0 || i + 1 == segments)) {
                    double elapsed = (System.nanoTime() - start) / 1e9;
                    System.out.printf(Locale.ROOT, "  %s: %d/%d segments (%.0f s, ETA %.0f s)%n", label, i + 1,
                            segments, elapsed, elapsed / (i + 1) * (segments - i - 1));
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("building the " + (label == null ? "next" : label) + " set failed: " + e.getMessage(), e);
        } finally {
            pool.shutdownNow();
        }
        return out;
    }

    /**
     * One PyTorch thread: with two, OpenMP's spinning workers collapse whenever anything else shares the two cores
     * (measured: 0.5 s per batch with one thread, 2 s with two, 20 s under heavy load). Also keeps runs reproducible.
     * Must run before the engine loads.
     */
    public static void useOneThread() {
        System.setProperty("ai.djl.pytorch.num_threads", "1");
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
    }

    public Path run() throws IOException, ai.djl.MalformedModelException {
        useOneThread();
        Engine.getEngine("PyTorch").setRandomSeed((int) config.seed());
        Files.createDirectories(config.checkpointDir());
        System.out.printf(Locale.ROOT, "Hush training: %s%n", config);
        Block block = config.members() > 1
                ? new EnsembleBlock(config.members(), config.denseUnits(), config.convUnits(), 3, config.gruUnits())
                : new PercepNetBlock(config.denseUnits(), config.convUnits(), 3, config.gruUnits());
        try (Model model = Model.newInstance("hush")) {
            model.setBlock(block);
            int batches = config.trainSegments() / config.batch();
            long totalSteps = (long) batches * config.epochs();
            // Adam counts its updates from 1 in every process, so a resumed run adds the steps done before.
            long[] stepsBefore = {0};
            // Halved each time training diverges and goes back to its best weights.
            float[] lrScale = {1f};
            Tracker cosine = update -> {
                double progress = Math.min(1.0, (stepsBefore[0] + update) / (double) Math.max(1, totalSteps));
                return lrScale[0] * (float) (config.finalLearningRate() + 0.5
                        * (config.learningRate() - config.finalLearningRate()) * (1 + Math.cos(Math.PI * progress)));
            };
            Optimizer adam = Optimizer.adam()
                    .optLearningRateTracker(cosine)
                    .optClipGrad(1f)
                    .build();
            Loss memberLoss = new PercepNetLoss(config.signalWeight(), config.pauseWeight(), config.envelopeWeight());
            DefaultTrainingConfig trainingConfig = new DefaultTrainingConfig(config.members() > 1
                    ? new EnsembleLoss(memberLoss, config.members()) : memberLoss).optOptimizer(adam);
            Shape inputShape = new Shape(config.batch(), config.segmentFrames(), PercepNet.FEATURES);
            int startEpoch = 0;
            // best judges the exported weights (the averaged ones when averaging); bestRaw judges divergence.
            double best = Double.POSITIVE_INFINITY;
            double bestRaw = Double.POSITIVE_INFINITY;
            WeightAverage average = config.averageDecay() > 0 ? new WeightAverage(config.averageDecay()) : null;
            Path averagePath = config.checkpointDir().resolve("average.bin");
            Properties state = new Properties();
            Path statePath = config.checkpointDir().resolve("state.properties");
            if (config.resume() && Files.exists(statePath)) {
                try (var in = Files.newInputStream(statePath)) {
                    state.load(in);
                }
                startEpoch = Integer.parseInt(state.getProperty("epoch"));
                best = Double.parseDouble(state.getProperty("best"));
                bestRaw = Double.parseDouble(state.getProperty("bestRaw", state.getProperty("best")));
                // Load before the trainer exists: its parameter store caches the arrays it was created with.
                block.initialize(model.getNDManager(), DataType.FLOAT32, inputShape);
                model.load(config.checkpointDir(), "last");
                if (average != null && startEpoch > 0) {
                    if (!Files.exists(averagePath)) {
                        throw new IllegalStateException("--resume with a weight average needs " + averagePath
                                + ", which the interrupted run did not write: was it run without --average-decay?");
                    }
                    average = WeightAverage.load(averagePath, config.averageDecay());
                }
                stepsBefore[0] = (long) startEpoch * batches;
                lrScale[0] = Float.parseFloat(state.getProperty("lrScale", "1"));
                System.out.printf(Locale.ROOT, "resumed after epoch %d (best validation loss %.5f)%n", startEpoch, best);
            }
            if (startEpoch >= config.epochs()) {
                System.out.printf(Locale.ROOT, "nothing left to train (%d of %d epochs done)%n", startEpoch, config.epochs());
            }
            List<TargetExtractor.Frames> train = startEpoch >= config.epochs() ? List.of()
                    : distilled(trainingSet(startEpoch, config.threads()));
            List<TargetExtractor.Frames> valid = startEpoch >= config.epochs() ? List.of()
                    : buildSet(validSource, config.validSegments(), config.seed() + 7_777, config.segmentFrames(),
                            config.threads(), "validation");
            // PyTorch trains on one core; the other draws the next epoch's mixtures meanwhile.
            ExecutorService nextSetMaker = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "next-epoch-mixtures");
                t.setDaemon(true);
                return t;
            });
            try (Trainer trainer = model.newTrainer(trainingConfig)) {
                trainer.initialize(inputShape);
                int skippedInARow = 0;
                // Kept in the state, so a resumed run's count (and a test's count of averaged steps) includes them.
                int skippedTotal = Integer.parseInt(state.getProperty("skippedBatches", "0"));
                // In memory only: a resumed run can go back no further than its own first improvement.
                Map<String, float[]> bestWeights = null;
                long runStart = System.nanoTime();
                for (int epoch = startEpoch; epoch < config.epochs(); epoch++) {
                    Random shuffle = new Random(config.seed() * 31 + epoch);
                    int[] order = permutation(train.size(), shuffle);
                    int nextEpoch = epoch + 1;
                    Future<List<TargetExtractor.Frames>> nextSet = config.freshData() && nextEpoch < config.epochs()
                            // The teacher runs here too, on the core that draws: measured with the 1.4.0 + 1.7.0
                            // ensemble, 12 s per part, which the training core would otherwise wait for every epoch.
                            ? nextSetMaker.submit(() -> distilled(drawPart(refreshedPart(nextEpoch), nextEpoch, 1, null)))
                            : null;
                    double lossSum = 0;
                    long epochStart = System.nanoTime();
                    for (int b = 0; b < batches; b++) {
                        try (NDManager batchManager = trainer.getManager().newSubManager()) {
                            NDList[] data = batch(batchManager, train, order, b * config.batch(), config.batch());
                            String bad;
                            try (GradientCollector collector = trainer.newGradientCollector()) {
                                NDList predictions = trainer.forward(data[0]);
                                NDArray loss = trainingConfig.getLossFunction().evaluate(data[1], predictions);
                                collector.backward(loss);
                                lossSum += perMember(trainingConfig, loss.getFloat());
                                bad = nonFiniteGradient(block);
                                if (bad == null) {
                                    trainer.step();
                                }
                            }
                            if (bad == null && average != null) {
                                average.update(snapshot(block));
                            }
                            // One bad batch must not poison the weights (Adam would spread it to every step after).
                            if (bad != null) {
                                clearGradients(block);
                                skippedInARow++;
                                skippedTotal++;
                                System.out.printf(Locale.ROOT, "epoch %d batch %d: non-finite gradient in %s, step"
                                        + " skipped (%d skipped so far)%n", epoch + 1, b + 1, bad, skippedTotal);
                                if (skippedInARow >= MAX_SKIPPED_IN_A_ROW) {
                                    throw new IllegalStateException(skippedInARow + " batches in a row gave non-finite"
                                            + " gradients (last in " + bad + "): training cannot go on; check the data"
                                            + " and the learning rate");
                                }
                            } else {
                                skippedInARow = 0;
                            }
                        }
                        if ((b + 1) % Math.max(1, batches / 5) == 0) {
                            double perBatch = (System.nanoTime() - epochStart) / 1e9 / (b + 1);
                            double remaining = perBatch * ((batches - b - 1) + (long) batches * (config.epochs() - epoch - 1));
                            System.out.printf(Locale.ROOT, "epoch %d/%d  batch %d/%d  loss %.5f  ETA %s%n", epoch + 1,
                                    config.epochs(), b + 1, batches, lossSum / (b + 1), minutes(remaining));
                        }
                    }
                    if (nextSet != null) {
                        long waitStart = System.nanoTime();
                        try {
                            train = withPart(train, nextEpoch, nextSet.get());
                        } catch (InterruptedException | java.util.concurrent.ExecutionException e) {
                            throw new IllegalStateException("drawing the mixtures of epoch " + (nextEpoch + 1)
                                    + " failed: " + e.getMessage(), e);
                        }
                        double waited = (System.nanoTime() - waitStart) / 1e9;
                        if (waited > 1) {
                            System.out.printf(Locale.ROOT, "  waited %.0f s for epoch %d's mixtures%n", waited, nextEpoch + 1);
                        }
                    }
                    double validLoss = evaluate(trainer, trainingConfig, valid);
                    if (bestWeights != null && diverged(validLoss, bestRaw)) {
                        restore(block, bestWeights);
                        if (average != null) {
                            // The steps that diverged must not stay in the average.
                            average.restart(bestWeights);
                        }
                        AdamReset.forget(adam);
                        // Adam counts from 1 again; the schedule goes on from where this epoch left it.
                        stepsBefore[0] = (long) (epoch + 1) * batches;
                        lrScale[0] *= 0.5f;
                        System.out.printf(Locale.ROOT, "epoch %d/%d diverged (validation loss %.5f, best %.5f): back to the"
                                + " best weights, Adam's moments reset, learning rate × %.3g from now on%n", epoch + 1,
                                config.epochs(), validLoss, bestRaw, lrScale[0]);
                        state.setProperty("diverged." + (epoch + 1), Double.toString(validLoss));
                    }
                    model.save(config.checkpointDir(), "last");
                    keepNewestCheckpoint(config.checkpointDir());
                    if (validLoss < bestRaw) {
                        bestRaw = validLoss;
                        bestWeights = snapshot(block);
                        if (average != null) {
                            // The same run's best unaveraged weights: what averaging changed, free of seed spread.
                            Files.write(config.checkpointDir().resolve("best-unaveraged.bin"),
                                    WeightsExport.toBytes(block, config.modelName(), config.modelVersion(), true));
                        }
                    }
                    double judgedLoss = validLoss;
                    byte[] exported = null;
                    if (average != null) {
                        average.save(averagePath);
                        Map<String, float[]> raw = snapshot(block);
                        restore(block, average.weights());
                        try {
                            judgedLoss = evaluate(trainer, trainingConfig, valid);
                            if (judgedLoss < best) {
                                exported = WeightsExport.toBytes(block, config.modelName(), config.modelVersion(), true);
                            }
                        } finally {
                            restore(block, raw);
                        }
                    } else if (judgedLoss < best) {
                        exported = WeightsExport.toBytes(block, config.modelName(), config.modelVersion(), true);
                        // The same weights unquantized, to measure what int8 costs; best.bin stays what ships.
                        Files.write(config.checkpointDir().resolve(BEST_FLOAT32_FILE),
                                WeightsExport.toBytes(block, config.modelName(), config.modelVersion(), false));
                    }
                    boolean improved = exported != null;
                    if (improved) {
                        best = judgedLoss;
                        Files.write(config.checkpointDir().resolve("best.bin"), exported);
                    }
                    state.setProperty("epoch", Integer.toString(epoch + 1));
                    state.setProperty("best", Double.toString(best));
                    state.setProperty("bestRaw", Double.toString(bestRaw));
                    state.setProperty("lrScale", Float.toString(lrScale[0]));
                    state.setProperty("skippedBatches", Integer.toString(skippedTotal));
                    state.setProperty("valid." + (epoch + 1), Double.toString(validLoss));
                    if (average != null) {
                        state.setProperty("validAveraged." + (epoch + 1), Double.toString(judgedLoss));
                    }
                    try (var out = Files.newOutputStream(statePath)) {
                        state.store(out, "Hush training state");
                    }
                    System.out.printf(Locale.ROOT, "epoch %d/%d done: train loss %.5f, validation loss %.5f%s%s (%s elapsed)%n",
                            epoch + 1, config.epochs(), lossSum / batches, validLoss,
                            average == null ? "" : String.format(Locale.ROOT, ", averaged weights %.5f", judgedLoss),
                            improved ? " (best)" : "",
                            minutes((System.nanoTime() - runStart) / 1e9));
                }
            } finally {
                nextSetMaker.shutdownNow();
            }
        }
        Path best = config.checkpointDir().resolve("best.bin");
        if (!Files.exists(best)) {
            throw new IllegalStateException("training produced no checkpoint");
        }
        return best;
    }

    /**
     * DJL's {@code model.save} writes last-NNNN.params anew every epoch and keeps the old ones (about 1 MB each,
     * 120 MB a run); {@code --resume} loads only the newest, and DJL numbers the next from the newest left, so the
     * others are deleted.
     */
    static void keepNewestCheckpoint(Path dir) throws IOException {
        List<Path> saved = new ArrayList<>();
        try (var files = Files.list(dir)) {
            files.filter(f -> f.getFileName().toString().matches("last-\\d{4,}\\.params")).sorted().forEach(saved::add);
        }
        for (int i = 0; i < saved.size() - 1; i++) {
            Files.delete(saved.get(i));
        }
    }

    /**
     * Sets every gradient to exactly zero. DJL clears gradients between batches by subtracting each from itself,
     * which leaves NaN − NaN = NaN: without this, one batch with a non-finite gradient poisons every batch after it
     * (seen: 16 skipped in a row from batch 85 on, then the run stops).
     */
    static void clearGradients(Block block) {
        for (var pair : block.getParameters()) {
            NDArray value = pair.getValue().getArray();
            if (value.hasGradient()) {
                try (NDManager scratch = value.getManager().newSubManager()) {
                    NDArray gradient = value.getGradient();
                    gradient.attach(scratch);
                    gradient.set(new NDIndex("..."), 0f);
                }
            }
        }
    }

    /**
     * An epoch whose validation loss is worse than the best by this factor (on |best|) has diverged, and training
     * goes back to the best weights. 1.5 let a jump of 38 % through (−3.249 → −2.016, eleven epochs to climb back);
     * 1.25 let one of 13 % through (−3.273 → −2.835 at epoch 62 of a --speed 1.25 run, five epochs to get within
     * 2 %). Ordinary worse epochs stay under 1.3 % (largest in the 1.4.0, 1.3.0 and --speed 1.25 pilot logs, jumps
     * and their recoveries aside), so 5 % keeps a fourfold margin. A revert costs little since it also resets Adam:
     * the --speed 1.25 run reverted at epoch 30 and set a new best at epoch 31.
     */
    static final double DIVERGENCE_RATIO = 1.05;

    /**
     * The loss's output-signal term is in dB and usually negative, so the margin is taken on |best|: a loss that
     * rises from −1.0 to −0.4 has diverged just as one rising from 1.0 to 1.6. NaN always has.
     */
    static boolean diverged(double validLoss, double best) {
        return !(validLoss <= best + (DIVERGENCE_RATIO - 1) * Math.abs(best));
    }

    /** Copies of every parameter's values, by name. */
    static Map<String, float[]> snapshot(Block block) {
        Map<String, float[]> out = new LinkedHashMap<>();
        for (var pair : block.getParameters()) {
            out.put(pair.getKey(), pair.getValue().getArray().toFloatArray());
        }
        return out;
    }

    /** Writes a {@link #snapshot} back into the parameters, in place (the trainer keeps using the same arrays). */
    static void restore(Block block, Map<String, float[]> weights) {
        for (var pair : block.getParameters()) {
            NDArray array = pair.getValue().getArray();
            try (NDManager m = array.getManager().newSubManager()) {
                array.set(new NDIndex("..."), m.create(weights.get(pair.getKey()), array.getShape()));
            }
        }
    }

    /** The first parameter whose gradient holds NaN or ±∞, or null when all are finite. */
    static String nonFiniteGradient(Block block) {
        for (var pair : block.getParameters()) {
            NDArray value = pair.getValue().getArray();
            if (!value.hasGradient()) {
                continue;
            }
            // The gradient handle and the test's arrays would otherwise live on the model's manager until the end.
            try (NDManager scratch = value.getManager().newSubManager()) {
                NDArray gradient = value.getGradient();
                gradient.attach(scratch);
                if (gradient.isNaN().logicalOr(gradient.isInfinite()).any().getBoolean()) {
                    return pair.getKey();
                }
            }
        }
        return null;
    }

    /** A loss per member, so an ensemble run's figures compare with a single network's. */
    private static double perMember(DefaultTrainingConfig cfg, double loss) {
        return cfg.getLossFunction() instanceof EnsembleLoss e ? loss / e.members() : loss;
    }

    private static double evaluate(Trainer trainer, DefaultTrainingConfig cfg, List<TargetExtractor.Frames> set) {
        double sum = 0;
        int n = 0;
        int batch = 16;
        int[] order = permutation(set.size(), null);
        for (int start = 0; start + batch <= set.size(); start += batch) {
            try (NDManager m = trainer.getManager().newSubManager()) {
                NDList[] data = batch(m, set, order, start, batch);
                NDList predictions = trainer.evaluate(data[0]);
                sum += perMember(cfg, cfg.getLossFunction().evaluate(data[1], predictions).getFloat());
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    private static NDList[] batch(NDManager m, List<TargetExtractor.Frames> set, int[] order, int from, int size) {
        int frames = set.get(0).count();
        float[] x = new float[size * frames * PercepNet.FEATURES];
        float[] g = new float[size * frames * PercepNet.BANDS];
        float[] r = new float[size * frames * PercepNet.BANDS];
        float[] mask = new float[size * frames * PercepNet.BANDS];
        float[] energy = new float[size * frames * PercepNet.BANDS];
        for (int i = 0; i < size; i++) {
            TargetExtractor.Frames f = set.get(order[from + i]);
            System.arraycopy(f.features(), 0, x, i * frames * PercepNet.FEATURES, frames * PercepNet.FEATURES);
            System.arraycopy(f.gains(), 0, g, i * frames * PercepNet.BANDS, frames * PercepNet.BANDS);
            System.arraycopy(f.strengths(), 0, r, i * frames * PercepNet.BANDS, frames * PercepNet.BANDS);
            System.arraycopy(f.mask(), 0, mask, i * frames * PercepNet.BANDS, frames * PercepNet.BANDS);
            System.arraycopy(f.energies(), 0, energy, i * frames * PercepNet.BANDS, frames * PercepNet.BANDS);
        }
        Shape bandShape = new Shape(size, frames, PercepNet.BANDS);
        return new NDList[] {
            new NDList(m.create(x, new Shape(size, frames, PercepNet.FEATURES))),
            new NDList(m.create(g, bandShape), m.create(r, bandShape), m.create(mask, bandShape),
                    m.create(energy, bandShape))
        };
    }

    private static int[] permutation(int n, Random random) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        if (random != null) {
            for (int i = n - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = p[i];
                p[i] = p[j];
                p[j] = t;
            }
        }
        return p;
    }

    private static String minutes(double seconds) {
        return String.format(Locale.ROOT, "%dm%02ds", (long) seconds / 60, (long) seconds % 60);
    }

}
