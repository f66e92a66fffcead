package dev.hush.audio;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads RIFF/WAVE files: PCM 8/16/24/32-bit, 32-bit float, plain or WAVE_FORMAT_EXTENSIBLE, mono or stereo.
 * Strict: anything it cannot decode exactly as declared is a {@link WavFormatException}, never a guess.
 */
public final class WavReader {
    private static final int RIFF_HEADER_BYTES = 12;
    private static final int CHUNK_HEADER_BYTES = 8;
    private static final int MIN_FMT_BYTES = 16;
    private static final int EXTENSIBLE_FMT_BYTES = 40;
    /** Far beyond any real fmt chunk; stops a corrupt size from allocating gigabytes. */
    private static final int MAX_FMT_BYTES = 1 << 16;
    /** Bytes 2..15 of the KSDATAFORMAT_SUBTYPE_* GUIDs for PCM and IEEE float (the first two bytes are the tag). */
    private static final byte[] SUBFORMAT_GUID_TAIL = {
            0x00, 0x00, 0x00, 0x00, 0x10, 0x00, (byte) 0x80, 0x00, 0x00, (byte) 0xAA, 0x00, 0x38, (byte) 0x9B, 0x71};
    private static final int DECODE_BLOCK_BYTES = 1 << 16;

    private WavReader() {
    }

    public static WavAudio read(Path path) throws IOException {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            return read(ch);
        }
    }

    static WavAudio read(FileChannel ch) throws IOException {
        long fileBytes = ch.size();
        if (fileBytes == 0) {
            throw new WavFormatException("empty file, not a WAV file");
        }
        ByteBuffer riff = readFully(ch, 0, (int) Math.min(RIFF_HEADER_BYTES, fileBytes));
        String riffId = fourCc(riff, 0, Math.min(4, riff.limit()));
        if (riffId.equals("RIFX")) {
            throw new WavFormatException("big-endian (RIFX) WAV files are not supported");
        }
        if (riffId.equals("RF64")) {
            throw new WavFormatException("RF64 (over 4 GB) WAV files are not supported");
        }
        if (!riffId.equals("RIFF")) {
            throw new WavFormatException("not a WAV file (no RIFF header)");
        }
        if (fileBytes < RIFF_HEADER_BYTES) {
            throw new WavFormatException("truncated header (file is only " + fileBytes + " bytes)");
        }
        if (!fourCc(riff, 8, 12).equals("WAVE")) {
            throw new WavFormatException("not a WAV file (RIFF type is '" + printable(fourCc(riff, 8, 12)) + "', not 'WAVE')");
        }

        // The RIFF size field is ignored on purpose: streaming writers leave it 0 or 0xFFFFFFFF, and the chunks
        // themselves say all that is needed.
        ByteBuffer fmt = null;
        long dataOffset = -1;
        long dataBytes = -1;
        long pos = RIFF_HEADER_BYTES;
        while (pos + CHUNK_HEADER_BYTES <= fileBytes && (fmt == null || dataOffset < 0)) {
            ByteBuffer header = readFully(ch, pos, CHUNK_HEADER_BYTES);
            String id = fourCc(header, 0, 4);
            long size = Integer.toUnsignedLong(header.getInt(4));
            long body = pos + CHUNK_HEADER_BYTES;
            long available = fileBytes - body;
            if (id.equals("fmt ")) {
                if (size < MIN_FMT_BYTES || size > MAX_FMT_BYTES) {
                    throw new WavFormatException("corrupt 'fmt ' chunk (size " + size + " bytes)");
                }
                if (size > available) {
                    throw new WavFormatException("truncated header ('fmt ' chunk cut off)");
                }
                fmt = readFully(ch, body, (int) size);
            } else if (id.equals("data")) {
                if (size > available) {
                    throw new WavFormatException("truncated data (data chunk declares " + size
                            + " bytes, file holds " + available + ")");
                }
                dataOffset = body;
                dataBytes = size;
            }
            // RIFF pads every chunk to an even size; the pad byte is not counted in the size field.
            pos = body + size + (size & 1);
        }
        if (fmt == null) {
            throw new WavFormatException(dataOffset < 0 ? "truncated header (no 'fmt ' chunk)" : "no 'fmt ' chunk before end of file");
        }
        WavFormat format = parseFormat(fmt);
        if (dataOffset < 0) {
            throw new WavFormatException("no 'data' chunk (truncated file?)");
        }
        int blockAlign = format.blockAlignBytes();
        if (dataBytes % blockAlign != 0) {
            throw new WavFormatException("truncated data (data chunk of " + dataBytes
                    + " bytes is not a whole number of " + blockAlign + "-byte sample frames)");
        }
        long frames = dataBytes / blockAlign;
        if (frames == 0) {
            throw new WavFormatException("no audio samples (empty data chunk)");
        }
        if (frames > Integer.MAX_VALUE - 8) {
            throw new WavFormatException("too long: " + frames + " samples per channel");
        }
        double[][] channels = new double[format.channels()][(int) frames];
        decode(ch, dataOffset, format, channels);
        return new WavAudio(format, channels);
    }

    private static WavFormat parseFormat(ByteBuffer fmt) throws WavFormatException {
        int tag = fmt.getShort(0) & 0xFFFF;
        int channels = fmt.getShort(2) & 0xFFFF;
        long rate = Integer.toUnsignedLong(fmt.getInt(4));
        int blockAlign = fmt.getShort(12) & 0xFFFF;
        int bits = fmt.getShort(14) & 0xFFFF;
        boolean extensible = tag == WavFormat.TAG_EXTENSIBLE;
        int validBits = bits;
        int channelMask = 0;
        if (extensible) {
            if (fmt.limit() < EXTENSIBLE_FMT_BYTES) {
                throw new WavFormatException("corrupt 'fmt ' chunk (WAVE_FORMAT_EXTENSIBLE needs 40 bytes, has " + fmt.limit() + ")");
            }
            validBits = fmt.getShort(18) & 0xFFFF;
            channelMask = fmt.getInt(20);
            tag = fmt.getShort(24) & 0xFFFF;
            for (int i = 0; i < SUBFORMAT_GUID_TAIL.length; i++) {
                if (fmt.get(26 + i) != SUBFORMAT_GUID_TAIL[i]) {
                    throw new WavFormatException("unsupported encoding (WAVE_FORMAT_EXTENSIBLE with an unknown sub-format GUID)");
                }
            }
            if (validBits == 0) {
                validBits = bits;
            }
        }
        if (tag != WavFormat.TAG_PCM && tag != WavFormat.TAG_IEEE_FLOAT) {
            throw new WavFormatException("unsupported encoding: " + tagName(tag)
                    + "; only PCM and 32-bit float WAV files are supported");
        }
        SampleEncoding encoding = SampleEncoding.of(tag, bits);
        if (encoding == null) {
            throw new WavFormatException("unsupported encoding: " + bits + "-bit "
                    + (tag == WavFormat.TAG_PCM ? "PCM (8, 16, 24 and 32-bit PCM are supported)"
                    : "float (only 32-bit float is supported)"));
        }
        if (channels == 0) {
            throw new WavFormatException("corrupt 'fmt ' chunk (0 channels)");
        }
        if (channels > WavFormat.MAX_CHANNELS) {
            throw new WavFormatException(channels + " channels are not supported (mono or stereo only)");
        }
        if (rate < WavFormat.MIN_SAMPLE_RATE_HZ || rate > WavFormat.MAX_SAMPLE_RATE_HZ) {
            throw new WavFormatException("sample rate " + rate + " Hz is not supported ("
                    + WavFormat.MIN_SAMPLE_RATE_HZ + " to " + WavFormat.MAX_SAMPLE_RATE_HZ + " Hz)");
        }
        if (blockAlign != channels * encoding.bytesPerSample()) {
            throw new WavFormatException("corrupt 'fmt ' chunk (block align " + blockAlign + " does not match "
                    + channels + " channels of " + bits + "-bit samples)");
        }
        if (validBits > bits) {
            throw new WavFormatException("corrupt 'fmt ' chunk (" + validBits + " valid bits in a " + bits + "-bit container)");
        }
        return new WavFormat(encoding, channels, (int) rate, extensible, validBits, channelMask);
    }

    private static void decode(FileChannel ch, long offset, WavFormat format, double[][] out) throws IOException {
        int channels = format.channels();
        int blockAlign = format.blockAlignBytes();
        SampleEncoding enc = format.encoding();
        int frames = out[0].length;
        int framesPerBlock = DECODE_BLOCK_BYTES / blockAlign;
        ByteBuffer buf = ByteBuffer.allocate(framesPerBlock * blockAlign).order(ByteOrder.LITTLE_ENDIAN);
        int frame = 0;
        while (frame < frames) {
            int n = Math.min(framesPerBlock, frames - frame);
            buf.clear().limit(n * blockAlign);
            readFully(ch, offset + (long) frame * blockAlign, buf);
            int p = 0;
            for (int i = 0; i < n; i++) {
                for (int c = 0; c < channels; c++) {
                    double v;
                    switch (enc) {
                        case PCM_U8 -> v = ((buf.get(p) & 0xFF) - 128) / 128.0;
                        case PCM_S16 -> v = buf.getShort(p) / 32768.0;
                        case PCM_S24 -> v = ((buf.get(p) & 0xFF) | ((buf.get(p + 1) & 0xFF) << 8)
                                | (buf.get(p + 2) << 16)) / 8388608.0;
                        case PCM_S32 -> v = buf.getInt(p) / 2147483648.0;
                        case FLOAT32 -> {
                            float f = buf.getFloat(p);
                            if (!Float.isFinite(f)) {
                                throw new WavFormatException("corrupt float data (sample " + (frame + i)
                                        + " is " + f + ")");
                            }
                            v = f;
                        }
                        default -> throw new AssertionError(enc);
                    }
                    out[c][frame + i] = v;
                    p += enc.bytesPerSample();
                }
            }
            frame += n;
        }
    }

    private static ByteBuffer readFully(FileChannel ch, long position, int bytes) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(bytes).order(ByteOrder.LITTLE_ENDIAN);
        readFully(ch, position, buf);
        return buf;
    }

    private static void readFully(FileChannel ch, long position, ByteBuffer buf) throws IOException {
        long p = position;
        while (buf.hasRemaining()) {
            int n = ch.read(buf, p);
            if (n < 0) {
                throw new EOFException("file shrank while being read");
            }
            p += n;
        }
        buf.flip();
    }

    private static String fourCc(ByteBuffer b, int from, int to) {
        byte[] bytes = new byte[Math.max(0, to - from)];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = b.get(from + i);
        }
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    private static String printable(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            sb.append(c >= 0x20 && c < 0x7F ? c : '?');
        }
        return sb.toString();
    }

    private static String tagName(int tag) {
        String name = switch (tag) {
            case 0x0002 -> "Microsoft ADPCM";
            case 0x0006 -> "A-law";
            case 0x0007 -> "mu-law";
            case 0x0011 -> "IMA ADPCM";
            case 0x0031 -> "GSM 6.10";
            case 0x0050 -> "MPEG";
            case 0x0055 -> "MPEG Layer 3 (MP3)";
            case 0x00FF, 0x1610 -> "AAC";
            case 0x2000 -> "AC-3";
            case 0xF1AC -> "FLAC";
            default -> "format";
        };
        return name + " (format tag 0x" + String.format("%04X", tag) + ")";
    }
}
