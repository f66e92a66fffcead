package dev.hush.e2e.call;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * A deterministic microphone signal for the call tests, made of SEGMENTS of {@link #SEGMENT_SECONDS}: a voiced
 * marker (to find the segment in a recording that starts anywhere), a short gap, a "word" of speech-like voiced
 * syllables (harmonics of a gliding pitch shaped by two formants, with unvoiced onsets), and a pause. Noise
 * (pink, plus a little mains hum) runs under everything at a fixed level. The clean reference is the same
 * signal without the noise.
 *
 * <p>No speech corpus is available to CI, so the speech is synthetic: what the tests judge (noise level in
 * pauses, the speech envelope being kept) needs only something speech-like in time and spectrum.
 */
final class TestSignal {
    static final int SAMPLE_RATE_HZ = 48_000;
    static final double SEGMENT_SECONDS = 2.0;
    static final double MARKER_SECONDS = 0.25;
    /** The marker's lead-in sits at the end of the previous segment, after the measured pause. */
    static final double MARKER_LEAD_IN_SECONDS = 0.07;
    static final double WORD_START_SECONDS = 0.35;
    static final double WORD_END_SECONDS = 1.15;
    /**
     * The pause measured for residual noise: well after the word (suppressors release slowly), ending 80 ms before
     * the next marker's lead-in, since a jitter buffer may shorten a received segment by tens of ms (seen: 21 ms).
     */
    static final double PAUSE_START_SECONDS = 1.35;
    static final double PAUSE_END_SECONDS = 1.85;

    /**
     * The marker's pitch glide: different peers get different markers so their audio can be told apart. A marker
     * is voiced (harmonics of a gliding pitch, like a sung syllable) because a speech suppressor keeps voices and
     * removes everything else: a pure sine sweep came out of the network with half its correlation gone. The
     * glide spans enough pitch that the correlation has one sharp peak and no strong echo one pitch period away.
     */
    enum Marker {
        UP(110, 220), DOWN(220, 110), LEVEL(150, 165);

        private static final double TOP_HARMONIC_HZ = 5000;
        private static final double PEAK = 0.35;
        private static final double ATTACK_SECONDS = 0.01;
        private static final double RELEASE_SECONDS = 0.02;

        final double startPitchHz;
        final double endPitchHz;

        Marker(double startPitchHz, double endPitchHz) {
            this.startPitchHz = startPitchHz;
            this.endPitchHz = endPitchHz;
        }

        /**
         * What the tests correlate with: the marker after its lead-in. A suppressor opens up over the first tens
         * of ms of a sound that follows a suppressed pause (so does speech); the lead-in takes that, and the part
         * the tests look for arrives when the suppressor is already open.
         */
        float[] template() {
            float[] glide = withLeadIn();
            int lead = leadInSamples();
            return java.util.Arrays.copyOfRange(glide, lead, glide.length);
        }

        /** The whole sound: {@link #MARKER_LEAD_IN_SECONDS} of lead-in, then the template. */
        float[] withLeadIn() {
            double total = MARKER_LEAD_IN_SECONDS + MARKER_SECONDS;
            int n = (int) Math.round(total * SAMPLE_RATE_HZ);
            double[] x = new double[n];
            double phase = 0;
            double peak = 0;
            for (int i = 0; i < n; i++) {
                double t = (double) i / n;
                double f0 = startPitchHz * Math.pow(endPitchHz / startPitchHz, t);
                phase += 2 * Math.PI * f0 / SAMPLE_RATE_HZ;
                double sum = 0;
                for (int h = 1; h * f0 < TOP_HARMONIC_HZ; h++) {
                    sum += Math.sin(h * phase) / Math.sqrt(h);
                }
                double seconds = (double) i / SAMPLE_RATE_HZ;
                double env = Math.min(1, Math.min(seconds / ATTACK_SECONDS, (total - seconds) / RELEASE_SECONDS));
                x[i] = env * sum;
                peak = Math.max(peak, Math.abs(x[i]));
            }
            float[] out = new float[n];
            for (int i = 0; i < n; i++) {
                out[i] = (float) (PEAK * x[i] / peak);
            }
            return out;
        }

        static int leadInSamples() {
            return (int) Math.round(MARKER_LEAD_IN_SECONDS * SAMPLE_RATE_HZ);
        }
    }

    final float[] clean;
    final float[] noisy;
    final Marker marker;
    final int segments;

    private TestSignal(float[] clean, float[] noisy, Marker marker, int segments) {
        this.clean = clean;
        this.noisy = noisy;
        this.marker = marker;
        this.segments = segments;
    }

    /** The clean reference of one segment (all segments are the same). */
    float[] cleanSegment() {
        return java.util.Arrays.copyOf(clean, segmentSamples());
    }

    static int segmentSamples() {
        return (int) Math.round(SEGMENT_SECONDS * SAMPLE_RATE_HZ);
    }

    /**
     * @param noiseDbfs RMS level of the noise in dBFS; speech words are near -22 dBFS RMS
     */
    static TestSignal create(Marker marker, int segments, double noiseDbfs, long seed) {
        int seg = segmentSamples();
        float[] clean = new float[seg * segments];
        float[] mark = marker.withLeadIn();
        int lead = Marker.leadInSamples();
        for (int s = 0; s < segments; s++) {
            // Every segment says the same word, so any one of them is the reference for any marker found.
            int base = s * seg;
            // The first segment's lead-in wraps to the end: the fake microphone plays the file in a loop.
            for (int i = 0; i < mark.length; i++) {
                clean[Math.floorMod(base - lead + i, clean.length)] += mark[i];
            }
            addWord(clean, base + (int) (WORD_START_SECONDS * SAMPLE_RATE_HZ),
                    base + (int) (WORD_END_SECONDS * SAMPLE_RATE_HZ), new Random(seed));
        }
        Random random = new Random(seed ^ 0x5EEDL);
        float[] noise = pinkNoise(clean.length, random);
        double level = Math.pow(10, noiseDbfs / 20);
        double gain = level / rms(noise, 0, noise.length);
        float[] noisy = new float[clean.length];
        for (int i = 0; i < noisy.length; i++) {
            // Hum 14 dB under the broadband noise, at 50 Hz and its third harmonic.
            double hum = 0.2 * level * (Math.sin(2 * Math.PI * 50 * i / SAMPLE_RATE_HZ)
                    + 0.6 * Math.sin(2 * Math.PI * 150 * i / SAMPLE_RATE_HZ));
            noisy[i] = (float) (clean[i] + gain * noise[i] + hum);
        }
        return new TestSignal(clean, noisy, marker, segments);
    }

    /** Noise alone (same noise as {@link #create}), for measurements that need a steady level. */
    static float[] noiseOnly(double seconds, double noiseDbfs, long seed) {
        TestSignal t = create(Marker.UP, (int) Math.ceil(seconds / SEGMENT_SECONDS), noiseDbfs, seed);
        float[] out = new float[t.noisy.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = t.noisy[i] - t.clean[i];
        }
        return out;
    }

    /** Voiced syllables of 140–220 ms with a gliding pitch, two formants and a breathy onset. */
    private static void addWord(float[] out, int from, int to, Random random) {
        int pos = from;
        while (pos < to - 4800) {
            int length = Math.min(to - pos, (int) ((0.14 + 0.08 * random.nextDouble()) * SAMPLE_RATE_HZ));
            double f0Start = 105 + 90 * random.nextDouble();
            double f0End = f0Start * (0.8 + 0.35 * random.nextDouble());
            double f1 = 350 + 500 * random.nextDouble();
            double f2 = 900 + 1500 * random.nextDouble();
            double amplitude = 0.06 + 0.04 * random.nextDouble();
            double phase = 0;
            int attack = (int) (0.02 * SAMPLE_RATE_HZ);
            int release = (int) (0.04 * SAMPLE_RATE_HZ);
            int harmonics = 40;
            double[] harmonicPhase = new double[harmonics + 1];
            for (int i = 0; i < length; i++) {
                double t = (double) i / length;
                double f0 = f0Start + (f0End - f0Start) * t;
                phase += 2 * Math.PI * f0 / SAMPLE_RATE_HZ;
                double sum = 0;
                for (int h = 1; h <= harmonics; h++) {
                    double hz = h * f0;
                    if (hz > 5000) {
                        break;
                    }
                    double w = formant(hz, f1, 90) + 0.6 * formant(hz, f2, 140) + 0.05;
                    sum += w * Math.sin(h * phase + harmonicPhase[h]) / Math.sqrt(h);
                }
                double env = Math.min(1, Math.min((double) i / attack, (double) (length - i) / release));
                out[pos + i] += (float) (amplitude * env * sum);
            }
            // An unvoiced onset on some syllables (a fricative-like burst of high-passed noise).
            if (random.nextDouble() < 0.4) {
                int n = (int) (0.04 * SAMPLE_RATE_HZ);
                double prev = 0;
                for (int i = 0; i < n && pos + i < out.length; i++) {
                    double w = random.nextGaussian();
                    double hp = w - prev;
                    prev = w;
                    double env = Math.sin(Math.PI * i / n);
                    out[pos + i] += (float) (0.02 * env * hp);
                }
            }
            pos += length + (int) ((0.02 + 0.05 * random.nextDouble()) * SAMPLE_RATE_HZ);
        }
    }

    private static double formant(double hz, double centreHz, double bandwidthHz) {
        double d = (hz - centreHz) / bandwidthHz;
        return 1 / (1 + d * d);
    }

    /** Pink (1/f) noise by Paul Kellet's economy filter of white noise. */
    private static float[] pinkNoise(int n, Random random) {
        float[] out = new float[n];
        double b0 = 0;
        double b1 = 0;
        double b2 = 0;
        for (int i = 0; i < n; i++) {
            double white = random.nextGaussian();
            b0 = 0.99765 * b0 + white * 0.0990460;
            b1 = 0.96300 * b1 + white * 0.2965164;
            b2 = 0.57000 * b2 + white * 1.0526913;
            out[i] = (float) (b0 + b1 + b2 + white * 0.1848);
        }
        return out;
    }

    static double rms(float[] x, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += (double) x[i] * x[i];
        }
        return Math.sqrt(sum / Math.max(1, to - from));
    }

    /** Writes 16-bit PCM mono WAV at {@link #SAMPLE_RATE_HZ}. */
    static void writeWav(Path file, float[] samples, int sampleRate) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(44 + samples.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(36 + samples.length * 2).put("WAVE".getBytes());
        b.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) 1).putInt(sampleRate)
                .putInt(sampleRate * 2).putShort((short) 2).putShort((short) 16);
        b.put("data".getBytes()).putInt(samples.length * 2);
        for (float s : samples) {
            b.putShort((short) Math.max(-32768, Math.min(32767, Math.round(s * 32767.0))));
        }
        Files.createDirectories(file.getParent());
        Files.write(file, b.array());
    }
}
