package dev.hush.audio;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Builds WAV files byte by byte, independently of {@link WavWriter}, including broken ones. */
public final class WavBytes {
    private final ByteArrayOutputStream chunks = new ByteArrayOutputStream();
    private String riffId = "RIFF";
    private String waveId = "WAVE";

    public static WavBytes create() {
        return new WavBytes();
    }

    public WavBytes riffId(String id) {
        riffId = id;
        return this;
    }

    public WavBytes waveId(String id) {
        waveId = id;
        return this;
    }

    /** A plain 16-byte fmt chunk. */
    public WavBytes fmt(int tag, int channels, int rateHz, int bits) {
        return chunk("fmt ", fmtBody(tag, channels, rateHz, bits, channels * bits / 8).array());
    }

    public WavBytes fmtExtensible(int subTag, int channels, int rateHz, int bits, int validBits, boolean standardGuid) {
        ByteBuffer b = ByteBuffer.allocate(40).order(ByteOrder.LITTLE_ENDIAN);
        b.put(fmtBody(0xFFFE, channels, rateHz, bits, channels * bits / 8).array());
        b.putShort((short) 22).putShort((short) validBits).putInt(channels == 2 ? 3 : 4).putShort((short) subTag);
        byte[] tail = {0x00, 0x00, 0x00, 0x00, 0x10, 0x00, (byte) 0x80, 0x00, 0x00, (byte) 0xAA, 0x00, 0x38,
                (byte) 0x9B, 0x71};
        if (!standardGuid) {
            tail[5] = 0x42;
        }
        b.put(tail);
        return chunk("fmt ", b.array());
    }

    private static ByteBuffer fmtBody(int tag, int channels, int rateHz, int bits, int blockAlign) {
        ByteBuffer b = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) tag).putShort((short) channels).putInt(rateHz).putInt(rateHz * blockAlign)
                .putShort((short) blockAlign).putShort((short) bits);
        return b;
    }

    public WavBytes data(byte[] body) {
        return chunk("data", body);
    }

    /** A data chunk whose size field claims {@code declaredBytes} while only {@code body} follows. */
    public WavBytes dataDeclaring(long declaredBytes, byte[] body) {
        header("data", declaredBytes);
        chunks.writeBytes(body);
        return this;
    }

    /** Any chunk, with the RIFF pad byte after an odd-sized body. */
    public WavBytes chunk(String id, byte[] body) {
        header(id, body.length);
        chunks.writeBytes(body);
        if ((body.length & 1) != 0) {
            chunks.write(0);
        }
        return this;
    }

    private void header(String id, long size) {
        chunks.writeBytes(id.getBytes(StandardCharsets.ISO_8859_1));
        ByteBuffer b = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) size);
        chunks.writeBytes(b.array());
    }

    public byte[] bytes() {
        byte[] body = chunks.toByteArray();
        ByteBuffer b = ByteBuffer.allocate(12 + body.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(riffId.getBytes(StandardCharsets.ISO_8859_1)).putInt(4 + body.length)
                .put(waveId.getBytes(StandardCharsets.ISO_8859_1)).put(body);
        return b.array();
    }

    public static byte[] shorts(int... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int v : values) {
            b.putShort((short) v);
        }
        return b.array();
    }
}
