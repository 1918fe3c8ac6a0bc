package io.covet.testing;

import java.lang.reflect.Method;
import java.util.List;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * The kinds of thread a concurrency test runs its workers on: platform threads always, and virtual threads on a JDK
 * that has them (21 and later). The build targets Java 17, so virtual threads are created through reflection
 * ({@code Thread.ofVirtual()}), chosen by {@link Runtime#version()}.
 */
public enum Threads {
    /** Ordinary platform threads. */
    PLATFORM,
    /** Virtual threads ({@code Thread.ofVirtual()}); only on JDK 21+. */
    VIRTUAL;

    /** The kinds this JVM can run: platform, plus virtual on JDK 21+. */
    public static List<Threads> available() {
        return Runtime.version().feature() >= 21 ? List.of(PLATFORM, VIRTUAL) : List.of(PLATFORM);
    }

    /** A factory of unstarted threads of this kind, the n-th (from 0) named by {@code name}. */
    public ThreadFactory factory(IntFunction<String> name) {
        AtomicInteger n = new AtomicInteger();
        if (this == PLATFORM) {
            return r -> new Thread(r, name.apply(n.getAndIncrement()));
        }
        try {
            Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
            Method unstarted = Class.forName("java.lang.Thread$Builder").getMethod("unstarted", Runnable.class);
            return r -> {
                try {
                    Thread t = (Thread) unstarted.invoke(builder, r);
                    t.setName(name.apply(n.getAndIncrement()));
                    return t;
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("cannot create a virtual thread", e);
                }
            };
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("virtual threads need JDK 21+, this is " + Runtime.version(), e);
        }
    }

    /** Whether {@code t} is a virtual thread (false on JDKs without them). */
    public static boolean isVirtual(Thread t) {
        try {
            return (boolean) Thread.class.getMethod("isVirtual").invoke(t);
        } catch (NoSuchMethodException e) {
            return false;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
