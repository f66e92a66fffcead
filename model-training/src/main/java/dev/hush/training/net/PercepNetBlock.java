package dev.hush.training.net;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv1d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.recurrent.GRU;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.hush.dsp.PercepNet;

/**
 * The training twin of {@link dev.hush.nn.GainNetwork}: dense(tanh) → causal conv over frames (tanh) → GRU → GRU →
 * two sigmoid heads. Input (batch, frames, PercepNet.FEATURES); outputs gains and strengths, each (batch, frames, 34).
 * The convolution is padded on the left only, so frame t never sees t+1: inference runs it causally.
 */
public final class PercepNetBlock extends AbstractBlock {
    private static final byte VERSION = 1;

    public final int denseUnits;
    public final int convUnits;
    public final int convKernel;
    public final int gruUnits;
    final Linear input;
    final Conv1d conv;
    final GRU gru1;
    final GRU gru2;
    final Linear gain;
    final Linear strength;

    public PercepNetBlock(int denseUnits, int convUnits, int convKernel, int gruUnits) {
        super(VERSION);
        this.denseUnits = denseUnits;
        this.convUnits = convUnits;
        this.convKernel = convKernel;
        this.gruUnits = gruUnits;
        input = addChildBlock("input", Linear.builder().setUnits(denseUnits).build());
        conv = addChildBlock("conv", Conv1d.builder().setKernelShape(new Shape(convKernel)).setFilters(convUnits).build());
        gru1 = addChildBlock("gru1", gru(gruUnits));
        gru2 = addChildBlock("gru2", gru(gruUnits));
        gain = addChildBlock("gain", Linear.builder().setUnits(PercepNet.BANDS).build());
        strength = addChildBlock("strength", Linear.builder().setUnits(PercepNet.BANDS).build());
    }

    private static GRU gru(int units) {
        return GRU.builder().setStateSize(units).setNumLayers(1).optBatchFirst(true).optReturnState(false).build();
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray a = input.forward(ps, new NDList(x), training).singletonOrThrow().tanh();
        NDArray b = causalConv(ps, a, training).tanh();
        NDArray c = gru1.forward(ps, new NDList(b), training).head();
        NDArray d = gru2.forward(ps, new NDList(c), training).head();
        NDArray g = Activation.sigmoid(gain.forward(ps, new NDList(d), training).singletonOrThrow());
        NDArray r = Activation.sigmoid(strength.forward(ps, new NDList(d), training).singletonOrThrow());
        return new NDList(g, r);
    }

    /**
     * The Conv1d's own weights (C_out, C_in, K) and bias applied as K matrix products over left-padded frames:
     * y_t = b + Σ_k W[:, :, k] · a_(t−K+1+k). Same parameters and result as the Conv1d block (which the export and
     * the Java inference read), but PyTorch's CPU convolution backward gave a NaN in the gradient of its input in
     * some processes (a whole dense unit's gradient NaN from the first batch on, intermittently), matrix products do not.
     */
    private NDArray causalConv(ParameterStore ps, NDArray a, boolean training) {
        NDArray weight = ps.getValue(conv.getParameters().get("weight"), a.getDevice(), training);
        NDArray bias = ps.getValue(conv.getParameters().get("bias"), a.getDevice(), training);
        long batch = a.getShape().get(0);
        long frames = a.getShape().get(1);
        NDArray padded = a.getManager().zeros(new Shape(batch, convKernel - 1, denseUnits)).concat(a, 1);
        NDArray sum = null;
        for (int k = 0; k < convKernel; k++) {
            NDArray frameSlice = padded.get(new NDIndex(":, {}:{}, :", k, k + frames));
            NDArray tap = weight.get(new NDIndex(":, :, {}", k)).transpose();
            NDArray y = frameSlice.matMul(tap);
            sum = sum == null ? y : sum.add(y);
        }
        return sum.add(bias);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        Shape out = new Shape(in.get(0), in.get(1), PercepNet.BANDS);
        return new Shape[] {out, out};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape in = inputShapes[0];
        long batch = in.get(0);
        long frames = in.get(1);
        input.initialize(manager, dataType, in);
        conv.initialize(manager, dataType, new Shape(batch, denseUnits, frames + convKernel - 1));
        gru1.initialize(manager, dataType, new Shape(batch, frames, convUnits));
        gru2.initialize(manager, dataType, new Shape(batch, frames, gruUnits));
        gain.initialize(manager, dataType, new Shape(batch, frames, gruUnits));
        strength.initialize(manager, dataType, new Shape(batch, frames, gruUnits));
    }
}
