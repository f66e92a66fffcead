package dev.hush.wasm;

import dev.hush.dsp.Denoiser;
import dev.hush.dsp.RealFft;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import org.jtransforms.fft.FloatFFT_1D;
import org.teavm.interop.Export;
import org.teavm.jso.JSExport;
import org.teavm.jso.typedarrays.Float32Array;
import org.teavm.jso.typedarrays.Int8Array;

/**
 * TeaVM entry point of the WebAssembly build: the JavaScript side (AudioWorklet processor, Node runner) drives one
 * {@link CrossfadedDenoiser} through these exports.
 *
 * <p>Audio crosses the boundary without copies or calls per sample: {@link #inputSamples()} and
 * {@link #outputSamples()} expose direct buffers that live in the module's linear memory; JS writes whole frames
 * there and calls {@link #process(int)} once per batch. Such a view goes stale (byteLength 0) if linear memory
 * grows, so callers re-fetch it when that happens.
 */
public final class WasmDenoiser {
    /** Largest batch one {@link #process(int)} call takes: 640 ms, enough to amortise the call in offline use. */
    public static final int MAX_BATCH_FRAMES = 64;
    private static final int FRAME_SAMPLES = CrossfadedDenoiser.FRAME_SAMPLES;
    private static final int BUFFER_SAMPLES = MAX_BATCH_FRAMES * FRAME_SAMPLES;

    private static final FloatBuffer input = directFloats(BUFFER_SAMPLES);
    private static final FloatBuffer output = directFloats(BUFFER_SAMPLES);
    private static final float[] frameIn = new float[FRAME_SAMPLES];
    private static final float[] frameOut = new float[FRAME_SAMPLES];
    private static CrossfadedDenoiser stage;
    private static Denoiser denoiser;
    private static double speechSum;
    private static int speechFrames;
    private static FloatFFT_1D fft;
    private static float[] fftScratch;
    private static RealFft hushFft;
    private static int hushFftSize;
    private static float[] hushRe;
    private static float[] hushIm;

    private WasmDenoiser() {
    }

    public static void main(String[] args) {
        // Everything happens through the exports; TeaVM only needs an entry point.
    }

    private static FloatBuffer directFloats(int samples) {
        return ByteBuffer.allocateDirect(samples * Float.BYTES).order(ByteOrder.nativeOrder()).asFloatBuffer();
    }

    /**
     * Builds the denoiser from a weights file, or the classic estimator when {@code modelBytes} is null.
     *
     * @return "" when ready, otherwise the reason it could not start (the caller falls back to passthrough)
     */
    @JSExport
    public static String create(Int8Array modelBytes) {
        try {
            byte[] model = modelBytes == null ? null : modelBytes.copyToJavaArray();
            denoiser = Denoiser.create(model);
            stage = new CrossfadedDenoiser(denoiser);
            speechSum = 0;
            speechFrames = 0;
            return "";
        } catch (RuntimeException e) {
            stage = null;
            String message = e.getMessage();
            return message == null || message.isEmpty() ? e.getClass().getName() : message;
        }
    }

    /** Where JS writes up to {@link #MAX_BATCH_FRAMES} frames of input before {@link #process(int)}. */
    @JSExport
    public static Float32Array inputSamples() {
        return Float32Array.fromJavaBuffer(input);
    }

    /** Where {@link #process(int)} leaves its output, frame for frame. */
    @JSExport
    public static Float32Array outputSamples() {
        return Float32Array.fromJavaBuffer(output);
    }

    @JSExport
    public static int frameSamples() {
        return FRAME_SAMPLES;
    }

    @JSExport
    public static int maxBatchFrames() {
        return MAX_BATCH_FRAMES;
    }

    @JSExport
    public static int latencySamples() {
        return requireStage().latencySamples();
    }

    /** Denoises {@code frames} consecutive frames from the input buffer into the output buffer. */
    @JSExport
    public static void process(int frames) {
        processFrames(frames);
    }

    /**
     * {@link #process(int)} as a raw WebAssembly export ({@code instance.exports.hushProcess}): a JSExport converts
     * its int argument through an import call, this one crosses into the module with no JavaScript call at all.
     */
    @Export(name = "hushProcess")
    public static void processFrames(int frames) {
        CrossfadedDenoiser s = requireStage();
        if (frames < 0 || frames > MAX_BATCH_FRAMES) {
            throw new IllegalArgumentException("batch must be 0.." + MAX_BATCH_FRAMES + " frames, got " + frames);
        }
        for (int f = 0; f < frames; f++) {
            int offset = f * FRAME_SAMPLES;
            input.position(offset);
            input.get(frameIn, 0, FRAME_SAMPLES);
            s.processFrame(frameIn, 0, frameOut, 0);
            speechSum += denoiser.speechPresence();
            speechFrames++;
            output.position(offset);
            output.put(frameOut, 0, FRAME_SAMPLES);
        }
    }

    @JSExport
    public static void setEnabled(boolean enabled) {
        requireStage().setEnabled(enabled);
    }

    @JSExport
    public static void setBypassed(boolean bypassed) {
        requireStage().setBypassed(bypassed);
    }

    @JSExport
    public static void setAttenuationLimitDb(double limitDb) {
        requireStage().setAttenuationLimitDb(limitDb);
    }

    @JSExport
    public static void reset() {
        requireStage().reset();
    }

    /**
     * Mean speech presence ({@link Denoiser#speechPresence}) since the previous call, or NaN if no frame ran;
     * starts a new window. Accumulated in {@link #process} so each batch of frames counts, not just the last.
     */
    @JSExport
    public static double speechProbability() {
        double mean = speechFrames == 0 ? Double.NaN : speechSum / speechFrames;
        speechSum = 0;
        speechFrames = 0;
        return mean;
    }

    @JSExport
    public static double framesProcessed() {
        return requireStage().framesProcessed();
    }

    @JSExport
    public static double nonFiniteFrames() {
        return requireStage().nonFiniteFrames();
    }

    @JSExport
    public static double mix() {
        return requireStage().mix();
    }

    /** Mean attenuation in dB since the previous call (NaN for silent input); starts a new window. */
    @JSExport
    public static double takeMeanAttenuationDb() {
        return requireStage().takeMeanAttenuationDb();
    }

    /**
     * Diagnostic: JTransforms' real forward FFT of the first {@code size} input samples, packed as
     * {@code FloatFFT_1D.realForward} leaves it, written to the output buffer. Lets tests check the compiled FFT
     * against the JVM's independently of the denoiser.
     */
    @JSExport
    public static void forwardFft(int size) {
        float[] data = fftInput(size);
        fft.realForward(data);
        fftOutput(data, size);
    }

    /**
     * Diagnostic: the DSP's own real FFT ({@link RealFft}) of the first {@code size} input samples, packed like
     * {@link #forwardFft} so the two can be compared and timed inside the same module (bin/bench-wasm).
     */
    @JSExport
    public static void forwardHushFft(int size) {
        float[] data = fftInput(size);
        if (hushFft == null || hushFftSize != size) {
            hushFft = new RealFft(size);
            hushFftSize = size;
            hushRe = new float[size / 2 + 1];
            hushIm = new float[size / 2 + 1];
        }
        hushFft.forward(data, hushRe, hushIm);
        data[0] = hushRe[0];
        data[1] = hushRe[size / 2];
        for (int k = 1; k < size / 2; k++) {
            data[2 * k] = hushRe[k];
            data[2 * k + 1] = hushIm[k];
        }
        fftOutput(data, size);
    }

    /** Diagnostic: {@code FloatFFT_1D.realInverse(data, true)} of a spectrum packed as realForward leaves it. */
    @JSExport
    public static void inverseFft(int size) {
        float[] data = fftInput(size);
        fft.realInverse(data, true);
        fftOutput(data, size);
    }

    private static float[] fftInput(int size) {
        if (size <= 0 || size > BUFFER_SAMPLES) {
            throw new IllegalArgumentException("FFT size must be 1.." + BUFFER_SAMPLES + ", got " + size);
        }
        if (fft == null || fftScratch.length != size) {
            fft = new FloatFFT_1D(size);
            fftScratch = new float[size];
        }
        input.position(0);
        input.get(fftScratch, 0, size);
        return fftScratch;
    }

    private static void fftOutput(float[] data, int size) {
        output.position(0);
        output.put(data, 0, size);
    }

    private static CrossfadedDenoiser requireStage() {
        if (stage == null) {
            throw new IllegalStateException("call create() first");
        }
        return stage;
    }
}
