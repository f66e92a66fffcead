package dev.hush.nn;

import dev.hush.dsp.FrameAnalysis;
import dev.hush.dsp.PercepNet;

/**
 * Several networks trained alike from different seeds, heard as one: each frame's band gains and comb strengths are
 * the mean of theirs. Seeds of one recipe err differently where the data leaves the answer open (unheard voices and
 * noises), so their mean errs less than either; the price is one network's compute per member. A weights file
 * can hold one ({@link GainModel#load}); {@code bin/denoise --ensemble-with FILE} joins separate files.
 */
public final class GainEnsemble implements GainModel {
    private final String name;
    private final String version;
    private final GainNetwork[] members;
    private final float[] memberGains = new float[PercepNet.BANDS];
    private final float[] memberStrengths = new float[PercepNet.BANDS];

    /** Named after its first member. */
    public GainEnsemble(GainNetwork... members) {
        this(members.length == 0 ? "" : members[0].name(), members.length == 0 ? "" : members[0].version(), members);
    }

    public GainEnsemble(String name, String version, GainNetwork... members) {
        if (members.length < 2) {
            throw new IllegalArgumentException("an ensemble needs at least two networks, got " + members.length);
        }
        this.name = name;
        this.version = version;
        this.members = members.clone();
    }

    public int size() {
        return members.length;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String version() {
        return version;
    }

    @Override
    public int featureCount() {
        int widest = 0;
        for (GainNetwork n : members) {
            widest = Math.max(widest, n.featureCount());
        }
        return widest;
    }

    @Override
    public int parameterCount() {
        int sum = 0;
        for (GainNetwork n : members) {
            sum += n.parameterCount();
        }
        return sum;
    }

    @Override
    public void estimate(FrameAnalysis frame, float[] gains, float[] strengths) {
        members[0].estimate(frame, gains, strengths);
        for (int m = 1; m < members.length; m++) {
            members[m].estimate(frame, memberGains, memberStrengths);
            for (int b = 0; b < PercepNet.BANDS; b++) {
                gains[b] += memberGains[b];
                strengths[b] += memberStrengths[b];
            }
        }
        float scale = 1f / members.length;
        for (int b = 0; b < PercepNet.BANDS; b++) {
            gains[b] *= scale;
            strengths[b] *= scale;
        }
    }

    /** Each member primes its own state at a stream's start, as it would alone. */
    @Override
    public void setStatePrimingSteps(int steps) {
        for (GainNetwork n : members) {
            n.setStatePrimingSteps(steps);
        }
    }

    @Override
    public void reset() {
        for (GainNetwork n : members) {
            n.reset();
        }
    }
}
