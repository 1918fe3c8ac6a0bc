package io.covet.core.replica;

import io.covet.core.CovetConfiguration;
import io.covet.core.Database;
import io.covet.core.DatabaseConfig;
import io.covet.core.engine.Engine;
import io.covet.core.error.ConfigurationException;
import io.covet.core.error.UnsupportedFeature;
import io.covet.testing.ReplicaEngines;
import io.covet.testing.ReplicaPair;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The MariaDB heartbeat row: with it, a replica whose SQL thread is stopped (so {@code Seconds_Behind_Master} is
 * NULL) and that was never seen caught up still has a known lag, bounded by when the beat it holds was written;
 * without it the same replica's lag is unknown. PostgreSQL refuses the option.
 */
class ReplicaHeartbeatTest {

    @Test
    void theHeartbeatKeyIsReadFromProperties() {
        ReplicaConfig on = CovetConfiguration.fromSettings(Map.of(
                "covet.databases.default.url", "mariadb://u:p@primary/app",
                "covet.databases.default.replicas", "mariadb://r1/app",
                "covet.databases.default.replica.heartbeat", "true",
                "covet.databases.default.replica.role-check-interval", "2s"), Map.of(), Optional.empty())
                .database("default").orElseThrow().replicas().orElseThrow();
        assertThat(on.heartbeat()).isTrue();
        assertThat(on.roleCheckInterval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(ReplicaConfig.builder().replica("mariadb://r1/app").build().heartbeat()).isFalse();
        assertThatThrownBy(() -> CovetConfiguration.fromSettings(Map.of(
                "covet.databases.default.url", "mariadb://u:p@primary/app",
                "covet.databases.default.replicas", "mariadb://r1/app",
                "covet.databases.default.replica.heartbeat", "sometimes"), Map.of(), Optional.empty()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("replica.heartbeat must be true or false, was 'sometimes'");
    }

    @ReplicaEngines
    void aHeartbeatGivesTheLagOfAStoppedReplicaNeverSeenCaughtUp(ReplicaPair pair) throws Exception {
        DatabaseConfig.Builder config = DatabaseConfig.builder("app", pair.primaryUrl());
        if (pair.engine() == Engine.POSTGRESQL) {
            DatabaseConfig pg = config.replicas(ReplicaConfig.builder().replica(pair.replicaUrl()).heartbeat(true)
                    .build()).build();
            assertThatThrownBy(() -> Database.open(pg)).isInstanceOf(UnsupportedFeature.class)
                    .hasMessageContaining("a replica heartbeat row (database 'app') is not supported by PostgreSQL")
                    .hasMessageContaining("leave replica.heartbeat off");
            return;
        }
        long before = System.nanoTime();
        try (Database db = Nodes.open(pair, b -> b.replica(pair.replicaUrl()).heartbeat(true))) {
            assertThat(db.sql("SELECT COUNT(*) FROM covet_replica_heartbeat").onPrimary().list(rs -> rs.getInt(1)))
                    .containsExactly(1);
        }
        pair.control().awaitCaughtUp(Duration.ofSeconds(60)); // the replica holds a beat from that database
        pair.control().pauseReplay();
        Thread.sleep(300);
        try (Connection c = pair.primary(); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE after_pause (id INT PRIMARY KEY)"); // the replica is now behind
        }
        try (Database db = Nodes.open(pair, b -> b.replica(pair.replicaUrl()))) {
            ReplicaStatus s = db.replicas().orElseThrow().status().get(0);
            assertThat(s.lag()).as("no heartbeat: Seconds_Behind_Master is NULL, never seen caught up").isEmpty();
            assertThat(s.inRotation()).isFalse();
            assertThat(s.reason().orElseThrow()).startsWith("lag unknown");
        }
        try (Database db = Nodes.open(pair, b -> b.replica(pair.replicaUrl()).heartbeat(true))) {
            ReplicaStatus s = db.replicas().orElseThrow().status().get(0);
            long elapsed = System.nanoTime() - before;
            assertThat(s.lag()).as("heartbeat lag").isPresent();
            assertThat(s.lag().get()).isGreaterThanOrEqualTo(Duration.ofMillis(300))
                    .isLessThanOrEqualTo(Duration.ofNanos(elapsed));
            assertThat(s.inRotation()).as("within the default 30 s maximum").isTrue();
        } finally {
            pair.control().resumeReplay();
        }
        pair.control().awaitCaughtUp(Duration.ofSeconds(60));
        try (Connection r = pair.replica(); Statement st = r.createStatement();
             ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM covet_replica_heartbeat")) {
            rs.next();
            assertThat(rs.getInt(1)).as("the row replicates").isEqualTo(1);
        }
    }
}
