package dev.hush.audio;

/**
 * What a WAV file's fmt chunk says, reduced to what Hush needs to write the file back the same way.
 *
 * @param extensible     whether the file used WAVE_FORMAT_EXTENSIBLE (so it is written back that way)
 * @param validBits      significant bits per sample (extensible files may declare fewer than the container)
 * @param channelMask    speaker positions of an extensible file, 0 when not given
 */
public record WavFormat(SampleEncoding encoding, int channels, int sampleRateHz, boolean extensible, int validBits,
                        int channelMask) {
    public static final int TAG_PCM = 0x0001;
    public static final int TAG_IEEE_FLOAT = 0x0003;
    public static final int TAG_EXTENSIBLE = 0xFFFE;
    public static final int MIN_SAMPLE_RATE_HZ = 8_000;
    public static final int MAX_SAMPLE_RATE_HZ = 96_000;
    public static final int MAX_CHANNELS = 2;

    public WavFormat {
        if (encoding == null) {
            throw new IllegalArgumentException("encoding is null");
        }
        if (channels < 1 || channels > MAX_CHANNELS) {
            throw new IllegalArgumentException("channels must be 1 or 2, got " + channels);
        }
        if (sampleRateHz < MIN_SAMPLE_RATE_HZ || sampleRateHz > MAX_SAMPLE_RATE_HZ) {
            throw new IllegalArgumentException("sample rate out of range: " + sampleRateHz);
        }
        if (validBits < 1 || validBits > encoding.bitsPerSample) {
            throw new IllegalArgumentException("valid bits must be 1.." + encoding.bitsPerSample + ", got " + validBits);
        }
    }

    /** A plain (non-extensible) format. */
    public static WavFormat of(SampleEncoding encoding, int channels, int sampleRateHz) {
        return new WavFormat(encoding, channels, sampleRateHz, false, encoding.bitsPerSample, 0);
    }

    public int blockAlignBytes() {
        return channels * encoding.bytesPerSample();
    }

    /** e.g. "44100 Hz stereo 16-bit PCM". */
    public String description() {
        return sampleRateHz + " Hz " + (channels == 1 ? "mono" : "stereo") + " " + encoding.description();
    }
}
