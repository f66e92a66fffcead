package dev.hush.training;

import dev.hush.nn.GainEnsemble;
import dev.hush.nn.GainModel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Installs a weights file with its manifest ({@code NAME.bin} + {@code NAME.manifest.json}): name, version,
 * SHA-256, size, and what it was trained on. The server and the browser trust the weights only if they hash to
 * the manifest's SHA-256.
 */
public final class ModelManifest {
    public static final String MODEL_NAME = "hush-percepnet";

    private ModelManifest() {
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static void install(Path weights, Path dir, TrainConfig config, String dataSummary) throws IOException {
        byte[] bytes = Files.readAllBytes(weights);
        GainModel net = GainModel.load(bytes);
        int members = net instanceof GainEnsemble e ? e.size() : 1;
        if (members != config.members()) {
            throw new IllegalArgumentException(weights + " holds " + members + " network(s), the run trained "
                    + config.members());
        }
        String layout = members == 1 ? "" : String.format(Locale.ROOT,
                ", an ensemble of %d networks trained side by side on the same batches (tensors prefixed m0. to m%d.)",
                members, members - 1);
        String architecture = (members == 1 ? "" : "the mean of " + members + " members' band gains and comb strengths;"
                + " each: ") + String.format(Locale.ROOT, "dense %d (tanh) -> causal conv k3 %d (tanh) -> GRU %d -> GRU %d"
                + " -> 2 x dense 34 (sigmoid)", config.denseUnits(), config.convUnits(), config.gruUnits(), config.gruUnits());
        String json = String.format(Locale.ROOT, """
                {
                  "name": "%s",
                  "version": "%s",
                  "sha256": "%s",
                  "size": %d,
                  "format": "HUSHNET v%d%s, int8 matrices with per-row scales, float32 biases",
                  "parameters": %d,
                  "architecture": "%s",
                  "training": {
                    "members": %d, "seed": %d, "epochs": %d, "batch": %d, "segmentFrames": %d, "trainSegments": %d,
                    "validSegments": %d, "learningRate": %s, "finalLearningRate": %s, "freshDataEachEpoch": %s,
                    "signalLossWeight": %s, "pauseLossWeight": %s, "envelopeLossWeight": %s,
                    "weightAverageDecay": %s,
                    "data": "%s"
                  }
                }
                """, net.name(), net.version(), sha256(bytes), bytes.length, dev.hush.nn.ModelFile.FORMAT_VERSION, layout,
                net.parameterCount(), architecture, members, config.seed(), config.epochs(), config.batch(), config.segmentFrames(), config.trainSegments(),
                config.validSegments(), Float.toString(config.learningRate()),
                Float.toString(config.finalLearningRate()), config.freshData(),
                Float.toString(config.signalWeight()), Float.toString(config.pauseWeight()),
                Float.toString(config.envelopeWeight()), Double.toString(config.averageDecay()), dataSummary.replace("\"", "'"));
        Files.createDirectories(dir);
        write(dir.resolve(net.name() + ".bin"), bytes);
        write(dir.resolve(net.name() + ".manifest.json"), json.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Installs an ensemble weights file ({@link dev.hush.nn.ModelWriter#ensemble}) with a manifest that embeds each
     * member's own manifest, in member order, so what every member was trained on stays on record.
     */
    public static void installEnsemble(byte[] bytes, Path dir, List<String> memberManifests) throws IOException {
        GainModel model = GainModel.load(bytes);
        if (!(model instanceof GainEnsemble ensemble) || ensemble.size() != memberManifests.size()) {
            throw new IllegalArgumentException("not an ensemble of " + memberManifests.size() + " networks");
        }
        StringBuilder members = new StringBuilder();
        for (int k = 0; k < memberManifests.size(); k++) {
            members.append(k == 0 ? "" : ",\n").append(memberManifests.get(k).strip().indent(4).stripTrailing());
        }
        String json = String.format(Locale.ROOT, """
                {
                  "name": "%s",
                  "version": "%s",
                  "sha256": "%s",
                  "size": %d,
                  "format": "HUSHNET v%d, an ensemble of %d networks (tensors prefixed m0. to m%d.), int8 matrices with per-row scales, float32 biases",
                  "parameters": %d,
                  "architecture": "the mean of the members' band gains and comb strengths; each member as its manifest says",
                  "members": [
                %s
                  ]
                }
                """, model.name(), model.version(), sha256(bytes), bytes.length, dev.hush.nn.ModelFile.FORMAT_VERSION,
                ensemble.size(), ensemble.size() - 1, model.parameterCount(), members);
        Files.createDirectories(dir);
        write(dir.resolve(model.name() + ".bin"), bytes);
        write(dir.resolve(model.name() + ".manifest.json"), json.getBytes(StandardCharsets.UTF_8));
    }

    private static void write(Path target, byte[] bytes) throws IOException {
        Path tmp = Files.createTempFile(target.getParent(), ".install", ".tmp");
        Files.write(tmp, bytes);
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
