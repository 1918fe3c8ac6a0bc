package io.covet.core.pipeline;

import java.util.concurrent.atomic.AtomicInteger;

/** Counts statements; public with a no-arg constructor so that it can be named in covet.properties. */
public final class CountingInterceptor implements Interceptor {
    public final AtomicInteger count = new AtomicInteger();

    @Override
    public <T> T intercept(Chain<T> chain) {
        count.incrementAndGet();
        return chain.proceed();
    }
}
