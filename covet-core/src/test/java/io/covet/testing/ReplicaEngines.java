package io.covet.testing;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs a test once per server engine with a read replica (PostgreSQL, MariaDB), each time with a fresh
 * {@link ReplicaPair}: a scratch database on the primary, the same database on its replica, and the
 * {@link ReplicaControl} that pauses, resumes, kills and restarts the replica.
 *
 * <p>The replicas come from {@code scripts/engines start} (which {@code scripts/test} and {@code .ci/run} run),
 * through {@code COVET_TEST_PG_REPLICA_URL} and {@code COVET_TEST_MARIADB_REPLICA_URL}. An engine selected by
 * {@code COVET_TEST_ENGINES} whose replica URL is missing fails the test, it is never skipped; under
 * {@code CI=true} both engines are required (see {@link EngineSource#selected()}). With
 * {@code COVET_TEST_ENGINES=sqlite} the test has no invocation.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@ParameterizedTest(name = "{0}", allowZeroInvocations = true)
@ArgumentsSource(ReplicaSource.class)
public @interface ReplicaEngines {
}
