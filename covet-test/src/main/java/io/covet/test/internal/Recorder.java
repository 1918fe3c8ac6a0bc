package io.covet.test.internal;

import io.covet.core.pipeline.Interceptor;
import io.covet.core.pipeline.StatementContext;
import io.covet.core.pipeline.StatementKind;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * The interceptor a {@code @CovetTest} database runs with: hands each statement to the captures under way and
 * counts the result streams (cursors) that are open. One per test class and engine.
 */
public final class Recorder implements Interceptor {
    private static volatile Recorder current;

    private final List<Capture> captures = new CopyOnWriteArrayList<>();
    private final AtomicInteger openStreams = new AtomicInteger();

    /** The statements seen while one capture was on. */
    public static final class Capture {
        private final List<StatementContext> seen = new ArrayList<>();

        synchronized void add(StatementContext c) {
            seen.add(c);
        }

        /** What was seen, in order. */
        public synchronized List<StatementContext> statements() {
            return List.copyOf(seen);
        }
    }

    /** The recorder of the running test. */
    public static Recorder current() {
        Recorder r = current;
        if (r == null) {
            throw new IllegalStateException("statements can be counted only inside a test of a @CovetTest class "
                    + "(the extension installs the counter on the databases it opens)");
        }
        return r;
    }

    static void activate(Recorder r) {
        current = r;
    }

    static void deactivate(Recorder r) {
        if (current == r) {
            current = null;
        }
    }

    /** Starts a capture. */
    public Capture start() {
        Capture c = new Capture();
        captures.add(c);
        return c;
    }

    /** Ends a capture. */
    public void stop(Capture c) {
        captures.remove(c);
    }

    int openStreams() {
        return openStreams.get();
    }

    void resetStreams() {
        openStreams.set(0);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T intercept(Chain<T> chain) {
        StatementContext ctx = chain.context();
        if (ctx.kind() != StatementKind.TRANSACTION) {
            for (Capture c : captures) {
                c.add(ctx);
            }
        }
        T result = chain.proceed();
        if (ctx.kind() == StatementKind.STREAM && result instanceof Stream<?> s) {
            openStreams.incrementAndGet();
            java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();
            return (T) s.onClose(() -> {
                if (closed.compareAndSet(false, true)) {
                    openStreams.decrementAndGet();
                }
            });
        }
        return result;
    }
}
