package io.covet.core.replica;

import io.covet.core.CovetConfiguration;
import io.covet.core.Database;
import io.covet.core.DatabaseConfig;
import io.covet.core.engine.Engine;
import io.covet.core.error.ConfigurationException;
import io.covet.core.error.UnsupportedFeature;
import io.covet.testing.ReplicaEngines;
import io.covet.testing.ReplicaPair;
import io.covet.testing.TempFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Replica configuration: the builder's checks, the {@code covet.properties} keys, SQLite refused, and nodes whose
 * live role contradicts the configuration reported when the database opens.
 */
class ReplicaConfigTest {

    @Test
    void theBuilderChecksEverySettingAtOnce() {
        assertThatThrownBy(() -> ReplicaConfig.builder().build()).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("no replica given");
        assertThatThrownBy(() -> ReplicaConfig.builder().replica("postgresql://h/db", 0, Duration.ZERO)
                .lagCheckInterval(Duration.ofMillis(1)).acquireTimeout(Duration.ofMillis(10)).build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("replica #1: weight must be at least 1, was 0")
                .hasMessageContaining("replica #1: maximum lag must be positive")
                .hasMessageContaining("lag check interval must be at least 10ms")
                .hasMessageContaining("replica acquire timeout must be at least 250ms");
        ReplicaConfig c = ReplicaConfig.builder().maxLag(Duration.ofSeconds(5))
                .replica("postgresql://u:secret@h1/db").replica("postgresql://h2/db", 2, Duration.ofSeconds(9)).build();
        assertThat(c.nodes()).extracting(ReplicaConfig.Node::maxLag)
                .containsExactly(Duration.ofSeconds(5), Duration.ofSeconds(9));
        assertThat(c.nodes().get(0).toString()).doesNotContain("secret");
        assertThat(c.balancing()).isEqualTo(ReplicaConfig.Balancing.ROUND_ROBIN);
        assertThat(c.fallback()).isEqualTo(ReplicaConfig.Fallback.PRIMARY);
    }

    @Test
    void propertiesConfigureReplicasWithWeightsAndLags() {
        CovetConfiguration conf = CovetConfiguration.fromSettings(Map.of(
                "covet.databases.default.url", "postgresql://u:p@primary/app",
                "covet.databases.default.replicas", "postgresql://r1/app, postgresql://r2/app",
                "covet.databases.default.replica.weights", "3,1",
                "covet.databases.default.replica.max-lags", "10s,2s",
                "covet.databases.default.replica.balancing", "least-outstanding",
                "covet.databases.default.replica.fallback", "fail",
                "covet.databases.default.replica.lag-check-interval", "250ms",
                "covet.databases.default.replica.read-your-writes-timeout", "100ms"), Map.of(), Optional.empty());
        ReplicaConfig r = conf.database("default").orElseThrow().replicas().orElseThrow();
        assertThat(r.nodes()).extracting(ReplicaConfig.Node::url).containsExactly("postgresql://r1/app",
                "postgresql://r2/app");
        assertThat(r.nodes()).extracting(ReplicaConfig.Node::weight).containsExactly(3, 1);
        assertThat(r.nodes()).extracting(ReplicaConfig.Node::maxLag).containsExactly(Duration.ofSeconds(10),
                Duration.ofSeconds(2));
        assertThat(r.balancing()).isEqualTo(ReplicaConfig.Balancing.LEAST_OUTSTANDING);
        assertThat(r.fallback()).isEqualTo(ReplicaConfig.Fallback.FAIL);
        assertThat(r.lagCheckInterval()).isEqualTo(Duration.ofMillis(250));
        assertThat(r.readYourWritesTimeout()).isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void badReplicaPropertiesAreReportedByName() {
        assertThatThrownBy(() -> CovetConfiguration.fromSettings(Map.of(
                "covet.databases.default.url", "postgresql://primary/app",
                "covet.databases.default.replicas", "postgresql://r1/app",
                "covet.databases.default.replica.weights", "3,1",
                "covet.databases.default.replica.balancing", "random",
                "covet.databases.default.replica.max-lagg", "5s"), Map.of(), Optional.empty()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("replica.weights has 2 value(s) for 1 replica(s)")
                .hasMessageContaining("replica.balancing must be one of round-robin, weighted, least-outstanding, "
                        + "was 'random'")
                .hasMessageContaining("unknown key 'replica.max-lagg'");
        assertThatThrownBy(() -> CovetConfiguration.fromSettings(Map.of(
                "covet.databases.default.url", "postgresql://primary/app",
                "covet.databases.default.replica.max-lag", "5s"), Map.of(), Optional.empty()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("replica.max-lag is set but replicas (the replica URLs) is not");
    }

    @Test
    void sqliteWithReplicasIsRefused() throws Exception {
        Path dir = Files.createTempDirectory("covet-replicas");
        try {
            DatabaseConfig config = DatabaseConfig.builder("local", "sqlite:" + dir.resolve("a.db"))
                    .replicas(ReplicaConfig.builder().replica("sqlite:" + dir.resolve("b.db")).build()).build();
            assertThatThrownBy(() -> Database.open(config)).isInstanceOf(UnsupportedFeature.class)
                    .hasMessageContaining("read replicas (database 'local') is not supported by SQLite")
                    .hasMessageContaining("use PostgreSQL streaming standbys or MariaDB GTID replicas");
            assertThat(dir.resolve("a.db")).doesNotExist();
        } finally {
            TempFiles.deleteTree(dir);
        }
    }

    @ReplicaEngines
    void aPrimaryListedAsReplicaIsReportedAtStartup(ReplicaPair pair) {
        DatabaseConfig config = DatabaseConfig.builder("app", pair.primaryUrl())
                .replicas(ReplicaConfig.builder().replica(pair.primaryUrl()).build()).build();
        assertThatThrownBy(() -> Database.open(config)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("replica #1 of database 'app' (127.0.0.1:" + Nodes.primaryPort(pair)
                        + ") is a primary, not a replica")
                .hasMessageNotContaining("covet:covet");
    }

    @ReplicaEngines
    void aReplicaOfAnotherEngineIsRefused(ReplicaPair pair) {
        String other = pair.engine() == Engine.POSTGRESQL ? "mariadb://127.0.0.1:1/x" : "postgresql://127.0.0.1:1/x";
        DatabaseConfig config = DatabaseConfig.builder("app", pair.primaryUrl())
                .replicas(ReplicaConfig.builder().replica(other).build()).build();
        assertThatThrownBy(() -> Database.open(config)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("replica #1 of database 'app' is")
                .hasMessageContaining("a replica must be of its primary's engine");
    }

    @ReplicaEngines
    void aWritableReplicaIsReportedAtStartup(ReplicaPair pair) throws Exception {
        if (pair.engine() != Engine.MARIADB) {
            return; // a PostgreSQL standby cannot be made writable
        }
        String url = pair.replicaUrl();
        try (Connection admin = pair.control().replicaConnection(); Statement st = admin.createStatement()) {
            st.execute("SET GLOBAL read_only = 0");
            try {
                DatabaseConfig config = DatabaseConfig.builder("app", pair.primaryUrl())
                        .replicas(ReplicaConfig.builder().replica(url).build()).build();
                assertThatThrownBy(() -> Database.open(config)).isInstanceOf(ConfigurationException.class)
                        .hasMessageContaining("replicates but accepts writes (read_only is off)")
                        .hasMessageContaining("set read_only=1 on it");
            } finally {
                st.execute("SET GLOBAL read_only = 1");
            }
        }
    }
}
