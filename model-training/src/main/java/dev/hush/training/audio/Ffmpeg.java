package dev.hush.training.audio;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Decodes any audio file ffmpeg understands to float samples at a chosen rate, through a pipe (no temp files). */
public final class Ffmpeg {
    private Ffmpeg() {
    }

    /**
     * Decodes every channel, resampled to {@code sampleRateHz}.
     * @param inputFormat ffmpeg demuxer name for headerless inputs (e.g. "g722"), or null to probe
     * @return samples per channel, [channel][sample]
     */
    public static float[][] decode(Path file, String inputFormat, int sampleRateHz) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-nostdin", "-v", "error"));
        if (inputFormat != null) {
            cmd.addAll(List.of("-f", inputFormat));
        }
        cmd.addAll(List.of("-i", file.toString(), "-vn", "-ar", Integer.toString(sampleRateHz),
                "-c:a", "pcm_f32le", "-f", "wav", "-"));
        Process p;
        try {
            p = new ProcessBuilder(cmd).start();
        } catch (IOException e) {
            throw new IOException("cannot run ffmpeg (install it: apt-get install ffmpeg): " + e.getMessage(), e);
        }
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Thread errPump = new Thread(() -> pump(p.getErrorStream(), err));
        errPump.start();
        byte[] raw = p.getInputStream().readAllBytes();
        try {
            int rc = p.waitFor();
            errPump.join();
            if (rc != 0) {
                throw new IOException("ffmpeg failed (exit " + rc + ") on " + file + ": "
                        + err.toString(StandardCharsets.UTF_8).trim());
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while decoding " + file, e);
        }
        try {
            return WavFile.readAll(new ByteArrayInputStream(raw), file.toString()).channels();
        } catch (IllegalArgumentException e) {
            throw new IOException("ffmpeg output for " + file + " unreadable: " + e.getMessage(), e);
        }
    }

    private static void pump(InputStream in, ByteArrayOutputStream out) {
        try {
            in.transferTo(out);
        } catch (IOException ignored) {
            // the exit code reports the failure
        }
    }
}
