package dev.hush.teavm.sunmisc;

/**
 * Off-heap memory does not exist in a Wasm GC module. JLargeArrays only goes off-heap for arrays too large
 * for a Java array, which the DSP never creates, so every method refuses loudly instead of corrupting data.
 */
public final class Unsafe {
    private static final Unsafe THE_UNSAFE = new Unsafe();

    private Unsafe() {
    }

    public static Unsafe getUnsafe() {
        return THE_UNSAFE;
    }

    private static UnsupportedOperationException offHeap() {
        return new UnsupportedOperationException("off-heap memory is not available in WebAssembly");
    }

    public long allocateMemory(long bytes) {
        throw offHeap();
    }

    public void freeMemory(long address) {
        throw offHeap();
    }

    public void setMemory(long address, long bytes, byte value) {
        throw offHeap();
    }

    public long arrayBaseOffset(Class<?> type) {
        throw offHeap();
    }

    public long arrayIndexScale(Class<?> type) {
        throw offHeap();
    }

    public byte getByte(long address) {
        throw offHeap();
    }

    public short getShort(long address) {
        throw offHeap();
    }

    public int getInt(long address) {
        throw offHeap();
    }

    public long getLong(long address) {
        throw offHeap();
    }

    public float getFloat(long address) {
        throw offHeap();
    }

    public double getDouble(long address) {
        throw offHeap();
    }

    public void putByte(long address, byte value) {
        throw offHeap();
    }

    public void putShort(long address, short value) {
        throw offHeap();
    }

    public void putInt(long address, int value) {
        throw offHeap();
    }

    public void putLong(long address, long value) {
        throw offHeap();
    }

    public void putFloat(long address, float value) {
        throw offHeap();
    }

    public void putDouble(long address, double value) {
        throw offHeap();
    }
}
