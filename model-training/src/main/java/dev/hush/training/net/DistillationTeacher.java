package dev.hush.training.net;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import dev.hush.dsp.PercepNet;
import dev.hush.nn.GainModel;
import dev.hush.nn.ModelFile;
import dev.hush.nn.ModelFormatException;
import dev.hush.training.TargetExtractor;
import java.util.ArrayList;
import java.util.List;

/**
 * A trained model (one network or an ensemble file) whose outputs a new network is trained toward: the gain and
 * strength targets become (1 − w)·oracle + w·teacher. The oracle's targets are what the clean signal says; the
 * teacher's are what a network could reach from the noisy features, averaged over its members where seeds disagree.
 * A seed ensemble is better than each member on voices and noises none heard (runs/ensemble-seeds) but costs a
 * network's time per member at inference; distilling it keeps one network's cost.
 *
 * The teacher runs in PyTorch on whole segments from the zero state, as the network being trained sees them.
 */
public final class DistillationTeacher implements AutoCloseable {
    /** Segments per forward pass: enough for matrix products to pay, few enough to bound memory. */
    private static final int BATCH = 32;

    private final NDManager manager;
    private final List<PercepNetBlock> members;
    private final float weight;

    private DistillationTeacher(NDManager manager, List<PercepNetBlock> members, float weight) {
        this.manager = manager;
        this.members = members;
        this.weight = weight;
    }

    /**
     * @param bytes a weights file: one network, or an ensemble (tensors prefixed m0., m1., …)
     * @param weight w in (0, 1]: how far the targets move from the oracle's toward the teacher's
     */
    public static DistillationTeacher load(byte[] bytes, float weight) {
        if (!(weight > 0 && weight <= 1)) {
            throw new IllegalArgumentException("the distillation weight must be in (0, 1], got " + weight);
        }
        // Validates everything (checksum, shapes, feature count) before any PyTorch array exists.
        ModelFile file = ModelFile.parse(bytes);
        GainModel model = GainModel.of(file);
        if (model.featureCount() != PercepNet.FEATURES) {
            throw new ModelFormatException("the teacher reads " + model.featureCount() + " features; training feeds "
                    + PercepNet.FEATURES);
        }
        String[] prefixes = GainModel.memberPrefixes(file);
        NDManager manager = NDManager.newBaseManager();
        try {
            List<PercepNetBlock> members = new ArrayList<>();
            for (String p : prefixes) {
                members.add(block(manager, file, p));
            }
            return new DistillationTeacher(manager, members, weight);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    private static PercepNetBlock block(NDManager manager, ModelFile file, String p) {
        int[] conv = file.dims(p + "conv.weight");
        PercepNetBlock block = new PercepNetBlock(file.dims(p + "input.weight")[0], conv[0], conv[2],
                file.dims(p + "gru1.weight_hh")[1]);
        block.initialize(manager, DataType.FLOAT32, new Shape(1, 8, PercepNet.FEATURES));
        set(block.input, "weight", file, p + "input.weight");
        set(block.input, "bias", file, p + "input.bias");
        set(block.conv, "weight", file, p + "conv.weight");
        set(block.conv, "bias", file, p + "conv.bias");
        for (String g : new String[] {"gru1", "gru2"}) {
            Block gru = g.equals("gru1") ? block.gru1 : block.gru2;
            set(gru, "l_0_i2h_WEIGHT", file, p + g + ".weight_ih");
            set(gru, "l_0_h2h_WEIGHT", file, p + g + ".weight_hh");
            set(gru, "l_0_i2h_BIAS", file, p + g + ".bias_ih");
            set(gru, "l_0_h2h_BIAS", file, p + g + ".bias_hh");
        }
        set(block.gain, "weight", file, p + "gain.weight");
        set(block.gain, "bias", file, p + "gain.bias");
        set(block.strength, "weight", file, p + "strength.weight");
        set(block.strength, "bias", file, p + "strength.bias");
        return block;
    }

    /** PyTorch's layouts are the file's (WeightsExport writes them unchanged), so values copy straight across. */
    private static void set(Block block, String key, ModelFile file, String tensor) {
        Parameter parameter = block.getParameters().get(key);
        NDArray array = parameter.getArray();
        int[] dims = new int[(int) array.getShape().dimension()];
        for (int d = 0; d < dims.length; d++) {
            dims[d] = (int) array.getShape().get(d);
        }
        array.set(file.tensor(tensor, dims));
    }

    public int members() {
        return members.size();
    }

    /** The teacher's mean gains and strengths for each segment, frame-major like {@link TargetExtractor.Frames}. */
    public float[][][] outputs(List<TargetExtractor.Frames> set) {
        float[][][] out = new float[set.size()][][];
        for (int start = 0; start < set.size(); start += BATCH) {
            int size = Math.min(BATCH, set.size() - start);
            int frames = set.get(start).count();
            float[] x = new float[size * frames * PercepNet.FEATURES];
            for (int i = 0; i < size; i++) {
                TargetExtractor.Frames f = set.get(start + i);
                if (f.count() != frames) {
                    throw new IllegalArgumentException("segments of one batch must have equal lengths");
                }
                System.arraycopy(f.features(), 0, x, i * frames * PercepNet.FEATURES, frames * PercepNet.FEATURES);
            }
            float[] g = new float[size * frames * PercepNet.BANDS];
            float[] r = new float[size * frames * PercepNet.BANDS];
            try (NDManager scratch = manager.newSubManager()) {
                NDArray input = scratch.create(x, new Shape(size, frames, PercepNet.FEATURES));
                for (PercepNetBlock member : members) {
                    NDList y = member.forward(new ParameterStore(scratch, false), new NDList(input), false);
                    float[] mg = y.get(0).toFloatArray();
                    float[] mr = y.get(1).toFloatArray();
                    for (int i = 0; i < g.length; i++) {
                        g[i] += mg[i];
                        r[i] += mr[i];
                    }
                }
            }
            float scale = 1f / members.size();
            int per = frames * PercepNet.BANDS;
            for (int i = 0; i < size; i++) {
                float[] sg = new float[per];
                float[] sr = new float[per];
                for (int j = 0; j < per; j++) {
                    sg[j] = g[i * per + j] * scale;
                    sr[j] = r[i * per + j] * scale;
                }
                out[start + i] = new float[][] {sg, sr};
            }
        }
        return out;
    }

    /** {@code set} with every segment's gain and strength targets moved toward the teacher's by the weight. */
    public List<TargetExtractor.Frames> distill(List<TargetExtractor.Frames> set) {
        float[][][] teacher = outputs(set);
        List<TargetExtractor.Frames> out = new ArrayList<>(set.size());
        for (int i = 0; i < set.size(); i++) {
            TargetExtractor.Frames f = set.get(i);
            float[] g = new float[f.gains().length];
            float[] r = new float[f.strengths().length];
            for (int j = 0; j < g.length; j++) {
                g[j] = (1 - weight) * f.gains()[j] + weight * teacher[i][0][j];
                r[j] = (1 - weight) * f.strengths()[j] + weight * teacher[i][1][j];
            }
            out.add(new TargetExtractor.Frames(f.count(), f.features(), g, r, f.mask(), f.energies()));
        }
        return out;
    }

    @Override
    public void close() {
        manager.close();
    }
}
