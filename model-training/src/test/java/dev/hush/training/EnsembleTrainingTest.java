package dev.hush.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hush.nn.GainEnsemble;
import dev.hush.nn.GainModel;
import dev.hush.nn.ModelFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --members K}: K networks trained side by side in one run on one set of mixtures, exported as one ensemble. */
class EnsembleTrainingTest {
    private static TrainConfig config(Path dir, int epochs, boolean resume, int members) {
        return new TrainConfig(3, epochs, 8, 60, 32, 16, 24, 24, 24, 3e-3f, 2, dir, resume, "smoke", "0.0.0",
                true, 1e-3f, dev.hush.training.net.PercepNetLoss.SIGNAL_WEIGHT, 0.1f, 0.5f, 0, members);
    }

    private static Properties state(Path dir) throws Exception {
        Properties p = new Properties();
        try (var in = Files.newInputStream(dir.resolve("state.properties"))) {
            p.load(in);
        }
        return p;
    }

    @Test
    void eachMemberLearnsWhatItWouldAloneAndTheRunExportsOneEnsemble(@TempDir Path alone, @TempDir Path side)
            throws Exception {
        ModelFile single = ModelFile.parse(Files.readAllBytes(new Train(config(alone, 2, false, 1),
                TrainSmokeTest.SYNTHETIC, TrainSmokeTest.SYNTHETIC).run()));
        byte[] pairBytes = Files.readAllBytes(new Train(config(side, 2, false, 2),
                TrainSmokeTest.SYNTHETIC, TrainSmokeTest.SYNTHETIC).run());
        ModelFile pair = ModelFile.parse(pairBytes);

        GainModel model = GainModel.load(pairBytes);
        assertTrue(model instanceof GainEnsemble e && e.size() == 2, "an ensemble of two: " + model);
        assertEquals("smoke", model.name());
        // Member 0 starts from the same draw of the seeded generator, sees the same batches and gets its own loss's
        // gradient only: the same weights, to the bit, as the network trained alone.
        for (int t = 0; t < single.tensorCount(); t++) {
            String name = single.tensorName(t);
            assertArrayEquals(values(single, name), values(pair, GainModel.memberPrefix(0) + name), name);
        }
        assertFalse(Arrays.equals(values(pair, "m0.gru1.weight_hh"), values(pair, "m1.gru1.weight_hh")),
                "the second member starts elsewhere");
        assertTrue(GainModel.load(Files.readAllBytes(side.resolve(Train.BEST_FLOAT32_FILE))) instanceof GainEnsemble,
                "the float32 twin is an ensemble too");

        // The reported loss is per member, on the single network's scale.
        double pairLoss = Double.parseDouble(state(side).getProperty("valid.2"));
        double singleLoss = Double.parseDouble(state(alone).getProperty("valid.2"));
        assertTrue(Math.abs(pairLoss - singleLoss) < 0.5 * Math.abs(singleLoss), pairLoss + " vs alone " + singleLoss);

        // It resumes like a single run.
        new Train(config(side, 3, true, 2), TrainSmokeTest.SYNTHETIC, TrainSmokeTest.SYNTHETIC).run();
        assertEquals("3", state(side).getProperty("epoch"));
        assertTrue(Double.parseDouble(state(side).getProperty("valid.3")) < Double.parseDouble(state(side).getProperty("valid.1")),
                "resumed with its weights");

        // The manifest says what the file holds; a file that does not match the run is refused.
        Path installed = side.resolve("installed");
        ModelManifest.install(side.resolve("best.bin"), installed, config(side, 3, false, 2), "synthetic");
        String manifest = Files.readString(installed.resolve("smoke.manifest.json"), StandardCharsets.UTF_8);
        assertTrue(manifest.contains("an ensemble of 2 networks trained side by side") && manifest.contains("\"members\": 2"),
                manifest);
        IllegalArgumentException mismatch = assertThrows(IllegalArgumentException.class, () -> ModelManifest.install(
                alone.resolve("best.bin"), alone.resolve("installed"), config(alone, 2, false, 2), "synthetic"));
        assertTrue(mismatch.getMessage().contains("1 network"), mismatch.getMessage());
    }

    @Test
    void memberCountsOutsideWhatInferenceReadsAreRefused(@TempDir Path dir) {
        for (int members : new int[] {0, GainModel.MAX_MEMBERS + 1}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> config(dir, 1, false, members));
            assertTrue(e.getMessage().contains("members"), e.getMessage());
        }
        IllegalArgumentException averaged = assertThrows(IllegalArgumentException.class, () -> new TrainConfig(3, 1, 8,
                60, 32, 16, 24, 24, 24, 3e-3f, 2, dir, false, "smoke", "0.0.0", true, 1e-3f, 0.2f, 0f, 0f, 0.999, 2));
        assertTrue(averaged.getMessage().contains("average"), averaged.getMessage());
    }

    private static float[] values(ModelFile f, String name) {
        return f.tensor(name, f.dims(name));
    }
}
