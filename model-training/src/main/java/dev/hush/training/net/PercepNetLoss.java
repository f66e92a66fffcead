package dev.hush.training.net;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.loss.Loss;

/**
 * PercepNet's losses with γ = ½ (compressing the gains the way loudness is perceived) and a quartic term
 * (C4 = 10) that punishes large gain errors, which are the audible ones:
 * L_g = Σ (g^γ − ĝ^γ)² + C4·Σ (g^γ − ĝ^γ)⁴,  L_r = Σ ((1 − r)^γ − (1 − r̂)^γ)²,
 * plus a term on the output signal, L_s = 10·log10((Σ E_y·(g − ĝ)² + δ·Σ E_y) / (Σ E_y·g² + δ·Σ E_y)) per segment:
 * the band-domain signal-to-distortion ratio of the enhanced speech, in dB.
 *
 * <p>Why L_s: L_g weighs every band of every frame alike, and with γ = ½ a gain of 0.8 where the target is 1
 * costs less than 0.05 against 0.2 in a band of noise. The evaluation's SI-SDR is dominated by the loud bands of
 * speech, so a model that lowered L_g (validation 0.151 → 0.120) still scored lower (+4.93 → +4.67 dB). E_y·(g − ĝ)²
 * is the energy of the error the gain leaves in a band; the log makes every segment count alike whatever its level.
 * δ (−30 dB of the input) keeps a segment that is all noise (g ≈ 0) from dividing by nothing.
 *
 * <p>Optionally a pause term, L_p = 10·log10((Σ E_y(1 − g²)·ĝ² + ε) / (Σ E_y(1 − g²) + ε)) per segment: how far the
 * noise is lowered, in dB (E_y(1 − g²) is the noise's share of a band, which is all of it in a pause), summed only
 * over pause frames: frames whose target gain is under {@link #PAUSE_FRAME_GAIN} in every band. L_s weighs noise in
 * a pause against the whole segment's speech, so it hardly cares about pauses; L_p does. Off by default (weight 0):
 * every shipped model was trained without it. Its first form summed over all frames and, with speech frames in the
 * sum, taught the network to lower speech with the noise (runs/pilots-pause-weight).
 *
 * <p>Optionally an envelope term, L_e = mean over (segment, block, band) of 1 − ρ, where ρ is the correlation over a
 * block of {@link #ENVELOPE_BLOCK_FRAMES} speech frames between the clean band envelope g·√E_y and the enhanced one
 * ĝ·√E_y, in the bands STOI listens to (centres 134–4277 Hz). Why: STOI, the evaluation's intelligibility score, is
 * that correlation (Taal et al. 2011: one-third-octave envelopes over 384 ms, silent frames left out, every band
 * alike), while L_s is ruled by the loudest bands and L_g by every band of every frame, pauses included. The weak
 * bands of speech at low SNR, where STOI is lost, count as much as the loud ones here. Frames more than 40 dB under
 * the segment's loudest clean frame are left out as STOI leaves them out. Off by default (weight 0): at
 * weight 2 (runs/hush-percepnet-1.11.0) it bought STOI by suppressing less, the trade the postfilter's warp already
 * offers, and lost pause depth; no shipped model uses it.
 *
 * <p>Labels are (gains, strengths, mask, noisy band energies): the mask zeroes bands above a source's bandwidth,
 * where a band-limited clean target has no energy and would otherwise teach the network to erase high frequencies.
 */
public final class PercepNetLoss extends Loss {
    static final float GAMMA = 0.5f;
    static final float QUARTIC_WEIGHT = 10f;
    static final float STRENGTH_WEIGHT = 0.5f;
    /**
     * Weight of L_s (dB) against L_g (≈ 0.1): −10 dB of distortion counts as 2. Measured with 10-epoch pilots on
     * 1600 mixtures, scored on evaluation set v1 (ΔSI-SDR / pause drop): weight 0 +2.28 / 17.3 dB, 0.02 +3.51 / 19.0,
     * 0.1 +4.54 / 17.3, 0.5 +4.67 / 16.8. The gain flattens above 0.1 while pauses get less quiet, hence 0.2.
     */
    public static final float SIGNAL_WEIGHT = 0.2f;
    static final float SIGNAL_GUARD = 1e-3f;
    private static final float EPSILON = 1e-6f;

    /** The pause term stops rewarding suppression 40 dB down: deeper is inaudible under any speech. */
    static final float PAUSE_GUARD = 1e-4f;
    /** A frame counts as a pause when no band's target gain reaches this (−20 dB): no speech worth keeping. */
    static final float PAUSE_FRAME_GAIN = 0.1f;

    /** Frames per correlation block: 300 ms, near STOI's 384 ms, and a divisor of the 300-frame training segments. */
    public static final int ENVELOPE_BLOCK_FRAMES = 30;
    /** STOI's one-third-octave bands span 150·2^(−1/6) to 3810·2^(1/6) Hz. */
    static final float ENVELOPE_LOW_HZ = 134f;
    static final float ENVELOPE_HIGH_HZ = 4277f;
    /** STOI drops frames 40 dB under the loudest. */
    static final float ENVELOPE_SILENT_SHARE = 1e-4f;
    /** A block needs this many speech frames for its correlation to mean something. */
    static final int ENVELOPE_MIN_SPEECH_FRAMES = 10;
    /**
     * Added to the clean envelope's variance as a share of the block's noisy band energy (−30 dB), so a band with no
     * speech in it has a correlation near 0 that no gain can change instead of one made of rounding; added to the
     * enhanced one's as a share of its own energy, so that it does not reward gain for its own sake.
     */
    static final float ENVELOPE_GUARD = 1e-3f;

    private final float signalWeight;
    private final float pauseWeight;
    private final float envelopeWeight;

    public PercepNetLoss() {
        this(SIGNAL_WEIGHT, 0f);
    }

    /**
     * @param signalWeight weight of the output-signal term; 0 gives PercepNet's losses alone
     * @param pauseWeight  weight of the pause term; 0 leaves it out
     */
    public PercepNetLoss(float signalWeight, float pauseWeight) {
        this(signalWeight, pauseWeight, 0f);
    }

    /**
     * @param signalWeight   weight of the output-signal term; 0 gives PercepNet's losses alone
     * @param pauseWeight    weight of the pause term; 0 leaves it out
     * @param envelopeWeight weight of the envelope-correlation term; 0 leaves it out
     */
    public PercepNetLoss(float signalWeight, float pauseWeight, float envelopeWeight) {
        super("PercepNetLoss");
        this.signalWeight = signalWeight;
        this.pauseWeight = pauseWeight;
        this.envelopeWeight = envelopeWeight;
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        NDArray g = labels.get(0);
        NDArray r = labels.get(1);
        NDArray mask = labels.get(2);
        NDArray gHat = predictions.get(0);
        NDArray rHat = predictions.get(1);
        NDArray dg = g.add(EPSILON).pow(GAMMA).sub(gHat.add(EPSILON).pow(GAMMA));
        NDArray dg2 = dg.square();
        NDArray lossG = dg2.add(dg2.square().mul(QUARTIC_WEIGHT)).mul(mask);
        NDArray dr = r.neg().add(1 + EPSILON).pow(GAMMA).sub(rHat.neg().add(1 + EPSILON).pow(GAMMA));
        NDArray lossR = dr.square().mul(mask);
        NDArray count = mask.sum().maximum(1f);
        NDArray loss = lossG.sum().add(lossR.sum().mul(STRENGTH_WEIGHT)).div(count);
        if (signalWeight == 0f && pauseWeight == 0f && envelopeWeight == 0f) {
            return loss;
        }
        NDArray energy = labels.get(3).mul(mask);
        if (signalWeight != 0f) {
            NDArray sdr = segmentRatioDb(energy, g.sub(gHat).square(), g.square(), SIGNAL_GUARD);
            loss = loss.add(sdr.mul(signalWeight));
        }
        if (pauseWeight != 0f) {
            NDArray pauseFrames = g.mul(mask).max(new int[] {2}, true).lt(PAUSE_FRAME_GAIN).toType(g.getDataType(), false);
            NDArray noise = energy.mul(g.square().neg().add(1f)).mul(pauseFrames);
            NDArray attenuation = segmentRatioDb(noise, gHat.square(), noise.onesLike(), PAUSE_GUARD);
            loss = loss.add(attenuation.mul(pauseWeight));
        }
        if (envelopeWeight != 0f) {
            loss = loss.add(envelopeDistance(g, gHat, energy).mul(envelopeWeight));
        }
        return loss;
    }

    /** First band and one past the last whose centres lie in STOI's range. */
    static int[] envelopeBands(int bands) {
        int first = -1;
        int end = 0;
        for (int b = 0; b < bands; b++) {
            float hz = dev.hush.dsp.ErbBands.centerHz(b);
            if (hz >= ENVELOPE_LOW_HZ && hz <= ENVELOPE_HIGH_HZ) {
                first = first < 0 ? b : first;
                end = b + 1;
            }
        }
        return new int[] {first, end};
    }

    /**
     * L_e: 1 − the mean correlation of clean and enhanced band envelopes, over the blocks with enough speech and the
     * bands below their source's bandwidth ({@code energy} is already masked, so a masked band has no envelope).
     */
    static NDArray envelopeDistance(NDArray g, NDArray gHat, NDArray energy) {
        long segments = g.getShape().get(0);
        long blocks = g.getShape().get(1) / ENVELOPE_BLOCK_FRAMES;
        if (blocks == 0) {
            throw new IllegalArgumentException("segments of " + g.getShape().get(1) + " frames are shorter than one "
                    + ENVELOPE_BLOCK_FRAMES + "-frame envelope block");
        }
        int[] range = envelopeBands((int) g.getShape().get(2));
        String frames = "0:" + blocks * ENVELOPE_BLOCK_FRAMES;
        String bands = range[0] + ":" + range[1];
        NDArray cleanFrame = g.square().mul(energy).sum(new int[] {2}).get(":, " + frames);
        NDArray speech = cleanFrame.gt(cleanFrame.max(new int[] {1}, true).mul(ENVELOPE_SILENT_SHARE))
                .toType(g.getDataType(), false)
                .reshape(segments, blocks, ENVELOPE_BLOCK_FRAMES, 1);
        Shape blockShape = new Shape(segments, blocks, ENVELOPE_BLOCK_FRAMES, range[1] - range[0]);
        NDArray e = energy.get(":, " + frames + ", " + bands).reshape(blockShape);
        NDArray amplitude = e.add(1e-30f).sqrt();
        NDArray clean = g.get(":, " + frames + ", " + bands).reshape(blockShape).mul(amplitude);
        NDArray enhanced = gHat.get(":, " + frames + ", " + bands).reshape(blockShape).mul(amplitude);
        int[] time = {2};
        NDArray count = speech.sum(time, true);
        NDArray frameCount = count.maximum(1f);
        NDArray cleanDev = clean.sub(clean.mul(speech).sum(time, true).div(frameCount)).mul(speech);
        NDArray enhancedDev = enhanced.sub(enhanced.mul(speech).sum(time, true).div(frameCount)).mul(speech);
        // Each guard scales with its own envelope, so the enhanced one's level cannot move the correlation.
        NDArray cleanGuard = e.mul(speech).sum(time, true).mul(ENVELOPE_GUARD).add(1e-20f);
        NDArray enhancedGuard = enhanced.square().mul(speech).sum(time, true).mul(ENVELOPE_GUARD).add(1e-20f);
        NDArray correlation = cleanDev.mul(enhancedDev).sum(time, true)
                .div(cleanDev.square().sum(time, true).add(cleanGuard)
                        .mul(enhancedDev.square().sum(time, true).add(enhancedGuard)).sqrt());
        NDArray valid = count.gte(ENVELOPE_MIN_SPEECH_FRAMES).toType(g.getDataType(), false)
                .mul(e.sum(time, true).gt(0f).toType(g.getDataType(), false));
        return correlation.neg().add(1f).mul(valid).sum().div(valid.sum().maximum(1f));
    }

    /**
     * Mean over segments of 10·log10((Σ w·a + δ) / (Σ w·b + δ)), sums over frames and bands, δ = {@code guardShare}·Σ w:
     * the shape both optional terms share.
     */
    private static NDArray segmentRatioDb(NDArray w, NDArray a, NDArray b, float guardShare) {
        int[] frameAndBand = {1, 2};
        NDArray guard = w.sum(frameAndBand).mul(guardShare).add(1e-20f);
        NDArray numerator = a.mul(w).sum(frameAndBand).add(guard);
        NDArray denominator = b.mul(w).sum(frameAndBand).add(guard);
        return numerator.div(denominator).log10().mul(10f).mean();
    }
}
