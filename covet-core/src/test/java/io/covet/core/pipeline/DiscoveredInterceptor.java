package io.covet.core.pipeline;

import java.util.concurrent.atomic.AtomicInteger;

/** Listed in META-INF/services of the test class path, so discoverInterceptors(true) finds it. */
public final class DiscoveredInterceptor implements Interceptor {
    public final AtomicInteger count = new AtomicInteger();

    @Override
    public <T> T intercept(Chain<T> chain) {
        count.incrementAndGet();
        return chain.proceed();
    }
}
