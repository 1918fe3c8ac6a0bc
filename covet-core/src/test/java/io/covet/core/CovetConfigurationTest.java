package io.covet.core;

import io.covet.core.error.ConfigurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CovetConfigurationTest {

    @Test
    void readsPropertiesWithSeveralNamedDatabases(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("covet.properties");
        Files.writeString(f, """
                covet.databases.default.url=sqlite:app.db
                covet.databases.default.query-timeout=1500ms
                covet.databases.analytics.url=postgresql://reporter@warehouse:5432/stats
                covet.databases.analytics.password=from-file
                covet.databases.analytics.max-pool-size=3
                covet.databases.analytics.driver.sslmode=require
                """);
        CovetConfiguration c = CovetConfiguration.load(f, Map.of());
        assertThat(c.databases()).containsOnlyKeys("default", "analytics");
        assertThat(c.database("default").orElseThrow().queryTimeout()).isEqualTo(Duration.ofMillis(1500));
        DatabaseConfig a = c.database("analytics").orElseThrow();
        assertThat(a.maxPoolSize()).isEqualTo(3);
        assertThat(a.url().orElseThrow().password()).hasValue("from-file");
        assertThat(a.driverProperties()).containsEntry("sslmode", "require");
        assertThat(a.toString()).doesNotContain("from-file");
    }

    @Test
    void readsYamlAndLetsTheEnvironmentOverride(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("covet.yaml");
        Files.writeString(f, """
                covet:
                  databases:
                    default:
                      url: sqlite:from-yaml.db
                    analytics:
                      url: mariadb://bi@olap:3306/bi
                      query-timeout: PT30S
                """);
        CovetConfiguration c = CovetConfiguration.load(f, Map.of(
                "COVET_DATABASE_URL", "sqlite:from-env.db",
                "COVET_DATABASES_ANALYTICS_PASSWORD", "env-secret",
                "COVET_DATABASES_AUDIT_URL", "sqlite:audit.db"));
        assertThat(c.database("default").orElseThrow().url().orElseThrow().database()).isEqualTo("from-env.db");
        assertThat(c.database("analytics").orElseThrow().url().orElseThrow().password()).hasValue("env-secret");
        assertThat(c.database("analytics").orElseThrow().queryTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.database("audit")).isPresent();
    }

    @Test
    void readsTheProjectSettingsRelativeToTheFile(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("covet.yaml");
        Files.writeString(f, """
                covet:
                  project:
                    models: [com.example.shop, com.example.billing]
                    migrations: db/migrations
                    classpath: target/classes, lib/models.jar
                """);
        CovetConfiguration.Project p = CovetConfiguration.load(f, Map.of()).project();
        assertThat(p.models()).containsExactly("com.example.shop", "com.example.billing");
        assertThat(p.migrations()).hasValue(dir.toAbsolutePath().resolve("db/migrations"));
        assertThat(p.classpath()).containsExactly(dir.toAbsolutePath().resolve("target/classes"),
                dir.toAbsolutePath().resolve("lib/models.jar"));

        assertThat(CovetConfiguration.fromSettings(Map.of(), Map.of(), Optional.empty()).project())
                .isEqualTo(new CovetConfiguration.Project(List.of(), Optional.empty(), List.of()));
        assertThatThrownBy(() -> CovetConfiguration.fromSettings(Map.of("covet.project.model", "x"), Map.of(),
                Optional.empty())).hasMessageContaining("unknown setting 'covet.project.model': project settings are "
                + "covet.project.models|migrations|classpath");
    }

    @Test
    void reportsEveryProblemAtOnce() {
        assertThatThrownBy(() -> CovetConfiguration.fromSettings(Map.of(
                        "covet.databases.default.url", "postgresql://u:pw-123@h:xx/db",
                        "covet.databases.default.max-pool-sise", "4",
                        "covet.databases.other.query-timeout", "soon",
                        "covet.databases.other.url", "sqlite:o.db"),
                Map.of(), Optional.empty()))
                .isInstanceOf(ConfigurationException.class)
                .satisfies(e -> {
                    List<String> p = ((ConfigurationException) e).problems();
                    assertThat(p).hasSize(3);
                    assertThat(String.join("\n", p))
                            .contains("unknown key 'max-pool-sise'")
                            .contains("query-timeout must be a duration")
                            .contains("the port 'xx' is not a number")
                            .doesNotContain("pw-123");
                });
    }

    @Test
    void builderValidatesEverySettingTogether() {
        assertThatThrownBy(() -> DatabaseConfig.builder("Bad Name").url("sqlite::memory:").maxPoolSize(0)
                .connectionTimeout(Duration.ofMillis(10)).streamFetchSize(0).build())
                .isInstanceOf(ConfigurationException.class)
                .satisfies(e -> assertThat(((ConfigurationException) e).problems()).hasSize(4));
        assertThatThrownBy(() -> DatabaseConfig.builder("default").url("sqlite::memory:").maxPoolSize(4).build())
                .hasMessageContaining("maxPoolSize must be 1 for sqlite::memory:");
    }

    @Test
    void registryOpensLazilyAndNamesWhatIsConfigured() {
        try (Databases dbs = Databases.of(List.of(DatabaseConfig.builder("default", "sqlite::memory:").build(),
                DatabaseConfig.builder("analytics", "sqlite::memory:").build()))) {
            assertThat(dbs.names()).containsExactly("default", "analytics");
            Database main = dbs.defaultDatabase();
            assertThat(dbs.get("default")).isSameAs(main);
            assertThat(dbs.get("analytics")).isNotSameAs(main);
            main.sql("CREATE TABLE t (x INT)").execute();
            main.sql("INSERT INTO t VALUES (1)").execute();
            assertThat(main.sql("SELECT x FROM t").list(rs -> rs.getInt(1))).containsExactly(1);
            assertThatThrownBy(() -> dbs.get("reports")).hasMessageContaining("no database named 'reports'")
                    .hasMessageContaining("configured: default, analytics");
        }
    }

    @Test
    void observabilitySettingsAreKeptVerbatimAndCopiedByToBuilder() {
        Map<String, String> settings = new java.util.TreeMap<>();
        settings.put("covet.databases.main.url", "sqlite::memory:");
        settings.put("covet.databases.main.slow-query-threshold", "250ms");
        settings.put("covet.databases.main.observe.n-plus-one", "strict");
        DatabaseConfig c = CovetConfiguration.fromSettings(settings, Map.of("COVET_DATABASES_MAIN_SLOW_QUERY_THRESHOLD",
                "1s"), java.util.Optional.empty()).database("main").orElseThrow();
        assertThat(c.observability()).containsEntry("slow-query-threshold", "1s")
                .containsEntry("observe.n-plus-one", "strict");
        io.micrometer.core.instrument.simple.SimpleMeterRegistry registry =
                new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
        io.covet.core.tx.TransactionListener listener = (db, o) -> io.covet.core.tx.TransactionListener.Block.NONE;
        DatabaseConfig copy = c.toBuilder().poolMetrics(registry).transactionListener(listener).build();
        assertThat(copy.observability()).isEqualTo(c.observability());
        assertThat(copy.url()).isEqualTo(c.url());
        assertThat(copy.maxPoolSize()).isEqualTo(c.maxPoolSize());
        assertThat(copy.poolMetrics()).containsSame(registry);
        assertThat(copy.transactionListeners()).containsExactly(listener);
        assertThat(c.poolMetrics()).isEmpty();
        assertThat(c.transactionListeners()).isEmpty();
        assertThatThrownBy(() -> DatabaseConfig.builder("main", "sqlite::memory:").observability("trace", "on").build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("observability setting 'trace'");
    }

    @Test
    void toBuilderKeepsCredentialsAndInterceptors() {
        io.covet.core.pipeline.Interceptor i = new io.covet.core.pipeline.Interceptor() {
        };
        DatabaseConfig c = DatabaseConfig.builder("main", "postgresql://app:s3cret@db.example:5432/app")
                .interceptor(i).queryTimeout(java.time.Duration.ofSeconds(3)).build();
        DatabaseConfig copy = c.toBuilder().build();
        assertThat(copy.url().orElseThrow().password()).contains("s3cret");
        assertThat(copy.interceptors()).containsExactly(i);
        assertThat(copy.queryTimeout()).isEqualTo(java.time.Duration.ofSeconds(3));
    }
}
