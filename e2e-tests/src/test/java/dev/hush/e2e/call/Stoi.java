package dev.hush.e2e.call;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * STOI of received call audio. The measure itself is the project's ({@link dev.hush.metrics.Stoi}, the one the
 * evaluation reports use), so the call tests and the quality table score speech the same way; this class only
 * gathers the marked segments of a recording.
 */
final class Stoi {
    private Stoi() {
    }

    static double of(float[] clean, float[] degraded) {
        return dev.hush.metrics.Stoi.compute(clean, degraded, TestSignal.SAMPLE_RATE_HZ);
    }

    /** STOI of the received audio after each complete marked segment against the clean segment. */
    static double ofSegments(float[] received, List<Audio.Marker> markers, float[] cleanSegment,
            double fromSeconds, double toSeconds) {
        int a = (int) (fromSeconds * TestSignal.SAMPLE_RATE_HZ);
        int b = (int) (toSeconds * TestSignal.SAMPLE_RATE_HZ);
        List<float[]> got = new ArrayList<>();
        for (Audio.Marker mk : markers) {
            if (mk.position() + b <= received.length) {
                got.add(Arrays.copyOfRange(received, mk.position() + a, mk.position() + b));
            }
        }
        float[] x = new float[got.size() * (b - a)];
        float[] y = new float[x.length];
        for (int k = 0; k < got.size(); k++) {
            System.arraycopy(cleanSegment, a, x, k * (b - a), b - a);
            System.arraycopy(got.get(k), 0, y, k * (b - a), b - a);
        }
        return of(x, y);
    }
}
