package dev.hush.cli;

import dev.hush.audio.SampleEncoding;
import dev.hush.audio.Signals;
import dev.hush.audio.WavAudio;
import dev.hush.audio.WavFormat;
import dev.hush.audio.WavReader;
import dev.hush.audio.WavWriter;
import dev.hush.dsp.PercepNet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleConsumer;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DenoiseCommandTest {
    @TempDir
    Path dir;

    /** Passes audio through untouched: the command's own path (resample, align, write) is all that is left. */
    private static final class IdentityEngine implements Engine {
        final java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();

        @Override
        public String name() {
            return "identity";
        }

        @Override
        public float[] denoise(float[] samples48k, DoubleConsumer progress) {
            calls.incrementAndGet();
            for (int step = 1; step <= 100; step++) {
                progress.accept(step / 100.0);
            }
            return samples48k.clone();
        }
    }

    private final IdentityEngine identity = new IdentityEngine();

    private record Result(int exit, String out, String err) {
        List<String> errLines() {
            return err.isEmpty() ? List.of() : Arrays.asList(err.split("\n"));
        }
    }

    private Result run(DenoiseCommand command, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = command.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Result run(String... args) {
        return run(new DenoiseCommand(), args);
    }

    private Result runWithIdentity(String... args) {
        Map<String, Engines.Factory> engines = new LinkedHashMap<>(Engines.all());
        engines.put("identity", model -> identity);
        return run(new DenoiseCommand(engines), args);
    }

    private Path writeWav(String name, WavFormat format, float[]... channels) throws IOException {
        double[][] d = new double[channels.length][];
        for (int c = 0; c < channels.length; c++) {
            d[c] = Signals.toDouble(channels[c]);
        }
        Path p = dir.resolve(name);
        WavWriter.write(p, new WavAudio(format, d));
        return p;
    }

    /** Two tones inside every rate's passband, faded in and out so the file starts and ends smoothly. */
    private static float[] tones(int rateHz, int length, double f1, double f2) {
        float[] a = Signals.sine(f1, 0.3, 0.2, rateHz, length);
        float[] b = Signals.sine(f2, 0.2, 1.1, rateHz, length);
        for (int i = 0; i < length; i++) {
            a[i] += b[i];
        }
        Signals.fade(a, rateHz / 50);
        return a;
    }

    private List<String> dirListing() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private void assertOneErrorLine(Result r, int expectedExit, String expectedPart) {
        assertEquals(expectedExit, r.exit(), "exit status; stderr: " + r.err());
        assertEquals(1, r.errLines().size(), "exactly one stderr line: " + r.err());
        String line = r.errLines().get(0);
        assertTrue(line.startsWith("denoise: error: "), line);
        assertTrue(line.contains(expectedPart), "'" + line + "' should mention '" + expectedPart + "'");
        assertFalse(line.contains("Exception"), "no Java class names: " + line);
    }

    @ParameterizedTest(name = "{0} Hz x{1} {2}")
    @CsvSource({"44100,2,PCM_S16", "22050,1,PCM_S24", "48000,2,FLOAT32", "8000,1,PCM_U8", "96000,1,PCM_S32",
            "11025,2,PCM_S16"})
    void identityEngineGivesBackTheInputInItsOwnFormat(int rate, int channels, SampleEncoding encoding) throws Exception {
        int length = rate * 3 / 2 + 17;
        // Both tones inside the passband of the conversion to and from 48 kHz.
        double nyquist = Math.min(rate, 48000) / 2.0;
        float[][] x = new float[channels][];
        for (int c = 0; c < channels; c++) {
            x[c] = tones(rate, length, 0.05 * nyquist + 100 * c, 0.8 * nyquist);
        }
        WavFormat format = WavFormat.of(encoding, channels, rate);
        Path in = writeWav("in.wav", format, x);
        WavAudio original = WavReader.read(in);

        Result r = runWithIdentity("--engine", "identity", in.toString(), dir.resolve("out.wav").toString());
        assertEquals(0, r.exit(), r.err());
        assertEquals("", r.err(), "files under a minute show no progress");
        assertTrue(r.out().matches("denoised 1\\.5 s of audio in \\d+\\.\\d s \\(RTF \\d+\\.\\d{4}, \\d+(\\.\\d+)?x real time\\)\n"),
                r.out());
        assertEquals(channels, identity.calls.get(), "one engine call per channel");

        WavAudio out = WavReader.read(dir.resolve("out.wav"));
        assertEquals(format, out.format());
        assertEquals(length, out.frames());
        // Resampling twice stays within -80 dB of the signal; add half a code of rounding.
        double quantum = encoding == SampleEncoding.PCM_U8 ? 1 / 128.0 : encoding == SampleEncoding.PCM_S16 ? 1 / 32768.0 : 0;
        double tolerance = 0.5 * 1e-4 + 0.5 * quantum + 1e-6;
        boolean resampled = rate != 48000;
        for (int c = 0; c < channels; c++) {
            double maxError = 0;
            for (int i = 0; i < length; i++) {
                maxError = Math.max(maxError, Math.abs(out.channels()[c][i] - original.channels()[c][i]));
            }
            assertTrue(maxError <= (resampled ? tolerance : quantum), "channel " + c + ": max error " + maxError);
        }
        assertEquals(List.of("in.wav", "out.wav"), dirListing());
    }

    @Test
    void jvmEngineKeepsFormatLengthAndAlignment() throws Exception {
        int rate = 44100;
        int length = 2 * rate + 11;
        float[] left = Signals.speechLike(rate, length, 5);
        float[] right = Signals.speechLike(rate, length, 6);
        for (int i = 0; i < length; i++) {
            right[i] *= 0.5f;
        }
        WavFormat format = WavFormat.of(SampleEncoding.PCM_S16, 2, rate);
        Path in = writeWav("speech.wav", format, left, right);
        WavAudio original = WavReader.read(in);

        Result r = run("--quiet", in.toString(), dir.resolve("clean.wav").toString());
        assertEquals(0, r.exit(), r.err());
        assertEquals("", r.out() + r.err(), "--quiet prints nothing");
        WavAudio out = WavReader.read(dir.resolve("clean.wav"));
        assertEquals(format, out.format());
        assertEquals(length, out.frames());
        for (int c = 0; c < 2; c++) {
            double[] peak = Signals.crossCorrelationPeak(Signals.toFloat(original.channels()[c]),
                    Signals.toFloat(out.channels()[c]), 2000);
            assertEquals(0, (int) peak[0], "channel " + c + " lag");
            assertTrue(peak[1] > 0.5, "channel " + c + " correlation " + peak[1]);
        }
    }

    @Test
    void primingStepsAndWarpExponentReachTheJvmEngineOnly() throws Exception {
        Path in = noisySpeechWav(7);
        float[] shipped = denoiseQuietly(in, "shipped.wav");
        float[] noPriming = denoiseQuietly(in, "no-priming.wav", "--engine", "jvm-no-priming");
        assertArrayEquals(noPriming, denoiseQuietly(in, "steps0.wav", "--priming-steps", "0"), 0f,
                "--priming-steps 0 is the jvm-no-priming engine");
        assertArrayEquals(shipped, denoiseQuietly(in, "defaults.wav", "--priming-steps", "30", "--warp-exponent=0.5"),
                0f, "the shipped values change nothing");
        float[] fullWarp = denoiseQuietly(in, "warp1.wav", "--warp-exponent", "1");
        double moved = 0;
        for (int i = 0; i < shipped.length; i++) {
            moved = Math.max(moved, Math.abs(fullWarp[i] - shipped[i]));
        }
        assertTrue(moved > 1e-4, "--warp-exponent 1 changes the output (max difference " + moved + ")");
        assertArrayEquals(shipped, denoiseQuietly(in, "pause-same.wav", "--pause-warp-exponent", "0.5"), 0f,
                "a pause warp equal to the speech warp changes nothing");
        // Presence never exceeds 1 (0 dB), so at -0 dB every frame is a pause frame: the pause warp everywhere.
        assertArrayEquals(fullWarp, denoiseQuietly(in, "pause-all.wav", "--warp-exponent", "0",
                "--pause-warp-exponent", "1", "--pause-presence-db", "0"), 1e-6f, "every frame a pause: warp 1");

        Result r = runWithIdentity("--engine", "identity", "--warp-exponent", "1", in.toString(),
                dir.resolve("identity.wav").toString());
        assertOneErrorLine(r, 1, "apply to the jvm engines only, not 'identity'");
        assertTrue(Files.notExists(dir.resolve("identity.wav")));
    }

    @Test
    void ensembleWithReachesTheJvmEnginesAndRefusesWhatCannotJoin() throws Exception {
        Path in = noisySpeechWav(9);
        Path shippedModel = dir.resolve("shipped.bin");
        Files.write(shippedModel, ShippedModel.bytes());
        float[] shipped = denoiseQuietly(in, "shipped.wav");
        // Two copies of one network average to that network, so the ensemble path must give the same audio.
        assertArrayEquals(shipped, denoiseQuietly(in, "pair.wav", "--ensemble-with", shippedModel.toString()), 0f,
                "an ensemble of the shipped model with itself is the shipped model");
        assertArrayEquals(denoiseQuietly(in, "unprimed.wav", "--engine", "jvm-no-priming"),
                denoiseQuietly(in, "unprimed-pair.wav", "--ensemble-with=" + shippedModel, "--priming-steps", "0"), 0f,
                "the ensemble's members follow --priming-steps");

        Path junk = dir.resolve("junk.bin");
        Files.write(junk, new byte[]{9, 9, 9, 9});
        String out = dir.resolve("out.wav").toString();
        assertOneErrorLine(run("--ensemble-with", junk.toString(), in.toString(), out), 1, "model file " + junk);
        assertOneErrorLine(run("--ensemble-with", dir.resolve("gone.bin").toString(), in.toString(), out), 1,
                "cannot read model file");
        assertOneErrorLine(run("--model", "none", "--ensemble-with", shippedModel.toString(), in.toString(), out), 1,
                "--ensemble-with needs a network");
        assertOneErrorLine(runWithIdentity("--engine", "identity", "--ensemble-with", shippedModel.toString(),
                in.toString(), out), 1, "--ensemble-with applies to the jvm engines only, not 'identity'");
        assertTrue(Files.notExists(dir.resolve("out.wav")));
    }

    /** Two seconds of speech-like signal in white noise, 48 kHz float, as noisy.wav. */
    private Path noisySpeechWav(long seed) throws IOException {
        int rate = PercepNet.SAMPLE_RATE_HZ;
        float[] noisy = Signals.speechLike(rate, 2 * rate, seed);
        float[] noise = Signals.whiteNoise(noisy.length, 0.05, seed + 1);
        for (int i = 0; i < noisy.length; i++) {
            noisy[i] += noise[i];
        }
        return writeWav("noisy.wav", WavFormat.of(SampleEncoding.FLOAT32, 1, rate), noisy);
    }

    private float[] denoiseQuietly(Path in, String outName, String... options) throws IOException {
        List<String> args = new ArrayList<>(List.of(options));
        args.addAll(List.of("--quiet", in.toString(), dir.resolve(outName).toString()));
        Result r = run(args.toArray(new String[0]));
        assertEquals(0, r.exit(), r.err());
        return Signals.toFloat(WavReader.read(dir.resolve(outName)).channels()[0]);
    }

    @Test
    void outputMayReplaceTheInputFile() throws Exception {
        Path in = writeWav("same.wav", WavFormat.of(SampleEncoding.PCM_S16, 1, 16000), tones(16000, 16000, 300, 2000));
        WavAudio before = WavReader.read(in);
        Result r = runWithIdentity("-q", "--engine=identity", in.toString(), in.toString());
        assertEquals(0, r.exit(), r.err());
        assertEquals(before.frames(), WavReader.read(in).frames());
        assertEquals(List.of("same.wav"), dirListing());
    }

    @Test
    void longFilesReportProgressUnlessQuiet() throws Exception {
        int rate = 8000;
        int length = 61 * rate;
        Path in = writeWav("long.wav", WavFormat.of(SampleEncoding.PCM_S16, 1, rate), tones(rate, length, 200, 1000));
        Result r = runWithIdentity("--engine", "identity", in.toString(), dir.resolve("o.wav").toString());
        assertEquals(0, r.exit(), r.err());
        List<String> expected = new ArrayList<>();
        for (int p = 10; p <= 100; p += 10) {
            expected.add("denoise: " + p + "%");
        }
        assertEquals(expected, r.errLines());
        assertTrue(r.out().startsWith("denoised 61.0 s of audio in "), r.out());

        Result quiet = runWithIdentity("--engine", "identity", "--quiet", in.toString(), dir.resolve("o.wav").toString());
        assertEquals(0, quiet.exit());
        assertEquals("", quiet.out() + quiet.err());
    }

    @Test
    void stereoProgressCombinesBothChannels() throws Exception {
        int rate = 8000;
        int length = 61 * rate;
        Path in = writeWav("long2.wav", WavFormat.of(SampleEncoding.PCM_S16, 2, rate), tones(rate, length, 200, 1000),
                tones(rate, length, 300, 2000));
        Result r = runWithIdentity("--engine", "identity", in.toString(), dir.resolve("o.wav").toString());
        assertEquals(0, r.exit(), r.err());
        List<String> expected = new ArrayList<>();
        for (int p = 10; p <= 100; p += 10) {
            expected.add("denoise: " + p + "%");
        }
        assertEquals(expected, r.errLines());
    }

    @Test
    void helpGoesToStdoutAndSucceeds() {
        Result r = run("--help");
        assertEquals(0, r.exit());
        assertTrue(r.out().startsWith("usage: denoise [--engine jvm|wasm|jvm-no-postfilter|jvm-assist|jvm-no-priming] [--model FILE|none] [--priming-steps N] [--warp-exponent E] [--pause-warp-exponent E [--pause-presence-db T]] [--ensemble-with FILE]... [--quiet] IN.wav OUT.wav"), r.out());
        assertEquals("", r.err());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "                                  | missing IN.wav and OUT.wav",
            "a.wav                             | missing OUT.wav",
            "a.wav b.wav c.wav                 | too many arguments",
            "--bogus a.wav b.wav               | unknown option '--bogus'",
            "--engine                          | --engine needs a value",
            "--engine gpu a.wav b.wav          | unknown engine 'gpu' (choose jvm, wasm, jvm-no-postfilter, jvm-assist, jvm-no-priming)",
            "--model                           | --model needs a value",
            "--quiet=yes a.wav b.wav           | takes no value",
            "--engine jvm --engine jvm a b     | given twice",
            "--priming-steps x a.wav b.wav     | --priming-steps needs a whole number, got 'x'",
            "--priming-steps 101 a.wav b.wav   | --priming-steps must be 0 to 100, got 101",
            "--warp-exponent -1 a.wav b.wav    | --warp-exponent must be 0 to 4, got -1",
            "--warp-exponent=NaN a.wav b.wav   | --warp-exponent must be 0 to 4, got NaN",
            "--warp-exponent 1 --warp-exponent 1 a b | --warp-exponent given twice",
            "--pause-warp-exponent 5 a.wav b.wav | --pause-warp-exponent must be 0 to 4, got 5",
            "--pause-warp-exponent 1 --pause-presence-db 3 a b | --pause-presence-db must be -100 to 0, got 3",
            "--pause-presence-db -10 a.wav b.wav | --pause-presence-db needs --pause-warp-exponent",
            "--ensemble-with                   | --ensemble-with needs a value",
            "--ensemble-with= a.wav b.wav      | --ensemble-with needs a file name"})
    void usageErrorsExitWith2(String args, String expected) throws IOException {
        String[] argv = args == null ? new String[0] : args.trim().split("\\s+");
        Result r = run(argv);
        assertOneErrorLine(r, 2, expected);
        assertEquals("", r.out());
        assertEquals(List.of(), dirListing());
    }

    @Test
    void failuresLeaveNoOutputAndNoTemporaryFile() throws Exception {
        Path good = writeWav("good.wav", WavFormat.of(SampleEncoding.PCM_S16, 1, 16000), tones(16000, 8000, 300, 2000));
        Path text = dir.resolve("notes.wav");
        Files.writeString(text, "just some text\n");
        Path truncated = dir.resolve("cut.wav");
        byte[] goodBytes = Files.readAllBytes(good);
        Files.write(truncated, Arrays.copyOf(goodBytes, goodBytes.length - 100));
        Path mp3 = dir.resolve("mp3.wav");
        Files.write(mp3, dev.hush.audio.WavBytes.create().fmt(0x55, 2, 44100, 0).data(new byte[100]).bytes());
        Path threeChannels = dir.resolve("three.wav");
        Files.write(threeChannels, dev.hush.audio.WavBytes.create().fmt(1, 3, 48000, 16).data(new byte[60]).bytes());
        Path model = dir.resolve("model.bin");
        Files.write(model, new byte[]{0, 1, 2, 3, 4, 5, 6, 7});
        Path existing = dir.resolve("existing.wav");
        Files.writeString(existing, "precious");
        List<String> before = dirListing();
        String out = dir.resolve("out.wav").toString();

        assertOneErrorLine(run(text.toString(), out), 1, "notes.wav: not a WAV file");
        assertOneErrorLine(run(truncated.toString(), out), 1, "cut.wav: truncated data");
        assertOneErrorLine(run(mp3.toString(), out), 1, "MP3");
        assertOneErrorLine(run(threeChannels.toString(), out), 1, "3 channels are not supported");
        assertOneErrorLine(run(dir.resolve("missing.wav").toString(), out), 1, "missing.wav: no such file");
        assertOneErrorLine(run(good.toString(), dir.resolve("no/such/dir/out.wav").toString()), 1, "does not exist");
        assertOneErrorLine(run(good.toString(), good.resolve("sub.wav").toString()), 1, "good.wav is not a directory");
        assertOneErrorLine(run(good.toString(), dir.toString()), 1, "is a directory");
        assertOneErrorLine(run("--model", dir.resolve("nope.bin").toString(), good.toString(), out), 1,
                "cannot read model file");
        assertOneErrorLine(run("--model", dir.toString(), good.toString(), out), 1, "cannot read model file");
        assertOneErrorLine(run("--model", model.toString(), good.toString(), out), 1, "model file");
        // A failed run never touches an existing OUT.
        assertOneErrorLine(run(text.toString(), existing.toString()), 1, "not a WAV file");
        assertEquals("precious", Files.readString(existing));

        assertEquals(before, dirListing(), "no output and no temporary file left behind");
    }

    @Test
    void engineFailureMidwayLeavesNothingBehind() throws Exception {
        Path good = writeWav("good.wav", WavFormat.of(SampleEncoding.PCM_S16, 2, 48000), tones(48000, 4800, 300, 2000),
                tones(48000, 4800, 500, 3000));
        Map<String, Engines.Factory> engines = new LinkedHashMap<>(Engines.all());
        java.util.concurrent.atomic.AtomicInteger opened = new java.util.concurrent.atomic.AtomicInteger();
        // The engine of the second channel fails halfway through the run.
        engines.put("broken", model -> {
            boolean fails = opened.incrementAndGet() == 2;
            return new Engine() {
                @Override
                public String name() {
                    return "broken";
                }

                @Override
                public float[] denoise(float[] samples48k, DoubleConsumer progress) throws IOException {
                    if (fails) {
                        throw new IOException("runtime crashed\nwith a two-line message");
                    }
                    return samples48k.clone();
                }
            };
        });
        Result r = run(new DenoiseCommand(engines), "--engine", "broken", good.toString(), dir.resolve("o.wav").toString());
        assertOneErrorLine(r, 1, "runtime crashed; with a two-line message");
        assertEquals(List.of("good.wav"), dirListing());
    }

    @Test
    void summaryReportsRealTimeFactor() {
        assertEquals("denoised 600.0 s of audio in 4.1 s (RTF 0.0068, 146x real time)",
                DenoiseCommand.summary(600, 4.1));
        assertEquals("denoised 10.0 s of audio in 2.0 s (RTF 0.2000, 5.0x real time)", DenoiseCommand.summary(10, 2));
        assertEquals("denoised 1.0 s of audio in 4.0 s (RTF 4.0000, 0.25x real time)", DenoiseCommand.summary(1, 4));
    }

    @Test
    void inputIsNotModifiedOnDisk() throws Exception {
        Path in = writeWav("keep.wav", WavFormat.of(SampleEncoding.PCM_S24, 1, 32000), tones(32000, 9000, 700, 5000));
        byte[] before = Files.readAllBytes(in);
        Result r = run("-q", in.toString(), dir.resolve("o.wav").toString());
        assertEquals(0, r.exit(), r.err());
        assertArrayEquals(before, Files.readAllBytes(in));
    }
}
