package dev.hush.training.audio;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Reads and writes RIFF/WAVE files: PCM 16/24/32-bit and IEEE float 32-bit, any channel count.
 * Reading mixes nothing: it returns the requested channel, so callers decide how to handle stereo sources.
 * Writing is atomic (temporary file, then rename), so an interrupted run never leaves a truncated WAV behind.
 */
public final class WavFile {
    private static final int FORMAT_PCM = 1;
    private static final int FORMAT_FLOAT = 3;
    private static final int FORMAT_EXTENSIBLE = 0xFFFE;

    /** Decoded audio of one channel, samples in [-1, 1]. */
    public record Audio(float[] samples, int sampleRateHz, int channels) {
        public double durationSeconds() {
            return (double) samples.length / sampleRateHz;
        }
    }

    /** All channels, [channel][sample]. */
    public record Multichannel(float[][] channels, int sampleRateHz) {
    }

    private WavFile() {
    }

    /** Reads channel 0. */
    public static Audio read(Path path) throws IOException {
        return read(path, 0);
    }

    public static Audio read(Path path, int channel) throws IOException {
        Multichannel m = readAll(path);
        if (channel < 0 || channel >= m.channels().length) {
            throw new IOException(path + " has " + m.channels().length + " channel(s), asked for channel " + channel);
        }
        return new Audio(m.channels()[channel], m.sampleRateHz(), m.channels().length);
    }

    public static Multichannel readAll(Path path) throws IOException {
        try (InputStream in = Files.newInputStream(path)) {
            return readAll(in, path.toString());
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    public static Multichannel readAll(InputStream in, String name) throws IOException {
        byte[] all = in.readAllBytes();
        ByteBuffer b = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
        if (all.length < 12 || b.getInt(0) != 0x46464952 || b.getInt(8) != 0x45564157) {
            throw new IllegalArgumentException("not a RIFF/WAVE file: " + name);
        }
        int pos = 12;
        int format = -1;
        int channels = 0;
        int rate = 0;
        int bits = 0;
        while (pos + 8 <= all.length) {
            int id = b.getInt(pos);
            long size = b.getInt(pos + 4) & 0xFFFFFFFFL;
            int body = pos + 8;
            if (id == 0x20746d66) { // "fmt "
                format = b.getShort(body) & 0xFFFF;
                channels = b.getShort(body + 2) & 0xFFFF;
                rate = b.getInt(body + 4);
                bits = b.getShort(body + 14) & 0xFFFF;
                if (format == FORMAT_EXTENSIBLE && size >= 26) {
                    format = b.getShort(body + 24) & 0xFFFF;
                }
            } else if (id == 0x61746164) { // "data"
                if (format < 0 || channels <= 0 || bits < 8) {
                    throw new IllegalArgumentException("data chunk before a valid fmt chunk in " + name);
                }
                // Streaming writers (ffmpeg to a pipe) leave the size as 0 or 0xFFFFFFFF: take what is there.
                long available = all.length - body;
                long length = (size == 0 || size > available) ? available : size;
                return new Multichannel(decode(b, body, (int) length, format, channels, bits, name), rate);
            }
            if (size > all.length) {
                break;
            }
            pos = body + (int) size + (int) (size & 1);
        }
        throw new IllegalArgumentException("no data chunk in " + name);
    }

    private static float[][] decode(ByteBuffer b, int start, int length, int format, int channels, int bits, String name) {
        int bytesPerSample = bits / 8;
        int frameBytes = bytesPerSample * channels;
        int frames = length / frameBytes;
        float[][] out = new float[channels][frames];
        for (int i = 0; i < frames; i++) {
            for (int c = 0; c < channels; c++) {
                out[c][i] = sample(b, start + i * frameBytes + c * bytesPerSample, format, bits, name);
            }
        }
        return out;
    }

    private static float sample(ByteBuffer b, int p, int format, int bits, String name) {
        if (format == FORMAT_FLOAT && bits == 32) {
            return b.getFloat(p);
        }
        if (format == FORMAT_PCM) {
            switch (bits) {
                case 16:
                    return b.getShort(p) / 32768f;
                case 24:
                    int v = (b.get(p) & 0xFF) | ((b.get(p + 1) & 0xFF) << 8) | (b.get(p + 2) << 16);
                    return v / 8388608f;
                case 32:
                    return b.getInt(p) / 2147483648f;
                default:
                    break;
            }
        }
        throw new IllegalArgumentException("unsupported WAV encoding (format " + format + ", " + bits + " bits) in " + name);
    }

    /** Writes mono 16-bit PCM, clipping to [-1, 1]. */
    public static void writePcm16(Path path, float[] samples, int sampleRateHz) throws IOException {
        ByteBuffer data = ByteBuffer.allocate(samples.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (float s : samples) {
            data.putShort(toPcm16(s));
        }
        write(path, data.array(), FORMAT_PCM, 16, sampleRateHz);
    }

    /** The 16-bit code whose reading (code / 32768) is nearest to {@code s}, saturating. */
    public static short toPcm16(float s) {
        long v = Math.round(s * 32768.0);
        return (short) Math.max(-32768, Math.min(32767, v));
    }

    /** Writes mono 32-bit float: lossless for evaluation signals whose level matters. */
    public static void writeFloat(Path path, float[] samples, int sampleRateHz) throws IOException {
        ByteBuffer data = ByteBuffer.allocate(samples.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float s : samples) {
            data.putFloat(s);
        }
        write(path, data.array(), FORMAT_FLOAT, 32, sampleRateHz);
    }

    private static void write(Path path, byte[] data, int format, int bits, int rate) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length + 44);
        ByteBuffer h = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
        int blockAlign = bits / 8;
        h.putInt(0x46464952).putInt(36 + data.length).putInt(0x45564157);
        h.putInt(0x20746d66).putInt(16).putShort((short) format).putShort((short) 1)
                .putInt(rate).putInt(rate * blockAlign).putShort((short) blockAlign).putShort((short) bits);
        h.putInt(0x61746164).putInt(data.length);
        out.write(h.array());
        out.write(data);
        Path parent = path.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path tmp = Files.createTempFile(parent, ".tmp-", ".wav");
        try {
            Files.write(tmp, out.toByteArray());
            Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
