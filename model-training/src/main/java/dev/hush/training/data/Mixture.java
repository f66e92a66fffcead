package dev.hush.training.data;

/**
 * One training example: what the microphone hears and what the denoiser should output, both 48 kHz mono.
 *
 * @param clean        target: the (coloured) speech with at most early reflections; late reverberation counts as noise
 * @param noisy        input: reverberant speech + noise, same length and alignment as {@code clean}
 * @param bandwidthHz  measured bandwidth of the speech source: {@code clean} has no energy above it, so the loss
 *                     must be masked there (or the network learns to erase highs)
 * @param speechSource speaker id
 * @param noise        noise label(s), "none" for clean-only examples
 * @param snrDb        speech-to-noise ratio (active speech level vs noise), NaN when clean-only
 * @param speechLevelDbfs active speech level of the input
 * @param impulseResponse name of the room impulse response, or null when dry
 */
public record Mixture(float[] clean, float[] noisy, double bandwidthHz, String speechSource, String noise,
                      double snrDb, double speechLevelDbfs, String impulseResponse) {
}
