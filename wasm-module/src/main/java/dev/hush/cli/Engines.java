package dev.hush.cli;

import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The one place where engine names map to implementations. To add an engine (e.g. the WebAssembly build run
 * by a WASM runtime), replace its factory here; the command line picks it up by name.
 */
public final class Engines {
    public static final String DEFAULT = "jvm";

    /** Opens an engine for one run; the model has already been read into memory (null = none given). */
    @FunctionalInterface
    public interface Factory {
        Engine open(byte[] modelBytesOrNull) throws IOException;
    }

    private static final Map<String, Factory> FACTORIES = new LinkedHashMap<>();

    static {
        FACTORIES.put("jvm", JvmEngine::new);
        FACTORIES.put("wasm", WasmEngine::new);
        FACTORIES.put("jvm-no-postfilter", bytes -> new JvmEngine(bytes, JvmEngine.Variant.NO_POSTFILTER));
        FACTORIES.put("jvm-assist", bytes -> new JvmEngine(bytes, JvmEngine.Variant.ASSIST));
        FACTORIES.put("jvm-no-priming", bytes -> new JvmEngine(bytes, JvmEngine.Variant.NO_PRIMING));
    }

    private Engines() {
    }

    public static Set<String> names() {
        return Collections.unmodifiableSet(FACTORIES.keySet());
    }

    /** Every engine by name, in the order they are listed to users. */
    public static Map<String, Factory> all() {
        return Collections.unmodifiableMap(FACTORIES);
    }

    /** Null when the name is not an engine at all. */
    public static Factory factory(String name) {
        return FACTORIES.get(name);
    }
}
