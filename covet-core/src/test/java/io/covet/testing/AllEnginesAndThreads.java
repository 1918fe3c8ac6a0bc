package io.covet.testing;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Like {@link AllEngines}, once more per kind of worker thread: platform threads, and on JDK 21+ virtual threads as
 * well. The test takes {@code (Scratch s, Threads threads)} and makes its workers with {@link Threads#factory}.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@ParameterizedTest(name = "{0}, {1} threads")
@ArgumentsSource(EngineThreadsSource.class)
public @interface AllEnginesAndThreads {
}
