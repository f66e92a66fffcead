package org.teavm.classlib.java.io;

import java.io.IOException;
import java.io.InputStream;

/** Counterpart of {@link TObjectOutputStream}: compiles, refuses at run time. */
public class TObjectInputStream extends InputStream {
    public TObjectInputStream(InputStream in) throws IOException {
        throw new UnsupportedOperationException("Java serialization is not available in WebAssembly");
    }

    public Object readObject() throws IOException, ClassNotFoundException {
        throw new UnsupportedOperationException("Java serialization is not available in WebAssembly");
    }

    public void defaultReadObject() throws IOException, ClassNotFoundException {
        throw new UnsupportedOperationException("Java serialization is not available in WebAssembly");
    }

    @Override
    public int read() throws IOException {
        throw new UnsupportedOperationException("Java serialization is not available in WebAssembly");
    }
}
