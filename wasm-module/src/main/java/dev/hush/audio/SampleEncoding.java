package dev.hush.audio;

/** The sample encodings Hush reads and writes: linear PCM and IEEE float, as stored in a WAV data chunk. */
public enum SampleEncoding {
    /** Unsigned 8-bit, silence at 128. */
    PCM_U8(WavFormat.TAG_PCM, 8),
    PCM_S16(WavFormat.TAG_PCM, 16),
    PCM_S24(WavFormat.TAG_PCM, 24),
    PCM_S32(WavFormat.TAG_PCM, 32),
    FLOAT32(WavFormat.TAG_IEEE_FLOAT, 32);

    public final int formatTag;
    public final int bitsPerSample;

    SampleEncoding(int formatTag, int bitsPerSample) {
        this.formatTag = formatTag;
        this.bitsPerSample = bitsPerSample;
    }

    public int bytesPerSample() {
        return bitsPerSample / 8;
    }

    public boolean isInteger() {
        return formatTag == WavFormat.TAG_PCM;
    }

    /** The encoding for a (format tag, container bits) pair, or null when Hush does not support it. */
    static SampleEncoding of(int formatTag, int bitsPerSample) {
        for (SampleEncoding e : values()) {
            if (e.formatTag == formatTag && e.bitsPerSample == bitsPerSample) {
                return e;
            }
        }
        return null;
    }

    /** Human name, e.g. "16-bit PCM", "32-bit float". */
    public String description() {
        return bitsPerSample + (isInteger() ? "-bit PCM" : "-bit float");
    }
}
