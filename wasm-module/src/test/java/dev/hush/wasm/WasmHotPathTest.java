package dev.hush.wasm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hush.cli.WasmEngine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The hot-path rule, checked on the compiled module: processing frames makes no call from WebAssembly into
 * JavaScript. Every import of the module is wrapped with a counter (hot-path-probe.mjs) while 1000 frames run.
 */
class WasmHotPathTest {
    @Test
    void framesMakeNoCallsIntoJavaScript() throws IOException, InterruptedException {
        Path node = WasmEngine.locateNode();
        Process process = new ProcessBuilder(node.toString(), "src/test/js/hot-path-probe.mjs",
                "target/classes/hush-wasm", "1000").redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "probe did not finish");
        assertEquals(0, process.exitValue(), output);
        assertTrue(output.startsWith("imports-during-frames 0\n"), "calls into JS while processing:\n" + output);
    }
}
