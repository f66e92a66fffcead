package dev.hush.e2e.call;

import java.util.ArrayList;
import java.util.Base64;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/** Measurements on recorded call audio: marker search by cross-correlation, levels, envelopes, delays. */
final class Audio {
    private Audio() {
    }

    static float[] decodeFloat32(String base64) {
        byte[] bytes = Base64.getDecoder().decode(base64);
        float[] out = new float[bytes.length / 4];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
        return out;
    }

    static double dbfs(double rms) {
        return rms > 0 ? 20 * Math.log10(rms) : -200;
    }

    /** A found marker: where it starts and its normalised correlation (1 = identical shape). */
    record Marker(int position, double score) {
    }

    /** A marker is matched in this many pieces, each free to shift on its own (see {@link #findMarkers}). */
    static final int MARKER_PIECES = 3;
    /** How far each piece may shift: a few pitch periods of the marker. */
    static final double PIECE_SLACK_SECONDS = 0.012;

    /**
     * Where {@code template} occurs in {@code x}, in order, at least {@code minSpacing} samples apart. The score is
     * elastic: the template's {@link #MARKER_PIECES} pieces are correlated separately (normalised), each at its best
     * within {@link #PIECE_SLACK_SECONDS} of its place, and averaged. WebRTC's jitter buffer time-stretches voiced
     * audio by dropping or repeating pitch periods, and a single cut inside a marker halves its rigid correlation;
     * the elastic score keeps it (measured: 0.38 rigid, 0.82 elastic on a received marker; other peers' markers
     * stay near 0.3). The position is then where the whole template and its first piece together correlate best
     * within that slack: an unstretched marker is located to the sample, a stretched one by its start.
     */
    static List<Marker> findMarkers(float[] x, float[] template, double minScore, int minSpacing) {
        double[] elastic = elasticScore(x, template);
        double[] rigid = normalisedCorrelation(x, template);
        double[] start = normalisedCorrelation(x, java.util.Arrays.copyOf(template, template.length / MARKER_PIECES));
        int slack = (int) (PIECE_SLACK_SECONDS * TestSignal.SAMPLE_RATE_HZ);
        List<Marker> found = new ArrayList<>();
        int i = 0;
        while (i < elastic.length) {
            if (elastic[i] >= minScore) {
                int best = i;
                int end = Math.min(elastic.length, i + minSpacing);
                for (int j = i; j < end; j++) {
                    if (elastic[j] > elastic[best]) {
                        best = j;
                    }
                }
                int position = best;
                for (int j = Math.max(0, best - slack); j <= Math.min(rigid.length - 1, best + slack); j++) {
                    if (rigid[j] + start[j] > rigid[position] + start[position]) {
                        position = j;
                    }
                }
                found.add(new Marker(position, elastic[best]));
                i = best + minSpacing;
            } else {
                i++;
            }
        }
        return found;
    }

    /** score[lag]: normalised correlation of {@code t} with x at lag (0 where x is silent). */
    static double[] normalisedCorrelation(float[] x, float[] t) {
        double[] c = crossCorrelate(x, t);
        double templateEnergy = 0;
        for (float v : t) {
            templateEnergy += (double) v * v;
        }
        int m = t.length;
        double[] prefix = new double[x.length + 1];
        for (int i = 0; i < x.length; i++) {
            prefix[i + 1] = prefix[i] + (double) x[i] * x[i];
        }
        double[] score = new double[Math.max(0, x.length - m + 1)];
        for (int lag = 0; lag < score.length; lag++) {
            double e = prefix[lag + m] - prefix[lag];
            score[lag] = e > 0 ? c[lag] / Math.sqrt(e * templateEnergy) : 0;
        }
        return score;
    }

    private static double[] elasticScore(float[] x, float[] template) {
        int piece = template.length / MARKER_PIECES;
        int slack = (int) (PIECE_SLACK_SECONDS * TestSignal.SAMPLE_RATE_HZ);
        double[] total = new double[Math.max(0, x.length - template.length + 1)];
        for (int p = 0; p < MARKER_PIECES; p++) {
            float[] t = java.util.Arrays.copyOfRange(template, p * piece, (p + 1) * piece);
            double[] best = slidingMax(normalisedCorrelation(x, t), slack);
            for (int lag = 0; lag < total.length; lag++) {
                int at = lag + p * piece;
                total[lag] += (at < best.length ? best[at] : 0) / MARKER_PIECES;
            }
        }
        return total;
    }

    /** out[i] = max of v over [i − radius, i + radius] (monotonic deque, linear time). */
    static double[] slidingMax(double[] v, int radius) {
        double[] out = new double[v.length];
        int[] deque = new int[v.length];
        int head = 0;
        int tail = 0;
        int next = 0;
        for (int i = 0; i < v.length; i++) {
            int hi = Math.min(v.length - 1, i + radius);
            while (next <= hi) {
                while (tail > head && v[deque[tail - 1]] <= v[next]) {
                    tail--;
                }
                deque[tail++] = next++;
            }
            while (deque[head] < i - radius) {
                head++;
            }
            out[i] = v[deque[head]];
        }
        return out;
    }

    /** Best normalised correlation of the template anywhere in x (0 when it does not occur). */
    static double bestScore(float[] x, float[] template) {
        List<Marker> all = findMarkers(x, template, -1, x.length);
        return all.isEmpty() ? 0 : all.get(0).score();
    }

    /** c[lag] = sum_i x[lag + i] * t[i], for lag = 0 .. x.length - 1, by FFT. */
    static double[] crossCorrelate(float[] x, float[] t) {
        int n = Integer.highestOneBit(Math.max(1, x.length + t.length) - 1) << 1;
        double[] xr = new double[n];
        double[] xi = new double[n];
        double[] tr = new double[n];
        double[] ti = new double[n];
        for (int i = 0; i < x.length; i++) {
            xr[i] = x[i];
        }
        for (int i = 0; i < t.length; i++) {
            tr[i] = t[i];
        }
        fft(xr, xi, false);
        fft(tr, ti, false);
        for (int k = 0; k < n; k++) {
            // X * conj(T)
            double re = xr[k] * tr[k] + xi[k] * ti[k];
            double im = xi[k] * tr[k] - xr[k] * ti[k];
            xr[k] = re;
            xi[k] = im;
        }
        fft(xr, xi, true);
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = xr[i] / n;
        }
        return out;
    }

    /** In-place iterative radix-2 complex FFT (unnormalised both ways). */
    static void fft(double[] re, double[] im, boolean inverse) {
        int n = re.length;
        for (int i = 1, j = 0; i < n; i++) {
            int bit = n >> 1;
            for (; (j & bit) != 0; bit >>= 1) {
                j ^= bit;
            }
            j ^= bit;
            if (i < j) {
                double tr = re[i];
                re[i] = re[j];
                re[j] = tr;
                double tq = im[i];
                im[i] = im[j];
                im[j] = tq;
            }
        }
        for (int len = 2; len <= n; len <<= 1) {
            double angle = 2 * Math.PI / len * (inverse ? 1 : -1);
            double wr = Math.cos(angle);
            double wi = Math.sin(angle);
            for (int i = 0; i < n; i += len) {
                double cr = 1;
                double ci = 0;
                for (int k = 0; k < len / 2; k++) {
                    int a = i + k;
                    int b = a + len / 2;
                    double br = re[b] * cr - im[b] * ci;
                    double bi = re[b] * ci + im[b] * cr;
                    re[b] = re[a] - br;
                    im[b] = im[a] - bi;
                    re[a] += br;
                    im[a] += bi;
                    double ncr = cr * wr - ci * wi;
                    ci = cr * wi + ci * wr;
                    cr = ncr;
                }
            }
        }
    }

    /** RMS in dBFS over [marker + fromSeconds, marker + toSeconds) of every complete segment. */
    static double levelAfterMarkers(float[] x, List<Marker> markers, double fromSeconds, double toSeconds) {
        double sum = 0;
        long count = 0;
        for (Marker mk : markers) {
            int a = mk.position() + (int) (fromSeconds * TestSignal.SAMPLE_RATE_HZ);
            int b = mk.position() + (int) (toSeconds * TestSignal.SAMPLE_RATE_HZ);
            if (b > x.length) {
                continue;
            }
            for (int i = a; i < b; i++) {
                sum += (double) x[i] * x[i];
            }
            count += b - a;
        }
        if (count == 0) {
            throw new AssertionError("no complete segment after the markers " + markers);
        }
        return dbfs(Math.sqrt(sum / count));
    }

    /**
     * How far the audio after a marker may have slipped against it: under load WebRTC's jitter buffer stretches or
     * shortens audio (tens of ms at a time) to keep its delay, so a word can arrive a little off the marker before it.
     */
    static final double SLIP_TOLERANCE_SECONDS = 0.04;

    /**
     * Pearson correlation of 10 ms RMS (linear amplitude) envelopes between the received audio after each marker and
     * the clean reference segment, over [fromSeconds, toSeconds) of the segment. Linear, not dB: a dB envelope
     * would weigh inaudible fluctuations of residual noise 60 dB down as much as the speech itself. Each segment is
     * compared at its best offset within {@link #SLIP_TOLERANCE_SECONDS} of its marker (1 ms steps), so a slip of
     * the call's timing is not mistaken for damage to the speech.
     */
    static double envelopeCorrelation(float[] x, List<Marker> markers, float[] cleanSegment, double fromSeconds,
            double toSeconds) {
        int rate = TestSignal.SAMPLE_RATE_HZ;
        int a = (int) (fromSeconds * rate);
        int b = (int) (toSeconds * rate);
        int maxSlip = (int) (SLIP_TOLERANCE_SECONDS * rate);
        List<double[]> pairs = new ArrayList<>();
        for (Marker mk : markers) {
            if (mk.position() + b + maxSlip > x.length || mk.position() + a - maxSlip < 0) {
                continue;
            }
            List<double[]> best = null;
            double bestCorrelation = Double.NEGATIVE_INFINITY;
            for (int slip = -maxSlip; slip <= maxSlip; slip += rate / 1000) {
                List<double[]> candidate = envelopePairs(x, mk.position() + slip, cleanSegment, a, b);
                double c = pearson(candidate);
                if (c > bestCorrelation) {
                    bestCorrelation = c;
                    best = candidate;
                }
            }
            pairs.addAll(best);
        }
        if (pairs.size() < 10) {
            throw new AssertionError("too little audio after the markers to compare envelopes");
        }
        return pearson(pairs);
    }

    private static List<double[]> envelopePairs(float[] x, int segmentStart, float[] cleanSegment, int a, int b) {
        int frame = TestSignal.SAMPLE_RATE_HZ / 100;
        List<double[]> pairs = new ArrayList<>();
        for (int f = a; f + frame <= b; f += frame) {
            double r = TestSignal.rms(x, segmentStart + f, segmentStart + f + frame);
            double c = TestSignal.rms(cleanSegment, f, f + frame);
            pairs.add(new double[] {r, c});
        }
        return pairs;
    }

    private static double pearson(List<double[]> pairs) {
        double mx = 0;
        double my = 0;
        for (double[] p : pairs) {
            mx += p[0];
            my += p[1];
        }
        mx /= pairs.size();
        my /= pairs.size();
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (double[] p : pairs) {
            sxy += (p[0] - mx) * (p[1] - my);
            sxx += (p[0] - mx) * (p[0] - mx);
            syy += (p[1] - my) * (p[1] - my);
        }
        return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : 0;
    }

    /** The lag (samples, b later than a is positive) in [0, maxLag] maximising the correlation of a and b. */
    static int delayOf(float[] a, float[] b, int maxLag) {
        double[] c = crossCorrelate(b, a);
        int best = 0;
        for (int lag = 0; lag <= maxLag && lag < c.length; lag++) {
            if (c[lag] > c[best]) {
                best = lag;
            }
        }
        return best;
    }

    /** Longest run of exact digital silence (|x| below 1e-6), in samples, within [from, to). */
    static int longestSilence(float[] x, int from, int to) {
        int longest = 0;
        int run = 0;
        for (int i = Math.max(0, from); i < Math.min(x.length, to); i++) {
            if (Math.abs(x[i]) < 1e-6f) {
                run++;
                longest = Math.max(longest, run);
            } else {
                run = 0;
            }
        }
        return longest;
    }

    /** RMS in dBFS of x over consecutive windows of {@code window} samples. */
    static double[] levelCurve(float[] x, int window) {
        double[] out = new double[x.length / window];
        for (int w = 0; w < out.length; w++) {
            out[w] = dbfs(TestSignal.rms(x, w * window, (w + 1) * window));
        }
        return out;
    }
}
