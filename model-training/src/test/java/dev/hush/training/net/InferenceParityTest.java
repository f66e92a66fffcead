package dev.hush.training.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.hush.dsp.PercepNet;
import dev.hush.nn.GainNetwork;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The plain-Java streaming inference computes what DJL computes on the same (quantised) weights. */
class InferenceParityTest {
    private static final double TOLERANCE = 1e-3;

    @Test
    void javaInferenceMatchesDjlForwardPassOnExportedWeights() {
        int frames = 60;
        try (Model model = Model.newInstance("parity"); NDManager manager = NDManager.newBaseManager()) {
            PercepNetBlock block = new PercepNetBlock(32, 40, 3, 24);
            model.setBlock(block);
            block.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, frames, PercepNet.FEATURES));
            WeightsExport.quantizeInPlace(block);
            GainNetwork java = GainNetwork.load(WeightsExport.toBytes(block, "parity", "0"));

            Random random = new Random(5);
            float[] x = new float[frames * PercepNet.FEATURES];
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) random.nextGaussian();
            }
            NDArray input = manager.create(x, new Shape(1, frames, PercepNet.FEATURES));
            NDList out = block.forward(new ParameterStore(manager, false), new NDList(input), false);
            float[] g = out.get(0).toFloatArray();
            float[] r = out.get(1).toFloatArray();

            float[] features = new float[PercepNet.FEATURES];
            float[] jg = new float[PercepNet.BANDS];
            float[] jr = new float[PercepNet.BANDS];
            double worst = 0;
            for (int t = 0; t < frames; t++) {
                System.arraycopy(x, t * PercepNet.FEATURES, features, 0, PercepNet.FEATURES);
                java.forward(features, jg, jr);
                for (int b = 0; b < PercepNet.BANDS; b++) {
                    int i = t * PercepNet.BANDS + b;
                    assertEquals(g[i], jg[b], TOLERANCE, "gain t=" + t + " b=" + b);
                    assertEquals(r[i], jr[b], TOLERANCE, "strength t=" + t + " b=" + b);
                    worst = Math.max(worst, Math.max(Math.abs(g[i] - jg[b]), Math.abs(r[i] - jr[b])));
                }
            }
            System.out.printf("DJL vs Java inference: worst difference %.2e over %d frames%n", worst, frames);
            assertTrue(java.parameterCount() > 10_000);
        }
    }
}
