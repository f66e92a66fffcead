package org.teavm.classlib.java.util.concurrent;

/** {@code java.util.concurrent.ThreadFactory}; referenced by JLargeArrays, never asked for a thread here. */
public interface TThreadFactory {
    Thread newThread(Runnable task);
}
