package org.teavm.classlib.java.util.concurrent;

import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/** The subset of {@code java.util.concurrent.ExecutorService} that JLargeArrays and JTransforms call. */
public interface TExecutorService extends Executor {
    <T> TFuture<T> submit(Callable<T> task);

    TFuture<?> submit(Runnable task);

    void shutdown();

    java.util.List<Runnable> shutdownNow();

    boolean isShutdown();

    boolean isTerminated();

    boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException;
}
