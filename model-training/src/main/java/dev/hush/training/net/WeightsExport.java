package dev.hush.training.net;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import dev.hush.nn.ModelWriter;

/**
 * Turns a trained {@link PercepNetBlock} into the versioned weights file inference reads: PyTorch layouts carry
 * over unchanged (DJL's GRU is PyTorch's, gates [r; z; n]), matrices as int8 with per-row scales, biases float32.
 */
public final class WeightsExport {
    private WeightsExport() {
    }

    public static byte[] toBytes(PercepNetBlock net, String name, String version) {
        return toBytes(net, name, version, true);
    }

    /**
     * With {@code int8Matrices} false every matrix stays float32 (about four times the bytes): the weights exactly as
     * trained, to measure what int8 costs.
     */
    public static byte[] toBytes(PercepNetBlock net, String name, String version, boolean int8Matrices) {
        ModelWriter w = new ModelWriter(name, version);
        dense(w, "input", net.input, int8Matrices);
        matrix(w, "conv.weight", param(net.conv, "weight"), int8Matrices);
        vector(w, "conv.bias", param(net.conv, "bias"));
        gru(w, "gru1", net.gru1, int8Matrices);
        gru(w, "gru2", net.gru2, int8Matrices);
        dense(w, "gain", net.gain, int8Matrices);
        dense(w, "strength", net.strength, int8Matrices);
        return w.toBytes();
    }

    /**
     * A trained block, one network or an {@link EnsembleBlock}, as its weights file: an ensemble becomes one file with
     * its members' tensors prefixed ({@link ModelWriter#ensemble}).
     */
    public static byte[] toBytes(Block net, String name, String version, boolean int8Matrices) {
        if (net instanceof PercepNetBlock single) {
            return toBytes(single, name, version, int8Matrices);
        }
        if (net instanceof EnsembleBlock ensemble) {
            byte[][] members = new byte[ensemble.members().size()][];
            for (int k = 0; k < members.length; k++) {
                members[k] = toBytes(ensemble.members().get(k), name, version, int8Matrices);
            }
            return ModelWriter.ensemble(name, version, members);
        }
        throw new IllegalArgumentException("not a Hush network: " + net.getClass().getName());
    }

    /**
     * Replaces every matrix of the block by its int8 round trip, so a DJL forward pass computes with exactly the
     * weights the exported file holds (what the parity test compares).
     */
    public static void quantizeInPlace(PercepNetBlock net) {
        for (Block b : new Block[] {net.input, net.conv, net.gru1, net.gru2, net.gain, net.strength}) {
            for (Parameter p : b.getParameters().values()) {
                NDArray a = p.getArray();
                if (a.getShape().dimension() >= 2) {
                    float[] q = ModelWriter.quantize(a.toFloatArray(), (int) a.getShape().get(0));
                    a.set(q);
                }
            }
        }
    }

    private static void dense(ModelWriter w, String name, Block block, boolean int8) {
        matrix(w, name + ".weight", param(block, "weight"), int8);
        vector(w, name + ".bias", param(block, "bias"));
    }

    private static void gru(ModelWriter w, String name, Block block, boolean int8) {
        matrix(w, name + ".weight_ih", param(block, "l_0_i2h_WEIGHT"), int8);
        matrix(w, name + ".weight_hh", param(block, "l_0_h2h_WEIGHT"), int8);
        vector(w, name + ".bias_ih", param(block, "l_0_i2h_BIAS"));
        vector(w, name + ".bias_hh", param(block, "l_0_h2h_BIAS"));
    }

    static NDArray param(Block block, String key) {
        Parameter p = block.getParameters().get(key);
        if (p == null) {
            throw new IllegalStateException("block has no parameter '" + key + "': " + block.getParameters().keys());
        }
        return p.getArray();
    }

    private static void matrix(ModelWriter w, String name, NDArray a, boolean int8) {
        if (int8) {
            w.addInt8(name, a.toFloatArray(), toInts(a.getShape().getShape()));
        } else {
            w.addFloat32(name, a.toFloatArray(), toInts(a.getShape().getShape()));
        }
    }

    private static void vector(ModelWriter w, String name, NDArray a) {
        w.addFloat32(name, a.toFloatArray(), toInts(a.getShape().getShape()));
    }

    private static int[] toInts(long[] dims) {
        int[] out = new int[dims.length];
        for (int i = 0; i < dims.length; i++) {
            out[i] = (int) dims[i];
        }
        return out;
    }
}
