package dev.hush.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hush.nn.GainEnsemble;
import dev.hush.nn.GainModel;
import dev.hush.nn.GainNetwork;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bin/make-ensemble on the committed 1.4.0 and 1.7.0 weights (the two seeds the ensemble run measured). */
class EnsembleCommandTest {
    private static final Path RUNS = Path.of("runs");

    private static Path member(Path dir, String version) throws Exception {
        Path d = Files.createDirectories(dir.resolve(version));
        Path run = RUNS.resolve("hush-percepnet-" + version);
        Files.copy(run.resolve("hush-percepnet.bin"), d.resolve("hush-percepnet.bin"));
        Files.copy(run.resolve("hush-percepnet.manifest.json"), d.resolve("hush-percepnet.manifest.json"));
        return d.resolve("hush-percepnet.bin");
    }

    /** 1.4.0 and 1.7.0 joined as version {@code version} into {@code dir/name}; returns the installed weights. */
    private static Path joined(Path dir, String version, String name) throws Exception {
        Path out = dir.resolve(name);
        Result r = run("--version", version, "--out", out.toString(), member(dir, "1.4.0").toString(),
                member(dir, "1.7.0").toString());
        assertEquals(0, r.exit(), r.err());
        return out.resolve("hush-percepnet.bin");
    }

    private record Result(int exit, String err) {
    }

    private static Result run(String... args) {
        PrintStream oldErr = System.err;
        PrintStream oldOut = System.out;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
            return new Result(EnsembleCommand.run(args), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(oldErr);
            System.setOut(oldOut);
        }
    }

    @Test
    void splitsAnEnsembleBackIntoItsMembers(@TempDir Path dir) throws Exception {
        Path joined = joined(dir, "9.0.0", "joined");
        Path a = dir.resolve("1.4.0").resolve("hush-percepnet.bin");
        Path b = dir.resolve("1.7.0").resolve("hush-percepnet.bin");
        Path parts = dir.resolve("parts");
        Result r = run("--split", joined.toString(), "--out", parts.toString());
        assertEquals(0, r.exit(), r.err());
        for (Path[] pair : new Path[][] {{a, parts.resolve("member-0.bin")}, {b, parts.resolve("member-1.bin")}}) {
            GainNetwork in = GainNetwork.load(Files.readAllBytes(pair[0]));
            GainNetwork out = GainNetwork.load(Files.readAllBytes(pair[1]));
            assertEquals(in.parameterCount(), out.parameterCount());
            float[] x = new float[in.featureCount()];
            java.util.Arrays.fill(x, 0.3f);
            float[][] g = new float[2][dev.hush.dsp.PercepNet.BANDS];
            float[][] s = new float[2][dev.hush.dsp.PercepNet.BANDS];
            in.forward(x, g[0], s[0]);
            out.forward(x, g[1], s[1]);
            assertTrue(java.util.Arrays.equals(g[0], g[1]) && java.util.Arrays.equals(s[0], s[1]), pair[1].toString());
        }
        Result single = run("--split", a.toString(), "--out", parts.toString());
        assertEquals(1, single.exit());
        assertTrue(single.err().contains("one network"), single.err());
        Result noOut = run("--split", a.toString());
        assertEquals(2, noOut.exit());
        assertTrue(noOut.err().contains("--out DIR"), noOut.err());
    }

    @Test
    void joinsTwoTrainedNetworksWithTheirManifests(@TempDir Path dir) throws Exception {
        Path a = member(dir, "1.4.0");
        Path b = member(dir, "1.7.0");
        Path out = dir.resolve("out");
        Result r = run("--version", "9.0.0", "--out", out.toString(), a.toString(), b.toString());
        assertEquals(0, r.exit(), r.err());
        byte[] bytes = Files.readAllBytes(out.resolve("hush-percepnet.bin"));
        GainModel model = GainModel.load(bytes);
        assertTrue(model instanceof GainEnsemble);
        assertEquals("9.0.0", model.version());
        assertEquals(GainNetwork.load(Files.readAllBytes(a)).parameterCount()
                + GainNetwork.load(Files.readAllBytes(b)).parameterCount(), model.parameterCount());
        String manifest = Files.readString(out.resolve("hush-percepnet.manifest.json"));
        assertTrue(manifest.contains("\"sha256\": \"" + ModelManifest.sha256(bytes) + "\""), manifest);
        assertTrue(manifest.contains("\"size\": " + bytes.length), manifest);
        assertTrue(manifest.contains("\"version\": \"1.4.0\"") && manifest.contains("\"version\": \"1.7.0\""),
                "both members' manifests are embedded");
        assertTrue(manifest.indexOf("\"version\": \"1.4.0\"") < manifest.indexOf("\"version\": \"1.7.0\""),
                "in member order");
        assertEquals(2, manifest.split("\"seed\":", -1).length - 1, "each member's training record");
    }

    @Test
    void refusesWhatCannotBeJoined(@TempDir Path dir) throws Exception {
        Path a = member(dir, "1.4.0");
        Path b = member(dir, "1.7.0");
        Path out = dir.resolve("out");
        assertEquals(2, run("--out", out.toString(), a.toString(), b.toString()).exit(), "no --version");
        assertEquals(2, run("--version", "1", a.toString()).exit(), "one member");
        assertEquals(2, run("--version", "1", "--bogus", a.toString(), b.toString()).exit());

        Files.write(b.resolveSibling("hush-percepnet.manifest.json"),
                Files.readString(a.resolveSibling("hush-percepnet.manifest.json")).getBytes(StandardCharsets.UTF_8));
        Result wrongManifest = run("--version", "1", "--out", out.toString(), a.toString(), b.toString());
        assertEquals(1, wrongManifest.exit());
        assertTrue(wrongManifest.err().contains("does not describe"), wrongManifest.err());

        Path junk = dir.resolve("junk.bin");
        Files.write(junk, new byte[] {1, 2, 3});
        Result bad = run("--version", "1", "--out", out.toString(), a.toString(), junk.toString());
        assertEquals(1, bad.exit());
        assertTrue(bad.err().contains("junk.bin"), bad.err());
        Result missing = run("--version", "1", "--out", out.toString(), a.toString(), dir.resolve("gone.bin").toString());
        assertEquals(1, missing.exit());
        assertTrue(missing.err().contains("no such file"), missing.err());
        assertFalse(Files.exists(out.resolve("hush-percepnet.bin")), "nothing installed after a refusal");
    }

    @Test
    void anEnsembleIsNotAMember(@TempDir Path dir) throws Exception {
        Path first = joined(dir, "2", "first");
        Path a = dir.resolve("1.4.0").resolve("hush-percepnet.bin");
        Result r = run("--version", "3", "--out", dir.resolve("second").toString(), a.toString(), first.toString());
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("ensemble"), r.err());
        assertFalse(Files.exists(dir.resolve("second")), "nothing installed after a refusal");
    }
}
