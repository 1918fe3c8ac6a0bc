package io.covet.core.internal;

import io.covet.core.engine.Engine;
import io.covet.core.error.ConnectionFailure;
import io.covet.core.error.DatabaseUnavailable;
import io.covet.core.error.DeadlockDetected;
import io.covet.core.error.LockTimeout;
import io.covet.core.error.QueryTimeout;
import io.covet.core.error.SerializationFailure;
import io.covet.core.error.UniqueViolation;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the breaker counts and what a retry may fix, over each class of the hierarchy (the engines produce each of
 * them for real in ErrorClassificationTest and ServerDeathClassificationTest).
 */
class ResilienceRulesTest {
    private static final SQLException CAUSE = new SQLException("x", "00000");

    @Test
    void onlyAnUnhealthyServerCountsAgainstTheBreaker() {
        assertThat(ResilienceGuard.countsAgainstServer(new ConnectionFailure("lost", Engine.POSTGRESQL, null, CAUSE))).isTrue();
        assertThat(ResilienceGuard.countsAgainstServer(new QueryTimeout("slow", Engine.POSTGRESQL, null, CAUSE))).isTrue();
        assertThat(ResilienceGuard.countsAgainstServer(new DeadlockDetected("d", Engine.POSTGRESQL, null, CAUSE))).isFalse();
        assertThat(ResilienceGuard.countsAgainstServer(new SerializationFailure("s", Engine.POSTGRESQL, null, CAUSE))).isFalse();
        assertThat(ResilienceGuard.countsAgainstServer(new LockTimeout("l", Engine.POSTGRESQL, null, CAUSE))).isFalse();
        assertThat(ResilienceGuard.countsAgainstServer(new UniqueViolation("u", Engine.POSTGRESQL, null, CAUSE, null))).isFalse();
        assertThat(ResilienceGuard.countsAgainstServer(new DatabaseUnavailable("open", Engine.POSTGRESQL, "d", "OPEN", null)))
                .as("a refusal is not another failure of the server").isFalse();
    }

    @Test
    void retriesFixLostConnectionsAndContentionButNotTimeoutsOrRefusals() {
        assertThat(ResilienceGuard.retryable(new ConnectionFailure("lost", Engine.MARIADB, null, CAUSE))).isTrue();
        assertThat(ResilienceGuard.retryable(new DeadlockDetected("d", Engine.MARIADB, null, CAUSE))).isTrue();
        assertThat(ResilienceGuard.retryable(new SerializationFailure("s", Engine.MARIADB, null, CAUSE))).isTrue();
        assertThat(ResilienceGuard.retryable(new QueryTimeout("slow", Engine.MARIADB, null, CAUSE))).isFalse();
        assertThat(ResilienceGuard.retryable(new LockTimeout("l", Engine.MARIADB, null, CAUSE))).isFalse();
        assertThat(ResilienceGuard.retryable(new DatabaseUnavailable("open", Engine.MARIADB, "d", "OPEN", null))).isFalse();
    }
}
