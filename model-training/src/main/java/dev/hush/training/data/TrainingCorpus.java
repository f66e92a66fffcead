package dev.hush.training.data;

import java.util.List;
import java.util.Random;

/**
 * The material a {@link MixtureGenerator} draws from: speech grouped by speaker (each with its measured bandwidth),
 * noise recordings, and room impulse responses. 16-bit samples keep hours of 48 kHz speech in memory.
 */
public record TrainingCorpus(List<SpeechSource> speech, List<NoiseRecording> noise, List<ImpulseResponse> impulseResponses,
                             SpeakerDraw speakerDraw) {
    /** How an example picks its speaker. */
    public enum SpeakerDraw {
        /** Every speaker equally often: 1.4.0's recipe, where every speaker has 15–30 minutes. */
        UNIFORM,
        /**
         * In proportion to the square root of the speaker's minutes: a one-minute KTuberling voice is heard a fifth
         * as often as a 25-minute one, not as often (its few words would be heard over and over) and not 25 times
         * less (its voice would hardly count).
         */
        SQRT_DURATION
    }

    public TrainingCorpus(List<SpeechSource> speech, List<NoiseRecording> noise, List<ImpulseResponse> impulseResponses) {
        this(speech, noise, impulseResponses, SpeakerDraw.UNIFORM);
    }

    public TrainingCorpus {
        if (speech.isEmpty()) {
            throw new IllegalArgumentException("a training corpus needs at least one speech source");
        }
        for (SpeechSource s : speech) {
            if (s.utterances().isEmpty()) {
                throw new IllegalArgumentException("speech source " + s.id() + " has no utterances");
            }
        }
    }

    /** The speaker of one example, drawn with {@code rnd} as {@link #speakerDraw} says: one draw from {@code rnd}. */
    public SpeechSource pickSpeaker(Random rnd) {
        if (speakerDraw == SpeakerDraw.UNIFORM) {
            return speech.get(rnd.nextInt(speech.size()));
        }
        double[] weight = new double[speech.size()];
        double total = 0;
        for (int i = 0; i < weight.length; i++) {
            weight[i] = Math.sqrt(speech.get(i).totalSamples());
            total += weight[i];
        }
        double u = rnd.nextDouble() * total;
        for (int i = 0; i < weight.length; i++) {
            u -= weight[i];
            if (u < 0) {
                return speech.get(i);
            }
        }
        return speech.get(speech.size() - 1);
    }

    /** One speaker: its utterances (trimmed phrases) and the bandwidth measured over all of them. */
    public record SpeechSource(String id, double bandwidthHz, List<short[]> utterances) {
        public long totalSamples() {
            long n = 0;
            for (short[] u : utterances) {
                n += u.length;
            }
            return n;
        }
    }

    /** @param kind coarse class (babble, water, engine, ...), for grouping results */
    public record NoiseRecording(String name, String kind, short[] samples) {
    }

    public record ImpulseResponse(String name, float[] taps) {
    }

    public static short[] toPcm16(float[] x) {
        short[] s = new short[x.length];
        for (int i = 0; i < x.length; i++) {
            s[i] = dev.hush.training.audio.WavFile.toPcm16(x[i]);
        }
        return s;
    }
}
