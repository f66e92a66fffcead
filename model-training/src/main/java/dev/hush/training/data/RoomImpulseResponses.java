package dev.hush.training.data;

import dev.hush.dsp.PercepNet;
import dev.hush.training.audio.WavFile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Room impulse responses for reverberation. None ship in any package reachable here, but sox's {@code reverb} effect
 * is linear and time-invariant, so pushing a unit impulse through it yields its impulse response (direct path +
 * reverberant tail). A grid of settings gives rooms from dry (RT60 ≈ 0.2 s) to live (≈ 0.8 s+).
 */
public final class RoomImpulseResponses {
    public static final String DIR = "rir";
    /** sox reverb: reverberance %, HF damping %, room scale %, pre-delay ms. */
    static final int[] REVERBERANCE_PERCENT = {15, 30, 50, 70};
    static final int[] HF_DAMPING_PERCENT = {25, 75};
    static final int[] ROOM_SCALE_PERCENT = {30, 70, 100};
    static final int[] PRE_DELAY_MS = {0, 15};
    public static final double LENGTH_SECONDS = 2.0;
    /** The tail is cut where it has decayed this far below the direct path. */
    public static final double TAIL_FLOOR_DB = -70;

    private RoomImpulseResponses() {
    }

    /** Writes every grid point to {@code cacheDir/rir/} with sox, skipping existing files. */
    public static int generate(Path cacheDir) throws IOException, InterruptedException {
        Path dir = cacheDir.resolve(DIR);
        Files.createDirectories(dir);
        float[] impulse = new float[(int) (LENGTH_SECONDS * PercepNet.SAMPLE_RATE_HZ)];
        impulse[0] = 1f;
        Path impulseWav = dir.resolve(".impulse.wav");
        WavFile.writeFloat(impulseWav, impulse, PercepNet.SAMPLE_RATE_HZ);
        int made = 0;
        for (int rev : REVERBERANCE_PERCENT) {
            for (int hf : HF_DAMPING_PERCENT) {
                for (int room : ROOM_SCALE_PERCENT) {
                    for (int pre : PRE_DELAY_MS) {
                        String name = String.format(Locale.ROOT, "sox-reverb-r%02d-hf%02d-room%03d-pre%02d.wav", rev, hf, room, pre);
                        Path out = dir.resolve(name);
                        if (Files.exists(out)) {
                            continue;
                        }
                        Path raw = dir.resolve(".raw-" + name);
                        // stereo-depth 0: mono room; wet-gain 0 dB; the dry impulse stays in as the direct path.
                        Process p = new ProcessBuilder("sox", "-V1", impulseWav.toString(), "-e", "floating-point", "-b", "32",
                                raw.toString(), "reverb", Integer.toString(rev), Integer.toString(hf),
                                Integer.toString(room), "0", Integer.toString(pre), "0")
                                .redirectErrorStream(true).start();
                        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                        if (p.waitFor() != 0) {
                            throw new IOException("sox reverb failed (is sox installed?): " + log.trim());
                        }
                        float[] h = WavFile.read(raw).samples();
                        Files.delete(raw);
                        WavFile.writeFloat(out, trimTail(h), PercepNet.SAMPLE_RATE_HZ);
                        made++;
                    }
                }
            }
        }
        Files.deleteIfExists(impulseWav);
        return made;
    }

    static float[] trimTail(float[] h) {
        double peak = 0;
        for (float v : h) {
            peak = Math.max(peak, Math.abs(v));
        }
        double floor = peak * Math.pow(10, TAIL_FLOOR_DB / 20);
        int end = h.length;
        while (end > 1 && Math.abs(h[end - 1]) < floor) {
            end--;
        }
        return java.util.Arrays.copyOf(h, end);
    }

    /** Every impulse response in the cache, sorted by name. */
    public static List<Path> list(Path cacheDir) throws IOException {
        Path dir = cacheDir.resolve(DIR);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return new ArrayList<>(s.filter(p -> p.getFileName().toString().startsWith("sox-reverb-")).sorted().toList());
        }
    }

    /**
     * RT60 estimated by Schroeder backward integration: the T20 slope (−5 to −25 dB) extrapolated to 60 dB.
     * @return seconds, or NaN when the decay never reaches −25 dB
     */
    public static double rt60Seconds(float[] h, int sampleRateHz) {
        double[] edc = new double[h.length];
        double acc = 0;
        for (int i = h.length - 1; i >= 0; i--) {
            acc += (double) h[i] * h[i];
            edc[i] = acc;
        }
        int t5 = -1;
        int t25 = -1;
        for (int i = 0; i < h.length; i++) {
            double db = 10 * Math.log10(edc[i] / edc[0] + 1e-30);
            if (t5 < 0 && db <= -5) {
                t5 = i;
            }
            if (db <= -25) {
                t25 = i;
                break;
            }
        }
        if (t5 < 0 || t25 < 0) {
            return Double.NaN;
        }
        return 3.0 * (t25 - t5) / sampleRateHz;
    }
}
