package dev.hush.audio;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Writes WAV files in a given {@link WavFormat}. Integer formats are rounded to the nearest code and clipped
 * (no dither: the input of Hush already carries its own noise floor).
 */
public final class WavWriter {
    /** RIFF sizes are 32-bit; the header and pad byte must fit too. */
    private static final long MAX_DATA_BYTES = 0xFFFF_FFFFL - 100;
    private static final int ENCODE_BLOCK_BYTES = 1 << 16;

    private WavWriter() {
    }

    /** Creates or truncates {@code path} and writes {@code audio} into it, flushed to the device. */
    public static void write(Path path, WavAudio audio) throws IOException {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.WRITE, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            write(ch, audio);
            ch.force(true);
        }
    }

    public static void write(WritableByteChannel ch, WavAudio audio) throws IOException {
        WavFormat f = audio.format();
        long dataBytes = (long) audio.frames() * f.blockAlignBytes();
        if (dataBytes > MAX_DATA_BYTES) {
            throw new WavFormatException("output would exceed the 4 GB size limit of WAV files");
        }
        boolean floatFormat = f.encoding().formatTag == WavFormat.TAG_IEEE_FLOAT;
        int fmtBytes = f.extensible() ? 40 : floatFormat ? 18 : 16;
        // The spec requires a fact chunk (sample frames per channel) for every non-PCM format.
        boolean factChunk = floatFormat || f.extensible();
        long pad = dataBytes & 1;
        long riffBytes = 4 + (8 + fmtBytes) + (factChunk ? 12 : 0) + (8 + dataBytes + pad);

        ByteBuffer h = ByteBuffer.allocate(12 + 8 + fmtBytes + 12 + 8).order(ByteOrder.LITTLE_ENDIAN);
        h.put(ascii("RIFF")).putInt((int) riffBytes).put(ascii("WAVE"));
        h.put(ascii("fmt ")).putInt(fmtBytes);
        h.putShort((short) (f.extensible() ? WavFormat.TAG_EXTENSIBLE : f.encoding().formatTag));
        h.putShort((short) f.channels());
        h.putInt(f.sampleRateHz());
        h.putInt(f.sampleRateHz() * f.blockAlignBytes());
        h.putShort((short) f.blockAlignBytes());
        h.putShort((short) f.encoding().bitsPerSample);
        if (f.extensible()) {
            h.putShort((short) 22);
            h.putShort((short) f.validBits());
            h.putInt(f.channelMask());
            h.putShort((short) f.encoding().formatTag);
            h.put(new byte[]{0x00, 0x00, 0x00, 0x00, 0x10, 0x00, (byte) 0x80, 0x00, 0x00, (byte) 0xAA, 0x00, 0x38,
                    (byte) 0x9B, 0x71});
        } else if (floatFormat) {
            h.putShort((short) 0);
        }
        if (factChunk) {
            h.put(ascii("fact")).putInt(4).putInt(audio.frames());
        }
        h.put(ascii("data")).putInt((int) dataBytes);
        h.flip();
        writeFully(ch, h);
        encode(ch, audio);
        if (pad != 0) {
            writeFully(ch, ByteBuffer.allocate(1));
        }
    }

    private static void encode(WritableByteChannel ch, WavAudio audio) throws IOException {
        WavFormat f = audio.format();
        double[][] in = audio.channels();
        int channels = f.channels();
        int frames = audio.frames();
        int framesPerBlock = ENCODE_BLOCK_BYTES / f.blockAlignBytes();
        ByteBuffer buf = ByteBuffer.allocate(framesPerBlock * f.blockAlignBytes()).order(ByteOrder.LITTLE_ENDIAN);
        for (int start = 0; start < frames; start += framesPerBlock) {
            int end = Math.min(frames, start + framesPerBlock);
            buf.clear();
            for (int i = start; i < end; i++) {
                for (int c = 0; c < channels; c++) {
                    double v = in[c][i];
                    switch (f.encoding()) {
                        case PCM_U8 -> buf.put((byte) (quantize(v, 128.0, -128, 127) + 128));
                        case PCM_S16 -> buf.putShort((short) quantize(v, 32768.0, -32768, 32767));
                        case PCM_S24 -> {
                            long s = quantize(v, 8388608.0, -8388608, 8388607);
                            buf.put((byte) s).put((byte) (s >> 8)).put((byte) (s >> 16));
                        }
                        case PCM_S32 -> buf.putInt((int) quantize(v, 2147483648.0, Integer.MIN_VALUE, Integer.MAX_VALUE));
                        case FLOAT32 -> buf.putFloat((float) v);
                        default -> throw new AssertionError(f.encoding());
                    }
                }
            }
            buf.flip();
            writeFully(ch, buf);
        }
    }

    /** Nearest integer code for {@code v · scale}, clipped to [min, max]; NaN becomes silence. */
    static long quantize(double v, double scale, long min, long max) {
        double x = Math.rint(v * scale);
        if (x != x) {
            return 0;
        }
        if (x < min) {
            return min;
        }
        if (x > max) {
            return max;
        }
        return (long) x;
    }

    private static void writeFully(WritableByteChannel ch, ByteBuffer buf) throws IOException {
        while (buf.hasRemaining()) {
            ch.write(buf);
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
