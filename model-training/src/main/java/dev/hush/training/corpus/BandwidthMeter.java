package dev.hush.training.corpus;

import org.jtransforms.fft.DoubleFFT_1D;

/**
 * Long-term average power spectrum of a source, and the bandwidth read from it.
 * A 48 kHz model must not learn to erase highs that a band-limited source never had, so training masks the loss
 * above the measured bandwidth; the file's sample rate says nothing about it (a 44.1 kHz file can be 3.6 kHz speech).
 */
public final class BandwidthMeter {
    public static final int FFT_SAMPLES = 2048;
    /** LTAS is reported in bands this wide. */
    public static final double REPORT_BAND_HZ = 250;
    /**
     * Bandwidth = highest frequency whose band level is within this many dB of the loudest band: for speech the LTAS
     * falls ~40-55 dB from its peak to 20 kHz when the recording is full band, and a low-pass cliff drops it further.
     */
    public static final double EDGE_DROP_DB = 60;

    private final int sampleRateHz;
    private final double[] power = new double[FFT_SAMPLES / 2 + 1];
    private final double[] window = new double[FFT_SAMPLES];
    private final double[] buffer = new double[FFT_SAMPLES];
    private final DoubleFFT_1D fft = new DoubleFFT_1D(FFT_SAMPLES);
    private long frames;

    public BandwidthMeter(int sampleRateHz) {
        this.sampleRateHz = sampleRateHz;
        for (int i = 0; i < FFT_SAMPLES; i++) {
            window[i] = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / FFT_SAMPLES);
        }
    }

    /** Adds every half-overlapped frame of {@code x}. */
    public synchronized void add(float[] x) {
        for (int start = 0; start + FFT_SAMPLES <= x.length; start += FFT_SAMPLES / 2) {
            for (int i = 0; i < FFT_SAMPLES; i++) {
                buffer[i] = x[start + i] * window[i];
            }
            fft.realForward(buffer);
            power[0] += buffer[0] * buffer[0];
            power[FFT_SAMPLES / 2] += buffer[1] * buffer[1];
            for (int k = 1; k < FFT_SAMPLES / 2; k++) {
                double re = buffer[2 * k];
                double im = buffer[2 * k + 1];
                power[k] += re * re + im * im;
            }
            frames++;
        }
    }

    public long frames() {
        return frames;
    }

    /** Frequency below which {@code fraction} of the energy lies, Hz. */
    public double energyQuantileHz(double fraction) {
        double total = 0;
        for (double p : power) {
            total += p;
        }
        double acc = 0;
        for (int k = 0; k < power.length; k++) {
            acc += power[k];
            if (acc >= fraction * total) {
                return (k + 0.5) * sampleRateHz / FFT_SAMPLES;
            }
        }
        return sampleRateHz / 2.0;
    }

    /** Mean power per band of {@link #REPORT_BAND_HZ}, dB (arbitrary reference), DC band first. */
    public double[] ltasDb() {
        double binHz = (double) sampleRateHz / FFT_SAMPLES;
        int bands = (int) Math.ceil(sampleRateHz / 2.0 / REPORT_BAND_HZ);
        double[] sum = new double[bands];
        int[] count = new int[bands];
        for (int k = 0; k < power.length; k++) {
            int b = Math.min(bands - 1, (int) (k * binHz / REPORT_BAND_HZ));
            sum[b] += power[k];
            count[b]++;
        }
        double[] db = new double[bands];
        for (int b = 0; b < bands; b++) {
            db[b] = 10 * Math.log10(sum[b] / Math.max(1, count[b]) / Math.max(1, frames) + 1e-30);
        }
        return db;
    }

    /** Upper edge of the highest band within {@link #EDGE_DROP_DB} of the loudest band, Hz. */
    public double edgeHz() {
        double[] db = ltasDb();
        double max = Double.NEGATIVE_INFINITY;
        for (double d : db) {
            max = Math.max(max, d);
        }
        for (int b = db.length - 1; b >= 0; b--) {
            if (db[b] >= max - EDGE_DROP_DB) {
                return Math.min(sampleRateHz / 2.0, (b + 1) * REPORT_BAND_HZ);
            }
        }
        return 0;
    }
}
