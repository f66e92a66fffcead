package dev.hush.training.net;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.hush.nn.GainModel;
import java.util.List;

/**
 * Several {@link PercepNetBlock}s trained side by side on the same batches: the members of an ensemble
 * ({@link dev.hush.nn.GainEnsemble}) from one run, drawing one set of mixtures for all. Nothing connects them: the
 * output is every member's gains and strengths in turn, and {@link EnsembleLoss} is the sum of each member's own
 * loss, so each member gets the gradient it would get alone. Members are initialised in order from the engine's
 * seeded generator, so member 0 starts as a single network of the same seed does.
 */
public final class EnsembleBlock extends AbstractBlock {
    private static final byte VERSION = 1;

    private final List<PercepNetBlock> members;

    public EnsembleBlock(int count, int denseUnits, int convUnits, int convKernel, int gruUnits) {
        super(VERSION);
        if (count < 2 || count > GainModel.MAX_MEMBERS) {
            throw new IllegalArgumentException("an ensemble has 2 to " + GainModel.MAX_MEMBERS + " members, got " + count);
        }
        PercepNetBlock[] blocks = new PercepNetBlock[count];
        for (int k = 0; k < count; k++) {
            // Child names become the tensor prefixes of the ensemble file (GainModel.memberPrefix).
            blocks[k] = addChildBlock(memberName(k), new PercepNetBlock(denseUnits, convUnits, convKernel, gruUnits));
        }
        members = List.of(blocks);
    }

    /** "m0", "m1", …: {@link GainModel#memberPrefix} without its dot. */
    static String memberName(int k) {
        String prefix = GainModel.memberPrefix(k);
        return prefix.substring(0, prefix.length() - 1);
    }

    public List<PercepNetBlock> members() {
        return members;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDList out = new NDList(2 * members.size());
        for (PercepNetBlock m : members) {
            out.addAll(m.forward(ps, inputs, training, params));
        }
        return out;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape[] one = members.get(0).getOutputShapes(inputShapes);
        Shape[] out = new Shape[one.length * members.size()];
        for (int k = 0; k < members.size(); k++) {
            System.arraycopy(one, 0, out, k * one.length, one.length);
        }
        return out;
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        for (PercepNetBlock m : members) {
            m.initialize(manager, dataType, inputShapes);
        }
    }
}
