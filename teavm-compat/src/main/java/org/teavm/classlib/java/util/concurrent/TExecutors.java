package org.teavm.classlib.java.util.concurrent;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * {@code java.util.concurrent.Executors} for a single-threaded Wasm module: every "pool" runs a task to completion
 * inside {@code submit}, so the results and exceptions JTransforms waits for are already there when it asks.
 */
public final class TExecutors {
    private TExecutors() {
    }

    public static TExecutorService newCachedThreadPool(TThreadFactory ignoredFactory) {
        return new CallerRunsExecutorService();
    }

    public static TExecutorService newCachedThreadPool() {
        return new CallerRunsExecutorService();
    }

    public static TExecutorService newFixedThreadPool(int ignoredThreads) {
        return new CallerRunsExecutorService();
    }

    public static TExecutorService newFixedThreadPool(int ignoredThreads, TThreadFactory ignoredFactory) {
        return new CallerRunsExecutorService();
    }

    public static TThreadFactory defaultThreadFactory() {
        return task -> {
            throw new UnsupportedOperationException("threads are not available in WebAssembly");
        };
    }

    private static final class CallerRunsExecutorService implements TExecutorService {
        private boolean shutdown;

        @Override
        public <T> TFuture<T> submit(Callable<T> task) {
            try {
                return new CompletedFuture<>(task.call(), null);
            } catch (Exception e) {
                return new CompletedFuture<>(null, e);
            }
        }

        @Override
        public TFuture<?> submit(Runnable task) {
            try {
                task.run();
                return new CompletedFuture<>(null, null);
            } catch (RuntimeException e) {
                return new CompletedFuture<>(null, e);
            }
        }

        @Override
        public void execute(Runnable task) {
            task.run();
        }

        @Override
        public void shutdown() {
            shutdown = true;
        }

        @Override
        public List<Runnable> shutdownNow() {
            shutdown = true;
            return new ArrayList<>();
        }

        @Override
        public boolean isShutdown() {
            return shutdown;
        }

        @Override
        public boolean isTerminated() {
            return shutdown;
        }

        @Override
        public boolean awaitTermination(long timeout, TimeUnit unit) {
            return true;
        }
    }

    private static final class CompletedFuture<V> implements TFuture<V> {
        private final V value;
        private final Exception failure;

        CompletedFuture(V value, Exception failure) {
            this.value = value;
            this.failure = failure;
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            return false;
        }

        @Override
        public boolean isCancelled() {
            return false;
        }

        @Override
        public boolean isDone() {
            return true;
        }

        @Override
        public V get() throws ExecutionException {
            if (failure != null) {
                throw new ExecutionException(failure);
            }
            return value;
        }

        @Override
        public V get(long timeout, TimeUnit unit) throws ExecutionException {
            return get();
        }
    }
}
