package dev.hush.training.net;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;

/**
 * The loss of an {@link EnsembleBlock}: the sum of each member's own loss on the same targets. A sum, not a mean,
 * so that every member's gradient is exactly what it would be alone (Adam's gradient clipping sees the same values).
 * Divide by {@link #members()} to compare with a single network's loss.
 */
public final class EnsembleLoss extends Loss {
    private final Loss memberLoss;
    private final int members;

    public EnsembleLoss(Loss memberLoss, int members) {
        super("EnsembleLoss");
        this.memberLoss = memberLoss;
        this.members = members;
    }

    public int members() {
        return members;
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        if (predictions.size() != 2 * members) {
            throw new IllegalArgumentException("expected gains and strengths of " + members + " members, got "
                    + predictions.size() + " arrays");
        }
        NDArray sum = null;
        for (int k = 0; k < members; k++) {
            NDArray l = memberLoss.evaluate(labels, new NDList(predictions.get(2 * k), predictions.get(2 * k + 1)));
            sum = sum == null ? l : sum.add(l);
        }
        return sum;
    }
}
