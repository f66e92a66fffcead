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
        return of(ModelFile.parse(bytes));
    }

    /** The model a parsed weights file holds; {@link #load} without the parse. */
    static GainModel of(ModelFile file) {
        String[] prefixes = memberPrefixes(file);
        if (prefixes.length == 1) {
            return new GainNetwork(file, prefixes[0]);
        }
        GainNetwork[] networks = new GainNetwork[prefixes.length];
        for (int k = 0; k < prefixes.length; k++) {
            networks[k] = new GainNetwork(file, prefixes[k]);
        }
        return new GainEnsemble(file.name(), file.version(), networks);
    }

    /**
     * The tensor-name prefix of each network a file holds: {@code ""} alone for a single network, {@code m0.},
     * {@code m1.}, … for an ensemble. A file mixing both, or an ensemble of fewer than 2 or more than
     * {@link #MAX_MEMBERS}, throws {@link ModelFormatException}.
     */
    static String[] memberPrefixes(ModelFile file) {
        int members = 0;
        while (members <= MAX_MEMBERS && file.hasTensor(memberPrefix(members) + "input.weight")) {
            members++;
        }
        if (members == 0) {
            return new String[] {""};
        }
        if (file.hasTensor("input.weight")) {
            throw new ModelFormatException("weights file mixes a single network's tensors with an ensemble's");
        }
        if (members < 2 || members > MAX_MEMBERS) {
            throw new ModelFormatException("an ensemble file must hold 2 to " + MAX_MEMBERS + " networks, this one has "
                    + members);
        }
        String[] prefixes = new String[members];
        for (int k = 0; k < members; k++) {
            prefixes[k] = memberPrefix(k);
        }
        return prefixes;
    }
}
