package io.covet.testing;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs a test once per real engine (SQLite, PostgreSQL, MariaDB), each time with a fresh, empty
 * {@link Scratch} database that is dropped afterwards.
 *
 * <pre>{@code
 * @AllEngines
 * void insertsAndReads(Scratch s) {
 *     Database db = s.db();
 *     …
 * }
 * }</pre>
 *
 * <p>The servers come from {@code scripts/test} (or {@code scripts/engines start}); a listed engine whose
 * server is missing fails the test, it is never skipped. {@code COVET_TEST_ENGINES=sqlite} narrows a local run;
 * under {@code CI=true} all three engines are required.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@ParameterizedTest(name = "{0}")
@ArgumentsSource(EngineSource.class)
public @interface AllEngines {
}
