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

    /** Frames within this much of a file's loudest frame are active speech. */
    public static final double ACTIVE_RANGE_DB = 20;
    /** Frames this far below a file's loudest frame show the recording's floor (hiss, hum, coder noise). */
    public static final double QUIET_BELOW_DB = 35;
    /** A band carries speech when active frames are this much above the floor there. */
    public static final double SPEECH_OVER_FLOOR_DB = 10;
    /** ... and within this much of the strongest band above 250 Hz: full-band voices stay within ~50 dB up to
     *  19-20 kHz, while a low-pass cliff (G.722 near 8 kHz, Tux Paint el near 7.7 kHz) drops 20-40 dB at once. */
    public static final double SPEECH_RANGE_DB = 50;

    private final int sampleRateHz;
    private final double[] power = new double[FFT_SAMPLES / 2 + 1];
    private final double[] activePower = new double[FFT_SAMPLES / 2 + 1];
    private final double[] quietPower = new double[FFT_SAMPLES / 2 + 1];
    private final double[] window = new double[FFT_SAMPLES];
    private final double[] buffer = new double[FFT_SAMPLES];
    private final DoubleFFT_1D fft = new DoubleFFT_1D(FFT_SAMPLES);
    private long frames;
    private long activeFrames;
    private long quietFrames;

    public BandwidthMeter(int sampleRateHz) {
        this.sampleRateHz = sampleRateHz;
        for (int i = 0; i < FFT_SAMPLES; i++) {
            window[i] = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / FFT_SAMPLES);
        }
    }

    /** Adds every half-overlapped frame of one file (levels are judged against that file's loudest frame). */
    public synchronized void add(float[] x) {
        int hop = FFT_SAMPLES / 2;
        int count = x.length >= FFT_SAMPLES ? (x.length - FFT_SAMPLES) / hop + 1 : 0;
        double[] energy = new double[count];
        double max = 0;
        for (int f = 0; f < count; f++) {
            double e = 0;
            for (int i = 0; i < FFT_SAMPLES; i++) {
                double v = x[f * hop + i] * window[i];
                e += v * v;
            }
            energy[f] = e;
            max = Math.max(max, e);
        }
        double activeMin = max * Math.pow(10, -ACTIVE_RANGE_DB / 10);
        double quietMax = max * Math.pow(10, -QUIET_BELOW_DB / 10);
        for (int f = 0; f < count; f++) {
            for (int i = 0; i < FFT_SAMPLES; i++) {
                buffer[i] = x[f * hop + i] * window[i];
            }
            fft.realForward(buffer);
            boolean active = energy[f] >= activeMin && max > 0;
            boolean quiet = energy[f] > 0 && energy[f] <= quietMax;
            for (int k = 0; k <= FFT_SAMPLES / 2; k++) {
                double p;
                if (k == 0) {
                    p = buffer[0] * buffer[0];
                } else if (k == FFT_SAMPLES / 2) {
                    p = buffer[1] * buffer[1];
                } else {
                    p = buffer[2 * k] * buffer[2 * k] + buffer[2 * k + 1] * buffer[2 * k + 1];
                }
                power[k] += p;
                if (active) {
                    activePower[k] += p;
                }
                if (quiet) {
                    quietPower[k] += p;
                }
            }
            frames++;
            if (active) {
                activeFrames++;
            }
            if (quiet) {
                quietFrames++;
            }
        }
    }

    /**
     * Speech bandwidth: upper edge of the highest 250 Hz band where active frames stand
     * {@link #SPEECH_OVER_FLOOR_DB} above the recording's floor (quiet frames) and within {@link #SPEECH_RANGE_DB}
     * of the strongest band above 250 Hz. Hiss that reaches 20 kHz does not make a 4 kHz voice full band.
     */
    public double speechEdgeHz() {
        double[] active = bandsDb(activePower, activeFrames);
        double[] quiet = quietFrames == 0 ? null : bandsDb(quietPower, quietFrames);
        double ref = Double.NEGATIVE_INFINITY;
        for (int b = 1; b < active.length; b++) {
            ref = Math.max(ref, active[b]);
        }
        for (int b = active.length - 1; b >= 0; b--) {
            boolean strong = active[b] >= ref - SPEECH_RANGE_DB;
            boolean overFloor = quiet == null || active[b] - quiet[b] >= SPEECH_OVER_FLOOR_DB;
            if (strong && overFloor) {
                return Math.min(sampleRateHz / 2.0, (b + 1) * REPORT_BAND_HZ);
            }
        }
        return 0;
    }

    public long activeFrames() {
        return activeFrames;
    }

    public long quietFrames() {
        return quietFrames;
    }

    /** Active-speech LTAS minus floor LTAS per 250 Hz band, dB (empty without quiet frames). */
    public double[] speechOverFloorDb() {
        if (quietFrames == 0) {
            return new double[0];
        }
        double[] a = bandsDb(activePower, activeFrames);
        double[] q = bandsDb(quietPower, quietFrames);
        for (int b = 0; b < a.length; b++) {
            a[b] -= q[b];
        }
        return a;
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
        return bandsDb(power, frames);
    }

    private double[] bandsDb(double[] spectrum, long frameCount) {
        double binHz = (double) sampleRateHz / FFT_SAMPLES;
        int bands = (int) Math.ceil(sampleRateHz / 2.0 / REPORT_BAND_HZ);
        double[] sum = new double[bands];
        int[] count = new int[bands];
        for (int k = 0; k < spectrum.length; k++) {
            int b = Math.min(bands - 1, (int) (k * binHz / REPORT_BAND_HZ));
            sum[b] += spectrum[k];
            count[b]++;
        }
        double[] db = new double[bands];
        for (int b = 0; b < bands; b++) {
            db[b] = 10 * Math.log10(sum[b] / Math.max(1, count[b]) / Math.max(1, frameCount) + 1e-30);
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
