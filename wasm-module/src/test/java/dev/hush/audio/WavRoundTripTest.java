package dev.hush.audio;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class WavRoundTripTest {
    @TempDir
    Path dir;

    static Stream<Arguments> formats() {
        List<Arguments> list = new ArrayList<>();
        for (SampleEncoding e : SampleEncoding.values()) {
            for (int channels = 1; channels <= 2; channels++) {
                for (boolean extensible : new boolean[]{false, true}) {
                    list.add(Arguments.of(e, channels, extensible));
                }
            }
        }
        return list.stream();
    }

    /** Random codes over the whole range of the encoding, including both extremes. */
    private static double[][] randomSamples(SampleEncoding e, int channels, int frames, long seed) {
        Random rnd = new Random(seed);
        double[][] x = new double[channels][frames];
        for (int c = 0; c < channels; c++) {
            for (int i = 0; i < frames; i++) {
                if (e == SampleEncoding.FLOAT32) {
                    x[c][i] = (float) (rnd.nextGaussian() * 0.5);
                } else {
                    long full = 1L << (e.bitsPerSample - 1);
                    long code = i == 0 ? -full : i == 1 ? full - 1 : rnd.nextLong(-full, full);
                    x[c][i] = (double) code / full;
                }
            }
        }
        return x;
    }

    @ParameterizedTest(name = "{0} x{1} extensible={2}")
    @MethodSource("formats")
    void everyEncodingSurvivesARoundTripBitForBit(SampleEncoding encoding, int channels, boolean extensible) throws Exception {
        int frames = 1001; // odd, so 8-bit mono needs the RIFF pad byte
        WavFormat format = new WavFormat(encoding, channels, 44100, extensible, encoding.bitsPerSample,
                extensible ? (channels == 2 ? 3 : 4) : 0);
        double[][] samples = randomSamples(encoding, channels, frames, encoding.ordinal() * 10L + channels);
        Path file = dir.resolve("rt.wav");
        WavWriter.write(file, new WavAudio(format, samples));
        long expectedBytes = 44 + (long) frames * format.blockAlignBytes();
        if (extensible) {
            expectedBytes += 24 + 12; // 40-byte fmt and a fact chunk
        } else if (encoding == SampleEncoding.FLOAT32) {
            expectedBytes += 2 + 12; // cbSize and a fact chunk
        }
        assertEquals(expectedBytes + ((long) frames * format.blockAlignBytes() & 1), Files.size(file));

        WavAudio back = WavReader.read(file);
        assertEquals(format, back.format());
        for (int c = 0; c < channels; c++) {
            assertArrayEquals(samples[c], back.channels()[c], 0.0, "channel " + c);
        }
        byte[] copy = Files.readAllBytes(file);
        WavWriter.write(file, back);
        assertArrayEquals(copy, Files.readAllBytes(file), "rewriting what was read gives the same bytes");
    }

    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.EnumSource(value = SampleEncoding.class, names = {"PCM_U8", "PCM_S16", "PCM_S24", "PCM_S32"})
    void javaSoundReadsOurPcmFilesAsTheSameCodes(SampleEncoding encoding) throws Exception {
        // javax.sound is an independent WAV implementation: agreeing with it checks header and byte layout.
        int frames = 500;
        double[][] samples = randomSamples(encoding, 2, frames, 99);
        Path file = dir.resolve("js.wav");
        WavWriter.write(file, new WavAudio(WavFormat.of(encoding, 2, 22050), samples));
        try (AudioInputStream in = AudioSystem.getAudioInputStream(file.toFile())) {
            AudioFormat f = in.getFormat();
            assertEquals(2, f.getChannels());
            assertEquals(22050, f.getSampleRate(), 0);
            assertEquals(encoding.bitsPerSample, f.getSampleSizeInBits());
            assertEquals(frames, in.getFrameLength());
            ByteBuffer b = ByteBuffer.wrap(in.readAllBytes()).order(ByteOrder.LITTLE_ENDIAN);
            long full = 1L << (encoding.bitsPerSample - 1);
            for (int i = 0; i < frames; i++) {
                for (int c = 0; c < 2; c++) {
                    long code = switch (encoding) {
                        case PCM_U8 -> (b.get() & 0xFF) - 128;
                        case PCM_S16 -> b.getShort();
                        case PCM_S24 -> (b.get() & 0xFF) | ((b.get() & 0xFF) << 8) | (b.get() << 16);
                        default -> b.getInt();
                    };
                    assertEquals(samples[c][i] * full, code, 0.0, "frame " + i + " channel " + c);
                }
            }
        }
    }

    @Test
    void readsHandBuiltFileWithOddChunksAroundTheAudio() throws Exception {
        byte[] wav = WavBytes.create()
                .chunk("junk", new byte[]{1, 2, 3})          // odd size: a pad byte follows
                .fmt(1, 2, 16000, 16)
                .chunk("LIST", new byte[]{'I', 'N', 'F', 'O', 9})
                .data(WavBytes.shorts(0, 32767, -32768, 16384, -1, 1))
                .chunk("id3 ", new byte[7])
                .bytes();
        Path file = dir.resolve("hand.wav");
        Files.write(file, wav);
        WavAudio a = WavReader.read(file);
        assertEquals(WavFormat.of(SampleEncoding.PCM_S16, 2, 16000), a.format());
        assertArrayEquals(new double[]{0, -1, -1 / 32768.0}, a.channels()[0], 0.0);
        assertArrayEquals(new double[]{32767 / 32768.0, 0.5, 1 / 32768.0}, a.channels()[1], 0.0);
    }

    @Test
    void extensibleWith24ValidBitsIn32BitContainerKeepsItsDeclaration() throws Exception {
        ByteBuffer data = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putInt(0x40000000).putInt(-256);
        Path file = dir.resolve("ext.wav");
        Files.write(file, WavBytes.create().fmtExtensible(1, 1, 48000, 32, 24, true).data(data.array()).bytes());
        WavAudio a = WavReader.read(file);
        assertEquals(new WavFormat(SampleEncoding.PCM_S32, 1, 48000, true, 24, 4), a.format());
        assertArrayEquals(new double[]{0.5, -256 / 2147483648.0}, a.channels()[0], 0.0);
    }

    @Test
    void writerRoundsToNearestCodeAndClips() throws Exception {
        double lsb = 1 / 32768.0;
        double[] in = {1.0, -1.0, 2.0, -2.0, 0.4 * lsb, 0.6 * lsb, -0.6 * lsb, 100.49 * lsb, Double.NaN};
        Path file = dir.resolve("clip.wav");
        WavWriter.write(file, new WavAudio(WavFormat.of(SampleEncoding.PCM_S16, 1, 8000), new double[][]{in}));
        double[] back = WavReader.read(file).channels()[0];
        double[] codes = new double[back.length];
        for (int i = 0; i < back.length; i++) {
            codes[i] = back[i] * 32768;
        }
        assertArrayEquals(new double[]{32767, -32768, 32767, -32768, 0, 1, -1, 100, 0}, codes, 0.0);

        WavWriter.write(file, new WavAudio(WavFormat.of(SampleEncoding.PCM_U8, 1, 8000),
                new double[][]{{1.0, -1.0, 0.0, 0.5, -3}}));
        byte[] bytes = Files.readAllBytes(file);
        byte[] data = java.util.Arrays.copyOfRange(bytes, 44, 49);
        assertArrayEquals(new byte[]{(byte) 255, 0, (byte) 128, (byte) 192, 0}, data);
    }
}
