package dev.hush.nn;

import dev.hush.dsp.GainEstimator;

/** What a weights file turns into: one {@link GainNetwork}, or a {@link GainEnsemble} of several. */
public interface GainModel extends GainEstimator {
    /** Most members an ensemble file may hold: {@link ModelFile}'s tensor limit over a network's 16 tensors. */
    int MAX_MEMBERS = 4;

    String name();

    String version();

    /** Inputs the model reads (the widest member's, for an ensemble). */
    int featureCount();

    /** Weights and biases in all, over every member. */
    int parameterCount();

    /** Extra steps that prime the state at a stream's start ({@link GainNetwork#STATE_PRIMING_STEPS} shipped). */
    void setStatePrimingSteps(int steps);

    /** The tensor-name prefix of member {@code k} in an ensemble file. */
    static String memberPrefix(int k) {
        return "m" + k + ".";
    }

    /**
     * Parses and validates a weights file: a single network, or an ensemble whose members' tensors are prefixed
     * {@code m0.}, {@code m1.}, … A bad file throws {@link ModelFormatException} with the reason.
     */
    static GainModel load(byte[] bytes) {
        ModelFile file = ModelFile.parse(bytes);
        int members = 0;
        while (members <= MAX_MEMBERS && file.hasTensor(memberPrefix(members) + "input.weight")) {
            members++;
        }
        if (members == 0) {
            return new GainNetwork(file);
        }
        if (file.hasTensor("input.weight")) {
            throw new ModelFormatException("weights file mixes a single network's tensors with an ensemble's");
        }
        if (members < 2 || members > MAX_MEMBERS) {
            throw new ModelFormatException("an ensemble file must hold 2 to " + MAX_MEMBERS + " networks, this one has "
                    + members);
        }
        GainNetwork[] networks = new GainNetwork[members];
        for (int k = 0; k < members; k++) {
            networks[k] = new GainNetwork(file, memberPrefix(k));
        }
        return new GainEnsemble(file.name(), file.version(), networks);
    }
}
