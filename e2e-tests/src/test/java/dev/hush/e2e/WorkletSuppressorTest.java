package dev.hush.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Page;
import dev.hush.dsp.Denoiser;
import dev.hush.dsp.PercepNet;
import dev.hush.metrics.SiSdr;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.jtransforms.fft.FloatFFT_1D;
import org.junit.jupiter.api.Test;

/**
 * The noise suppressor's AudioWorklet in Chromium, rendered offline so every run is sample-exact, compared with
 * the JVM DSP on the same input.
 */
class WorkletSuppressorTest {
    private static final int RATE_HZ = PercepNet.SAMPLE_RATE_HZ;
    private static final int FRAME = Denoiser.FRAME_SAMPLES;
    /** Ring-buffer delay for 128-sample render quanta and 480-sample frames: 480 - gcd(480, 128). */
    private static final int RING_DELAY = 448;
    private static final int CROSSFADE_SAMPLES = 480;

    private static StaticHttpServer server;
    private static HeadlessChromium chromium;
    private Page page;

    @BeforeAll
    static void start() throws Exception {
        server = new StaticHttpServer();
        chromium = new HeadlessChromium();
    }

    @AfterAll
    static void stop() {
        if (chromium != null) {
            chromium.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void openPage() {
        page = chromium.browser.newPage();
        List<String> problems = new ArrayList<>();
        page.onPageError(problems::add);
        page.onConsoleMessage(m -> {
            if ("error".equals(m.type())) {
                problems.add(m.text());
            }
        });
        page.navigate(server.url("/test/index.html"));
        try {
            page.waitForFunction("() => window.hushLoaded === true", null,
                    new Page.WaitForFunctionOptions().setTimeout(15_000));
        } catch (RuntimeException e) {
            throw new AssertionError("test page did not load (is hush-wasm/ from this build on the class path?): "
                    + problems, e);
        }
    }

    @AfterEach
    void closePage() {
        page.close();
    }

    /** A voiced, vibrato "vowel" with syllable-rate envelope in white noise (about 5 dB SNR). */
    static float[] noisySpeechLike(int samples, long seed) {
        Random random = new Random(seed);
        float[] x = new float[samples];
        double phase = 0;
        for (int i = 0; i < samples; i++) {
            double t = (double) i / RATE_HZ;
            phase += 2 * Math.PI * (140 + 25 * Math.sin(2 * Math.PI * 3 * t)) / RATE_HZ;
            double voiced = 0;
            for (int h = 1; h <= 20; h++) {
                voiced += Math.sin(h * phase) / h;
            }
            x[i] = (float) (0.15 * 0.5 * (1 - Math.cos(2 * Math.PI * 4 * t)) * voiced + 0.05 * random.nextGaussian());
        }
        return x;
    }

    /** JVM denoiser output without delay compensation: sample m is the denoised input sample m - latency. */
    static float[] jvmRaw(float[] input) {
        Denoiser denoiser = Denoiser.create(null);
        int frames = (input.length + FRAME - 1) / FRAME;
        float[] padded = new float[frames * FRAME];
        System.arraycopy(input, 0, padded, 0, input.length);
        float[] out = new float[padded.length];
        for (int f = 0; f < frames; f++) {
            denoiser.processFrame(padded, f * FRAME, out, f * FRAME);
        }
        return out;
    }

    static String base64(float[] samples) {
        ByteBuffer bytes = ByteBuffer.allocate(samples.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(samples);
        return Base64.getEncoder().encodeToString(bytes.array());
    }

    static float[] floats(String base64) {
        ByteBuffer bytes = ByteBuffer.wrap(Base64.getDecoder().decode(base64)).order(ByteOrder.LITTLE_ENDIAN);
        float[] samples = new float[bytes.remaining() / 4];
        bytes.asFloatBuffer().get(samples);
        return samples;
    }

    private Map<String, Object> render(float[] input, Map<String, Object> options, List<Map<String, Object>> automation) {
        return render(input, options, automation, RATE_HZ);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> render(float[] input, Map<String, Object> options, List<Map<String, Object>> automation,
            int sampleRate) {
        Map<String, Object> arg = new LinkedHashMap<>();
        arg.put("sampleRate", sampleRate);
        arg.put("inputBase64", base64(input));
        arg.put("options", options);
        arg.put("automation", automation);
        return (Map<String, Object>) page.evaluate("arg => window.hush.render(arg)", arg);
    }

    private static Map<String, Object> automation(String param, double timeSeconds, double value) {
        return Map.of("param", param, "time", timeSeconds, "value", value);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> events(Map<String, Object> result, String type) {
        List<Map<String, Object>> matching = new ArrayList<>();
        for (Object e : (List<Object>) result.get("events")) {
            Map<String, Object> event = (Map<String, Object>) e;
            if (type.equals(event.get("type"))) {
                matching.add((Map<String, Object>) event.get("detail"));
            }
        }
        return matching;
    }

    @SuppressWarnings("unchecked")
    private static String readyState(Map<String, Object> result) {
        return (String) ((Map<String, Object>) result.get("readyState")).get("state");
    }

    private static void assertFiniteAndSized(float[] output, int expectedLength) {
        assertEquals(expectedLength, output.length, "one output sample per input sample");
        for (int i = 0; i < output.length; i++) {
            assertTrue(Float.isFinite(output[i]), "sample " + i + " is " + output[i]);
        }
    }

    /** Fallback: the input itself, delayed by the ring buffer only (nothing else would have been loaded). */
    private static void assertPassthrough(float[] input, float[] output) {
        for (int n = 0; n < output.length; n++) {
            float expected = n >= RING_DELAY ? input[n - RING_DELAY] : 0f;
            assertEquals(expected, output[n], 0f, "passthrough sample " + n);
        }
    }

    @Test
    void offlineRenderMatchesTheJvmDenoiser() {
        float[] input = noisySpeechLike(2 * RATE_HZ, 3);
        Map<String, Object> result = render(input, Map.of(), List.of());
        assertEquals("ready", readyState(result), "events: " + result.get("events"));
        float[] output = floats((String) result.get("outputBase64"));
        assertFiniteAndSized(output, input.length);

        int dspLatency = Denoiser.create(null).latencySamples();
        assertEquals(RING_DELAY + dspLatency, ((Number) result.get("latencySamples")).intValue());
        // The worklet adds exactly the ring delay to the JVM path: output[n] == jvm[n - RING_DELAY].
        float[] jvm = jvmRaw(input);
        int length = input.length - RING_DELAY;
        double siSdr = SiSdr.compute(jvm, 0, output, RING_DELAY, length);
        assertTrue(siSdr >= 60, "SI-SDR worklet vs JVM " + siSdr + " dB");
        for (int n = 0; n < length; n++) {
            assertEquals(jvm[n], output[n + RING_DELAY], 1e-5f, "sample " + (n + RING_DELAY));
        }
        assertEquals(1, events(result, "ready").size());
        assertTrue(events(result, "fallback").isEmpty());
    }

    @Test
    @SuppressWarnings("unchecked")
    void togglingMidStreamIsClickFree() {
        float[] input = noisySpeechLike(2 * RATE_HZ, 5);
        List<Map<String, Object>> toggles = List.of(
                automation("enabled", 0.5, 0), automation("enabled", 1.0, 1), automation("enabled", 1.5, 0));
        Map<String, Object> result = render(input, Map.of(), toggles);
        float[] output = floats((String) result.get("outputBase64"));
        assertFiniteAndSized(output, input.length);

        int latency = ((Number) result.get("latencySamples")).intValue();
        float[] jvm = jvmRaw(input);
        // The two paths the crossfade moves between, as the worklet aligns them.
        float[] wet = new float[output.length];
        float[] dry = new float[output.length];
        for (int n = 0; n < output.length; n++) {
            wet[n] = n >= RING_DELAY ? jvm[n - RING_DELAY] : 0f;
            dry[n] = n >= latency ? input[n - latency] : 0f;
        }
        // Bound of a 10 ms linear crossfade: the larger step of either path plus 1/480 of their difference.
        // A hard switch would jump by the whole |wet - dry|.
        for (int n = 1; n < output.length; n++) {
            double bound = Math.max(Math.abs(wet[n] - wet[n - 1]), Math.abs(dry[n] - dry[n - 1]))
                    + Math.abs(wet[n - 1] - dry[n - 1]) / CROSSFADE_SAMPLES + 1e-5;
            double jump = Math.abs(output[n] - output[n - 1]);
            assertTrue(jump <= bound, "jump " + jump + " at sample " + n + " above the crossfade bound " + bound);
        }
        // Well after each switch the output is exactly one path (switches take effect at the next frame).
        int settle = 2 * FRAME + CROSSFADE_SAMPLES;
        for (int n = (int) (0.5 * RATE_HZ) + settle; n < (int) (1.0 * RATE_HZ); n++) {
            assertEquals(dry[n], output[n], 1e-5f, "disabled sample " + n);
        }
        for (int n = (int) (1.0 * RATE_HZ) + settle; n < (int) (1.5 * RATE_HZ); n++) {
            assertEquals(wet[n], output[n], 1e-5f, "re-enabled sample " + n);
        }
        Map<String, Object> stats = (Map<String, Object>) result.get("stats");
        assertEquals(0.0, ((Number) stats.get("mix")).doubleValue(), 0.0, "the last switch (off) reached the DSP");
    }

    @Test
    @SuppressWarnings("unchecked")
    void corruptWasmFallsBackToPassthrough() {
        byte[] corrupt = new byte[4096];
        new Random(1).nextBytes(corrupt);
        System.arraycopy(new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0}, 0, corrupt, 0, 8);
        server.putFixture("corrupt.wasm", corrupt);
        float[] input = noisySpeechLike(RATE_HZ, 9);
        Map<String, Object> result = render(input, Map.of("wasmUrl", server.url("/fixtures/corrupt.wasm")), List.of());
        assertEquals("fallback", readyState(result));
        List<Map<String, Object>> fallbacks = events(result, "fallback");
        assertEquals(1, fallbacks.size(), "events: " + result.get("events"));
        assertTrue(((String) fallbacks.get(0).get("reason")).contains("WebAssembly"), fallbacks.toString());
        float[] output = floats((String) result.get("outputBase64"));
        assertFiniteAndSized(output, input.length);
        assertPassthrough(input, output);
        Map<String, Object> stats = (Map<String, Object>) result.get("stats");
        assertEquals("fallback", stats.get("state"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void runsLiveInARealTimeAudioContext() {
        Map<String, Object> result = (Map<String, Object>) page.evaluate("arg => window.hush.live(arg)",
                Map.of("seconds", 1.5));
        assertEquals("ready", readyState(result), "events: " + result.get("events"));
        assertEquals("running", result.get("contextState"));
        Map<String, Object> stats = (Map<String, Object>) result.get("stats");
        // Stats arrive every 50 frames (0.5 s); 1.5 s of audio must have produced at least one batch.
        assertTrue(((Number) stats.get("framesProcessed")).intValue() >= 50, stats.toString());
        assertTrue(Double.isFinite(((Number) stats.get("computeMsPerFrame")).doubleValue()), stats.toString());
        assertEquals(0, ((Number) stats.get("underruns")).intValue(), stats.toString());
        assertEquals(0, ((Number) stats.get("nonFiniteFrames")).intValue(), stats.toString());
        assertEquals(Boolean.TRUE, stats.get("enabled"));
    }

    /**
     * JTransforms inside AudioWorkletGlobalScope, which lacks globals Node and pages have (TeaVM's
     * availableProcessors() reads navigator, JTransforms asks for it on its first transform).
     */
    @Test
    void jtransformsRunsInsideTheWorkletAndMatchesTheJvm() {
        int size = 2 * FRAME;
        float[] frame = noisySpeechLike(size, 17);
        float[] spectrum = frame.clone();
        new FloatFFT_1D(size).realForward(spectrum);
        float[] forward = floats((String) page.evaluate("arg => window.hush.fftProbe(arg)",
                Map.of("samplesBase64", base64(frame), "inverse", false)));
        double peak = 0;
        for (float v : spectrum) {
            peak = Math.max(peak, Math.abs(v));
        }
        for (int i = 0; i < size; i++) {
            assertEquals(spectrum[i], forward[i], 1e-5 * peak, "bin value " + i);
        }
        float[] back = floats((String) page.evaluate("arg => window.hush.fftProbe(arg)",
                Map.of("samplesBase64", base64(spectrum), "inverse", true)));
        for (int i = 0; i < size; i++) {
            assertEquals(frame[i], back[i], 1e-5, "round trip sample " + i);
        }
    }

    @Test
    void reportsSupportInThisChromium() {
        assertEquals(Boolean.TRUE, page.evaluate("() => window.hush.isSupported()"),
                String.valueOf(page.evaluate("() => window.hush.unsupportedReason()")));
    }

    private static float[] withNonFiniteBursts(float[] clean) {
        float[] x = clean.clone();
        for (int at = 1000; at < x.length; at += 7919) {
            x[at] = Float.NaN;
            x[at + 1] = Float.POSITIVE_INFINITY;
            x[at + 2] = Float.NEGATIVE_INFINITY;
        }
        return x;
    }

    @Test
    void nonFiniteInputNeverReachesTheOutput() {
        float[] input = withNonFiniteBursts(noisySpeechLike(RATE_HZ, 21));
        Map<String, Object> ready = render(input, Map.of(), List.of());
        assertEquals("ready", readyState(ready));
        assertFiniteAndSized(floats((String) ready.get("outputBase64")), input.length);

        Map<String, Object> fallback = render(input, Map.of("wasmUrl", server.url("/fixtures/absent.wasm")),
                List.of());
        assertEquals("fallback", readyState(fallback));
        float[] output = floats((String) fallback.get("outputBase64"));
        assertFiniteAndSized(output, input.length);
        for (int n = RING_DELAY; n < output.length; n++) {
            float x = input[n - RING_DELAY];
            assertEquals(Float.isFinite(x) ? x : 0f, output[n], 0f, "passthrough sample " + n);
        }
    }

    @Test
    void missingWasmFallsBackToPassthrough() {
        float[] input = noisySpeechLike(RATE_HZ / 2, 10);
        Map<String, Object> result = render(input, Map.of("wasmUrl", server.url("/fixtures/absent.wasm")), List.of());
        List<Map<String, Object>> fallbacks = events(result, "fallback");
        assertEquals(1, fallbacks.size());
        assertTrue(((String) fallbacks.get(0).get("reason")).contains("404"), fallbacks.toString());
        assertPassthrough(input, floats((String) result.get("outputBase64")));
    }

    @Test
    void aContextNotAt48kHzFallsBackToPassthrough() {
        float[] input = noisySpeechLike(RATE_HZ / 2, 15);
        Map<String, Object> result = render(input, Map.of(), List.of(), 44_100);
        List<Map<String, Object>> fallbacks = events(result, "fallback");
        assertEquals(1, fallbacks.size(), "events: " + result.get("events"));
        assertTrue(((String) fallbacks.get(0).get("reason")).contains("44100 Hz"), fallbacks.toString());
        assertPassthrough(input, floats((String) result.get("outputBase64")));
    }

    @Test
    void missingTeaVmRuntimeFallsBackToPassthrough() {
        float[] input = noisySpeechLike(RATE_HZ / 2, 14);
        Map<String, Object> result = render(input,
                Map.of("runtimeUrl", server.url("/fixtures/absent-runtime.js")), List.of());
        List<Map<String, Object>> fallbacks = events(result, "fallback");
        assertEquals(1, fallbacks.size(), "events: " + result.get("events"));
        assertTrue(((String) fallbacks.get(0).get("reason")).contains("TeaVM runtime"), fallbacks.toString());
        assertPassthrough(input, floats((String) result.get("outputBase64")));
    }

    @Test
    void modelFailingItsChecksumFallsBackToPassthrough() {
        byte[] model = "weights that were tampered with".getBytes(StandardCharsets.US_ASCII);
        server.putFixture("tampered.bin", model);
        String wrongSha = "0".repeat(64);
        float[] input = noisySpeechLike(RATE_HZ / 2, 11);
        Map<String, Object> result = render(input,
                Map.of("modelUrl", server.url("/fixtures/tampered.bin"), "modelSha256", wrongSha), List.of());
        List<Map<String, Object>> fallbacks = events(result, "fallback");
        assertEquals(1, fallbacks.size(), "events: " + result.get("events"));
        assertTrue(((String) fallbacks.get(0).get("reason")).contains("SHA-256"), fallbacks.toString());
        assertPassthrough(input, floats((String) result.get("outputBase64")));
    }

    @Test
    void modelTheDenoiserRejectsFallsBackWithItsReason() throws Exception {
        byte[] model = "not a weights file".getBytes(StandardCharsets.US_ASCII);
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(model));
        server.putFixture("garbage.bin", model);
        server.putFixture("manifest.json", ("{\"version\":\"test-1\",\"sha256\":\"" + sha
                + "\",\"file\":\"garbage.bin\"}").getBytes(StandardCharsets.UTF_8));
        String jvmReason;
        try {
            Denoiser.create(model);
            throw new AssertionError("the JVM denoiser accepted garbage as a model");
        } catch (IllegalArgumentException e) {
            jvmReason = e.getMessage();
        }
        float[] input = noisySpeechLike(RATE_HZ / 2, 12);
        Map<String, Object> result = render(input, Map.of("manifestUrl", server.url("/fixtures/manifest.json")),
                List.of());
        List<Map<String, Object>> fallbacks = events(result, "fallback");
        assertEquals(1, fallbacks.size(), "events: " + result.get("events"));
        assertEquals("model rejected: " + jvmReason, fallbacks.get(0).get("reason"));
        float[] output = floats((String) result.get("outputBase64"));
        assertFiniteAndSized(output, input.length);
        assertPassthrough(input, output);
    }

    @Test
    @SuppressWarnings("unchecked")
    void sustainedOverloadBypassesAndRecovers() {
        float[] input = noisySpeechLike(3 * RATE_HZ, 13);
        Map<String, Object> overload = Map.of("budgetMs", 5, "sustainBatches", 2, "holdFrames", 50);
        Map<String, Object> options = Map.of("overload", overload, "statsBatchFrames", 10);
        // 20 ms of simulated compute per 10 ms frame from 0.5 s to 1.5 s.
        List<Map<String, Object>> load = List.of(
                automation("testExtraComputeMs", 0.5, 20), automation("testExtraComputeMs", 1.5, 0));
        Map<String, Object> result = render(input, options, load);
        float[] output = floats((String) result.get("outputBase64"));
        assertFiniteAndSized(output, input.length);

        List<Map<String, Object>> overloads = events(result, "overload");
        assertTrue(overloads.size() >= 2, "overload events: " + overloads);
        Map<String, Object> first = overloads.get(0);
        Map<String, Object> last = overloads.get(overloads.size() - 1);
        assertEquals(Boolean.TRUE, first.get("active"));
        int startFrame = ((Number) first.get("frame")).intValue();
        // Two batches of ten frames over budget, counted from the first loaded frame (frame 50).
        assertTrue(startFrame >= 50 + 2 * 10 - 1 && startFrame <= 50 + 3 * 10, "bypass began at frame " + startFrame);
        assertEquals(Boolean.FALSE, last.get("active"));
        int endFrame = ((Number) last.get("frame")).intValue();
        assertTrue(endFrame >= 150, "recovered at frame " + endFrame + " while still loaded");
        Map<String, Object> stats = (Map<String, Object>) result.get("stats");
        assertEquals(Boolean.FALSE, stats.get("overloaded"));
        assertTrue(((Number) stats.get("overloads")).intValue() >= 1);
    }
}
