package dev.hush.training;

import dev.hush.training.net.PercepNetLoss;
import java.nio.file.Path;

/**
 * Everything a training run depends on; the same config and data give the same weights.
 * {@code freshData}: every epoch trains on newly drawn mixtures (a fixed set is overfitted within a few epochs).
 * {@code finalLearningRate}: the learning rate decays from {@code learningRate} to this along a cosine.
 * {@code signalWeight}: weight of the loss on the enhanced signal ({@link dev.hush.training.net.PercepNetLoss});
 * 0 trains on PercepNet's gain and strength losses alone. {@code pauseWeight}: weight of its pause term (0: none).
 * {@code envelopeWeight}: weight of its envelope-correlation term (0: none).
 * {@code averageDecay}: 0 exports the weights of the best epoch; otherwise the per-step decay of a
 * {@link WeightAverage}, and the epochs are judged and exported by their averaged weights. A full-size averaged
 * run is not reproducible (see WeightAverage).
 * {@code members}: 1 trains one network; 2 to {@link dev.hush.nn.GainModel#MAX_MEMBERS} train that many side by side
 * on the same batches ({@link dev.hush.training.net.EnsembleBlock}) and export them as one ensemble file.
 */
public record TrainConfig(long seed, int epochs, int batch, int segmentFrames, int trainSegments, int validSegments,
                          int denseUnits, int convUnits, int gruUnits, float learningRate, int threads,
                          Path checkpointDir, boolean resume, String modelName, String modelVersion,
                          boolean freshData, float finalLearningRate, float signalWeight, float pauseWeight,
                          float envelopeWeight, double averageDecay, int members) {
    /** Frames discarded at the start of each segment while the DSP's history fills. */
    public static final int WARMUP_FRAMES = 8;

    /** One network. */
    public TrainConfig(long seed, int epochs, int batch, int segmentFrames, int trainSegments, int validSegments,
                       int denseUnits, int convUnits, int gruUnits, float learningRate, int threads,
                       Path checkpointDir, boolean resume, String modelName, String modelVersion,
                       boolean freshData, float finalLearningRate, float signalWeight, float pauseWeight,
                       float envelopeWeight, double averageDecay) {
        this(seed, epochs, batch, segmentFrames, trainSegments, validSegments, denseUnits, convUnits, gruUnits,
                learningRate, threads, checkpointDir, resume, modelName, modelVersion, freshData, finalLearningRate,
                signalWeight, pauseWeight, envelopeWeight, averageDecay, 1);
    }

    /** Refuses what the loss would only fail on at the first batch, after the minute of corpus loading. */
    public TrainConfig {
        if (members < 1 || members > dev.hush.nn.GainModel.MAX_MEMBERS) {
            throw new IllegalArgumentException("members must be 1 to " + dev.hush.nn.GainModel.MAX_MEMBERS + ", got "
                    + members);
        }
        if (members > 1 && averageDecay != 0) {
            throw new IllegalArgumentException("an ensemble run does not average weights (--average-decay)");
        }
        if (signalWeight < 0 || pauseWeight < 0 || envelopeWeight < 0) {
            throw new IllegalArgumentException("loss weights must be 0 or more");
        }
        if (averageDecay != 0 && !WeightAverage.isValidDecay(averageDecay)) {
            throw new IllegalArgumentException("the weight-average decay must be 0 (off) or in [0.9, 1), got "
                    + averageDecay);
        }
        if (envelopeWeight > 0 && segmentFrames < PercepNetLoss.ENVELOPE_BLOCK_FRAMES) {
            throw new IllegalArgumentException("the envelope term needs segments of at least "
                    + PercepNetLoss.ENVELOPE_BLOCK_FRAMES + " frames");
        }
    }
}
