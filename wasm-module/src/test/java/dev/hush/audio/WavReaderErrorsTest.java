package dev.hush.audio;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WavReaderErrorsTest {
    @TempDir
    Path dir;

    private static final byte[] GOOD = WavBytes.create().fmt(1, 1, 16000, 16).data(WavBytes.shorts(1, 2, 3, 4, 5, 6, 7, 8)).bytes();

    private String failure(byte[] content) throws Exception {
        Path file = dir.resolve("bad.wav");
        Files.write(file, content);
        WavFormatException e = assertThrows(WavFormatException.class, () -> WavReader.read(file));
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        return e.getMessage();
    }

    private void assertFails(byte[] content, String expectedPart) throws Exception {
        String message = failure(content);
        assertTrue(message.contains(expectedPart), "'" + message + "' should mention '" + expectedPart + "'");
    }

    @Test
    void sanityTheGoodFileReads() throws Exception {
        Path file = dir.resolve("good.wav");
        Files.write(file, GOOD);
        assertTrue(WavReader.read(file).frames() == 8);
    }

    @Test
    void notAWavFile() throws Exception {
        assertFails("hello, this is a text file, not audio\n".getBytes(StandardCharsets.US_ASCII), "not a WAV file");
        assertFails(new byte[]{'I', 'D', '3', 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, "not a WAV file");
        assertFails(WavBytes.create().waveId("AVI ").fmt(1, 1, 16000, 16).bytes(), "not a WAV file");
        assertFails(new byte[0], "empty file");
        assertFails(WavBytes.create().riffId("RIFX").fmt(1, 1, 16000, 16).bytes(), "big-endian");
    }

    @Test
    void truncatedHeader() throws Exception {
        assertFails(Arrays.copyOf(GOOD, 8), "truncated header");
        assertFails(Arrays.copyOf(GOOD, 12), "truncated header");
        assertFails(Arrays.copyOf(GOOD, 30), "truncated header");
        assertFails(WavBytes.create().chunk("LIST", new byte[4]).bytes(), "truncated header");
    }

    @Test
    void truncatedData() throws Exception {
        assertFails(Arrays.copyOf(GOOD, GOOD.length - 4), "truncated data");
        assertFails(Arrays.copyOf(GOOD, GOOD.length - 1), "truncated data");
        // A streaming writer that never went back to fill in the size.
        assertFails(WavBytes.create().fmt(1, 1, 16000, 16).dataDeclaring(0xFFFFFFFFL, WavBytes.shorts(1, 2)).bytes(),
                "truncated data");
        // Half a stereo frame at the end.
        assertFails(WavBytes.create().fmt(1, 2, 16000, 16).data(WavBytes.shorts(1, 2, 3)).bytes(), "truncated data");
    }

    @Test
    void zeroSamples() throws Exception {
        assertFails(WavBytes.create().fmt(1, 2, 44100, 16).data(new byte[0]).bytes(), "no audio samples");
        assertFails(WavBytes.create().fmt(1, 2, 44100, 16).bytes(), "no 'data' chunk");
    }

    @Test
    void unsupportedEncodings() throws Exception {
        assertFails(WavBytes.create().fmt(0x55, 2, 44100, 0).data(new byte[100]).bytes(), "MP3");
        assertFails(WavBytes.create().fmt(0x55, 2, 44100, 0).data(new byte[100]).bytes(), "0x0055");
        assertFails(WavBytes.create().fmt(7, 1, 8000, 8).data(new byte[100]).bytes(), "mu-law");
        assertFails(WavBytes.create().fmt(3, 1, 48000, 64).data(new byte[16]).bytes(), "64-bit float");
        assertFails(WavBytes.create().fmt(1, 1, 48000, 12).data(new byte[16]).bytes(), "12-bit PCM");
        assertFails(WavBytes.create().fmtExtensible(1, 1, 48000, 16, 16, false).data(new byte[16]).bytes(),
                "sub-format");
        assertFails(WavBytes.create().fmtExtensible(0x55, 1, 48000, 16, 16, true).data(new byte[16]).bytes(), "MP3");
    }

    @Test
    void unsupportedChannelCounts() throws Exception {
        assertFails(WavBytes.create().fmt(1, 3, 48000, 16).data(new byte[60]).bytes(), "3 channels are not supported");
        assertFails(WavBytes.create().fmt(1, 6, 48000, 24).data(new byte[180]).bytes(), "6 channels are not supported");
        assertFails(WavBytes.create().fmt(1, 0, 48000, 16).data(new byte[16]).bytes(), "0 channels");
    }

    @Test
    void unsupportedSampleRates() throws Exception {
        assertFails(WavBytes.create().fmt(1, 1, 4000, 16).data(new byte[16]).bytes(), "sample rate 4000 Hz is not supported");
        assertFails(WavBytes.create().fmt(1, 1, 192000, 16).data(new byte[16]).bytes(), "sample rate 192000 Hz");
    }

    @Test
    void inconsistentOrCorruptFormatChunks() throws Exception {
        ByteBuffer fmt = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        fmt.putShort((short) 1).putShort((short) 2).putInt(16000).putInt(64000).putShort((short) 2).putShort((short) 16);
        assertFails(WavBytes.create().chunk("fmt ", fmt.array()).data(new byte[16]).bytes(), "block align");
        assertFails(WavBytes.create().chunk("fmt ", new byte[10]).data(new byte[16]).bytes(), "'fmt ' chunk");
        assertFails(WavBytes.create().fmtExtensible(1, 1, 48000, 16, 24, true).data(new byte[16]).bytes(), "valid bits");
    }

    @Test
    void nonFiniteFloatSamples() throws Exception {
        ByteBuffer data = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN).putFloat(0.5f).putFloat(Float.NaN).putFloat(0);
        assertFails(WavBytes.create().fmt(3, 1, 48000, 32).data(data.array()).bytes(), "corrupt float data");
    }
}
