package dev.hush.wasm;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/** The size budget for what a call page downloads before it can denoise. */
class WasmBuildBudgetTest {
    private static final long MAX_WASM_BYTES = 500 * 1024;

    @Test
    void wasmFitsTheBudget() throws IOException {
        try (InputStream in = WasmBuildBudgetTest.class.getClassLoader().getResourceAsStream("hush-wasm/hush-dsp.wasm")) {
            assertNotNull(in, "hush-wasm/hush-dsp.wasm is not on the class path: the TeaVM build did not run");
            long size = in.readAllBytes().length;
            assertTrue(size <= MAX_WASM_BYTES, "hush-dsp.wasm is " + size + " bytes, budget " + MAX_WASM_BYTES);
        }
    }
}
