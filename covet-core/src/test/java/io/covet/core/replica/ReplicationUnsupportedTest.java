package io.covet.core.replica;

import io.covet.core.engine.Engine;
import io.covet.core.error.UnsupportedFeature;
import io.covet.testing.Scratch;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** SQLite has no replicas (MySQL's GTIDs are not MariaDB's): every primitive is refused with the alternative. */
class ReplicationUnsupportedTest {

    @Test
    void sqliteRefusesEveryPrimitive() throws Exception {
        try (Scratch scratch = Scratch.on(Engine.SQLITE); Connection c = scratch.rawConnection()) {
            Replication replication = Replication.of(Engine.SQLITE);
            CausalToken foreign = CausalToken.parse("postgresql:0/1");
            for (Runnable call : new Runnable[] {
                    () -> replication.status(c),
                    () -> replication.lag(c, c),
                    () -> replication.capture(c),
                    () -> replication.await(c, foreign, Duration.ZERO)}) {
                assertThatThrownBy(call::run)
                        .isInstanceOf(UnsupportedFeature.class)
                        .hasMessageContaining("is not supported by SQLite")
                        .hasMessageContaining("use PostgreSQL (streaming standbys) or MariaDB (GTID replicas)")
                        .satisfies(e -> org.assertj.core.api.Assertions
                                .assertThat(((UnsupportedFeature) e).engine()).isEqualTo(Engine.SQLITE));
            }
        }
    }

    @Test
    void mySqlIsRefusedNamingMariaDb() {
        assertThatThrownBy(() -> Replication.of(Engine.MYSQL).status(null))
                .isInstanceOf(UnsupportedFeature.class)
                .hasMessageContaining("MySQL")
                .hasMessageContaining("use MariaDB or PostgreSQL");
    }

    @Test
    void tokensOfAnotherEngineAndNegativeTimeoutsAreRefused() {
        Replication pg = Replication.of(Engine.POSTGRESQL);
        CausalToken maria = CausalToken.parse("mariadb:0-1-5");
        // Both are refused before the connection is used.
        assertThatThrownBy(() -> pg.await(null, maria, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("comes from MariaDB and cannot be waited for on PostgreSQL");
        assertThatThrownBy(() -> pg.await(null, CausalToken.parse("postgresql:0/1"), Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("negative timeout");
    }
}
