package dev.hush.training.net;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;

/**
 * PercepNet's losses with γ = ½ (compressing the gains the way loudness is perceived) and a quartic term
 * (C4 = 10) that punishes large gain errors, which are the audible ones:
 * L_g = Σ (g^γ − ĝ^γ)² + C4·Σ (g^γ − ĝ^γ)⁴,  L_r = Σ ((1 − r)^γ − (1 − r̂)^γ)².
 * Labels are (gains, strengths, mask): the mask zeroes bands above a source's bandwidth, where a band-limited
 * clean target has no energy and would otherwise teach the network to erase high frequencies.
 */
public final class PercepNetLoss extends Loss {
    static final float GAMMA = 0.5f;
    static final float QUARTIC_WEIGHT = 10f;
    static final float STRENGTH_WEIGHT = 0.5f;
    private static final float EPSILON = 1e-6f;

    public PercepNetLoss() {
        super("PercepNetLoss");
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        NDArray g = labels.get(0);
        NDArray r = labels.get(1);
        NDArray mask = labels.get(2);
        NDArray gHat = predictions.get(0);
        NDArray rHat = predictions.get(1);
        NDArray dg = g.add(EPSILON).pow(GAMMA).sub(gHat.add(EPSILON).pow(GAMMA));
        NDArray dg2 = dg.square();
        NDArray lossG = dg2.add(dg2.square().mul(QUARTIC_WEIGHT)).mul(mask);
        NDArray dr = r.neg().add(1 + EPSILON).pow(GAMMA).sub(rHat.neg().add(1 + EPSILON).pow(GAMMA));
        NDArray lossR = dr.square().mul(mask);
        NDArray count = mask.sum().maximum(1f);
        return lossG.sum().add(lossR.sum().mul(STRENGTH_WEIGHT)).div(count);
    }
}
