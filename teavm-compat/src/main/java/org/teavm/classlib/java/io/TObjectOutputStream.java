package org.teavm.classlib.java.io;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Java serialization is absent from TeaVM's classlib. JLargeArrays only serializes elements of
 * {@code ObjectLargeArray}, which the DSP never uses; the stand-in exists so those paths compile, and fails loudly.
 */
public class TObjectOutputStream extends OutputStream {
    public TObjectOutputStream(OutputStream out) throws IOException {
        throw new UnsupportedOperationException("Java serialization is not available in WebAssembly");
    }

    public void writeObject(Object object) throws IOException {
        throw new UnsupportedOperationException("Java serialization is not available in WebAssembly");
    }

    public void defaultWriteObject() throws IOException {
        throw new UnsupportedOperationException("Java serialization is not available in WebAssembly");
    }

    @Override
    public void write(int b) throws IOException {
        throw new UnsupportedOperationException("Java serialization is not available in WebAssembly");
    }
}
