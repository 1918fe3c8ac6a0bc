package io.covet.core.pool;

import io.covet.core.CovetConfiguration;
import io.covet.core.Database;
import io.covet.core.DatabaseConfig;
import io.covet.core.engine.Engine;
import io.covet.core.error.ConfigurationException;
import io.covet.testing.AllEngines;
import io.covet.testing.Scratch;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PoolConfigTest {

    @Test
    void everyProblemOfThePoolSettingsIsListedAtOnce() {
        assertThatThrownBy(() -> PoolSettings.builder().maxSize(4).minIdle(6)
                .acquireTimeout(Duration.ofMillis(-1)).maxLifetime(Duration.ofSeconds(-5))
                .idleTimeout(Duration.ofSeconds(3)).leakThreshold(Duration.ofMillis(-1))
                .sizing(SizingPolicy.dynamic(3)).build())
                .isInstanceOf(ConfigurationException.class)
                .satisfies(e -> assertThat(((ConfigurationException) e).problems()).containsExactlyInAnyOrder(
                        "pool minIdle (6) is above maxSize (4): lower minIdle or raise maxSize",
                        "pool acquireTimeout must be at least 250ms (HikariCP's floor), was PT-0.001S",
                        "pool maxLifetime must be zero (never) or positive, was PT-5S",
                        "pool idleTimeout must be zero (never) or at least 10s (HikariCP's floor), was PT3S",
                        "pool leakThreshold must be zero or positive, was PT-0.001S",
                        "dynamic sizing ceiling (3) must be above maxSize (4)"));
    }

    @Test
    void theDatabaseBuilderRefusesMinIdleAboveTheDefaultSize() {
        assertThatThrownBy(() -> DatabaseConfig.builder("main", "postgresql://h/db").minIdle(12).build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("minIdle (12) is above maxPoolSize (10)");
    }

    @Test
    void theOldSizeMethodsAndPoolSettingsAgreeWhicheverComesLast() {
        DatabaseConfig c = DatabaseConfig.builder("main", "postgresql://h/db").maxPoolSize(20)
                .pool(PoolSettings.builder().maxSize(7).leakThreshold(Duration.ofSeconds(5)).build()).build();
        assertThat(c.maxPoolSize()).isEqualTo(7);
        assertThat(c.pool().maxSize()).isEqualTo(7);
        assertThat(c.pool().leakThreshold()).isEqualTo(Duration.ofSeconds(5));
        DatabaseConfig d = c.toBuilder().maxPoolSize(9).connectionTimeout(Duration.ofSeconds(3)).build();
        assertThat(d.pool().maxSize()).isEqualTo(9);
        assertThat(d.pool().acquireTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(d.pool().leakThreshold()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void poolKeysOfCovetPropertiesAreReadAndUnknownHooksAndKeysAreAllReported() {
        CovetConfiguration conf = CovetConfiguration.fromSettings(Map.of(
                "covet.databases.main.url", "postgresql://h/db",
                "covet.databases.main.pool.max-size", "6",
                "covet.databases.main.pool.leak-threshold", "30s",
                "covet.databases.main.pool.on-connect", "SET application_name = 'x'; SET TIME ZONE 'UTC'",
                "covet.databases.main.pool.sizing", "overflow",
                "covet.databases.main.pool.sizing.extra", "3"), Map.of(), Optional.empty());
        PoolSettings p = conf.database("main").orElseThrow().pool();
        assertThat(p.maxSize()).isEqualTo(6);
        assertThat(p.leakThreshold()).isEqualTo(Duration.ofSeconds(30));
        assertThat(p.onConnectSql()).containsExactly("SET application_name = 'x'", "SET TIME ZONE 'UTC'");
        assertThat(p.sizing()).isEqualTo(SizingPolicy.overflow(3));

        assertThatThrownBy(() -> CovetConfiguration.fromSettings(Map.of(
                "covet.databases.main.url", "postgresql://h/db",
                "covet.databases.main.pool.on-borrow", "SELECT 1",
                "covet.databases.main.pool.max-sise", "3",
                "covet.databases.main.pool.min-idle", "-2",
                "covet.databases.main.pool.idle-timeout", "-5s",
                "covet.databases.main.pool.sizing", "elastic"), Map.of(), Optional.empty()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("database 'main': pool.on-borrow is not a hook: hooks are on-connect, "
                        + "on-checkout, on-checkin")
                .hasMessageContaining("pool.max-sise is not a pool setting")
                .hasMessageContaining("pool.idle-timeout must be a duration")
                .hasMessageContaining("pool.sizing must be fixed, dynamic or overflow, was 'elastic'")
                .hasMessageContaining("pool minIdle must be zero or positive, was -2");
    }

    @AllEngines
    void aMaxLifetimeAtOrAboveTheServersIdleCutoffIsRefusedWhenTheDatabaseOpens(Scratch s) {
        switch (s.engine()) {
            case MARIADB -> {
                // MariaDB's default wait_timeout is 8 h.
                assertThatThrownBy(() -> s.open(b -> b.pool(PoolSettings.builder()
                        .maxLifetime(Duration.ofHours(9)).build())))
                        .isInstanceOf(ConfigurationException.class)
                        .hasMessageContaining("pool maxLifetime PT9H is not below the server's wait_timeout of PT8H")
                        .hasMessageContaining("set maxLifetime a little below PT8H");
                assertThat(s.open(b -> b.pool(PoolSettings.builder().maxLifetime(Duration.ofHours(7)).build()))
                        .sql("SELECT 1").list()).hasSize(1);
            }
            case POSTGRESQL -> {
                // idle_session_timeout (0, off, by default) set for the pool's sessions through the driver.
                assertThatThrownBy(() -> s.open(b -> b.driverProperty("options", "-c idle_session_timeout=60000")
                        .pool(PoolSettings.builder().maxLifetime(Duration.ofMinutes(2))
                                .keepalive(Duration.ofSeconds(90)).build())))
                        .isInstanceOf(ConfigurationException.class)
                        .hasMessageContaining("pool maxLifetime PT2M is not below the server's idle_session_timeout "
                                + "of PT1M")
                        .hasMessageContaining("pool keepalive PT1M30S is not below the server's idle_session_timeout");
                assertThat(s.open(b -> b.pool(PoolSettings.builder().maxLifetime(Duration.ofMinutes(5)).build()))
                        .sql("SELECT 1").list()).hasSize(1);
            }
            default -> {
                // SQLite has no server-side idle timeout: any lifetime is accepted.
                Database db = s.open(b -> b.pool(PoolSettings.builder().maxLifetime(Duration.ofDays(2)).build()));
                assertThat(db.engine()).isEqualTo(Engine.SQLITE);
                assertThat(db.sql("SELECT 1").list()).hasSize(1);
            }
        }
    }
}
