package dev.hush.audio;

/**
 * Decoded WAV audio: one array per channel, full scale at ±1.0.
 * Doubles, so that even 32-bit integer PCM survives a read/write round trip bit for bit.
 */
public record WavAudio(WavFormat format, double[][] channels) {
    public WavAudio {
        if (channels.length != format.channels()) {
            throw new IllegalArgumentException(
                    "format says " + format.channels() + " channels, got " + channels.length + " arrays");
        }
        for (double[] c : channels) {
            if (c.length != channels[0].length) {
                throw new IllegalArgumentException("channels differ in length");
            }
        }
    }

    public int frames() {
        return channels[0].length;
    }

    public double durationSeconds() {
        return (double) frames() / format.sampleRateHz();
    }
}
