package dev.hush.training.audio;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class WavFileTest {
    @TempDir
    Path dir;

    private static float[] ramp() {
        float[] x = new float[1001];
        for (int i = 0; i < x.length; i++) {
            x[i] = (i - 500) / 500f * 0.9f;
        }
        return x;
    }

    @Test
    void floatRoundTripIsExact() throws IOException {
        Path f = dir.resolve("a.wav");
        WavFile.writeFloat(f, ramp(), 48_000);
        WavFile.Audio a = WavFile.read(f);
        assertEquals(48_000, a.sampleRateHz());
        assertArrayEquals(ramp(), a.samples(), 0f);
    }

    @Test
    void pcm16RoundTripWithinHalfAStep() throws IOException {
        Path f = dir.resolve("b.wav");
        WavFile.writePcm16(f, ramp(), 16_000);
        WavFile.Audio a = WavFile.read(f);
        assertEquals(16_000, a.sampleRateHz());
        assertArrayEquals(ramp(), a.samples(), 0.5f / 32768 + 1e-7f);
    }

    @Test
    void garbageIsRejectedWithTheFileName() throws IOException {
        Path f = dir.resolve("bad.wav");
        Files.writeString(f, "definitely not a wav file");
        IOException e = assertThrows(IOException.class, () -> WavFile.read(f));
        assertEquals(true, e.getMessage().contains("bad.wav"));
    }
}
