package dev.hush.training.data;

import java.util.List;

/**
 * The material a {@link MixtureGenerator} draws from: speech grouped by speaker (each with its measured bandwidth),
 * noise recordings, and room impulse responses. 16-bit samples keep hours of 48 kHz speech in memory.
 */
public record TrainingCorpus(List<SpeechSource> speech, List<NoiseRecording> noise, List<ImpulseResponse> impulseResponses) {
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
