package io.covet.core.resilience;

import io.covet.core.CovetConfiguration;
import io.covet.core.DatabaseConfig;
import io.covet.core.error.ConfigurationException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The settings, their defaults, their validation and the covet.properties keys. */
class ResilienceSettingsTest {

    @Test
    void defaults() {
        ResilienceSettings d = ResilienceSettings.defaults();
        assertThat(d.circuitBreaker()).isTrue();
        assertThat(d.failureRateThreshold()).isEqualTo(50);
        assertThat(d.minimumCalls()).isEqualTo(5);
        assertThat(d.slidingWindow()).isEqualTo(20);
        assertThat(d.openDuration()).isEqualTo(Duration.ofSeconds(5));
        assertThat(d.probeQuery()).isEmpty();
        assertThat(d.maxAttempts()).isEqualTo(3);
        assertThat(d.initialBackoff()).isEqualTo(Duration.ofMillis(100));
        assertThat(d.backoffMultiplier()).isEqualTo(2.0);
        assertThat(d.jitter()).isEqualTo(0.5);
        assertThat(d.maxBackoff()).isEqualTo(Duration.ofSeconds(2));
        assertThat(d.retryReads()).isTrue();
        assertThat(d.maxConcurrentStatements()).isZero();
        assertThat(d.readOnly()).isFalse();
        assertThat(d.readFallback()).isEmpty();
        assertThat(DatabaseConfig.builder("default").url("sqlite:x.db").build().resilience()).isEmpty();
    }

    @Test
    void everyBadSettingIsListedAtOnce() {
        assertThatThrownBy(() -> ResilienceSettings.builder().failureRateThreshold(0).slidingWindow(3).minimumCalls(5)
                .openDuration(Duration.ZERO).maxAttempts(0).backoff(Duration.ofSeconds(1), 0.5, 1.5,
                        Duration.ofMillis(10)).bulkhead(-1, Duration.ofSeconds(-1)).probeQuery(" ").build())
                .isInstanceOf(ConfigurationException.class)
                .satisfies(e -> {
                    List<String> p = ((ConfigurationException) e).problems();
                    assertThat(p).hasSize(10);
                    assertThat(String.join("\n", p)).contains("failure-rate-threshold must be a percentage from 1 to 100, was 0")
                            .contains("minimum-calls must be from 1 to the sliding window (3), was 5")
                            .contains("max-attempts must be at least 1 (1: no retries), was 0")
                            .contains("jitter must be from 0 to below 1, was 1.5")
                            .contains("probe-query is blank");
                });
    }

    @Test
    void propertiesKeysBuildTheSettingsAndTheEnvironmentReachesThem() {
        CovetConfiguration c = CovetConfiguration.fromSettings(Map.of(
                "covet.databases.default.url", "sqlite:x.db",
                "covet.databases.default.resilience.failure-rate-threshold", "30",
                "covet.databases.default.resilience.open-duration", "2s",
                "covet.databases.default.resilience.max-attempts", "5",
                "covet.databases.default.resilience.initial-backoff", "50ms",
                "covet.databases.default.resilience.jitter", "0.2",
                "covet.databases.default.resilience.max-concurrent-statements", "8",
                "covet.databases.default.resilience.bulkhead-wait", "100ms",
                "covet.databases.default.resilience.read-only", "true",
                "covet.databases.other.url", "sqlite:y.db"),
                Map.of("COVET_DATABASES_DEFAULT_RESILIENCE_PROBE_QUERY", "SELECT 42"), Optional.empty());
        ResilienceSettings r = c.database("default").orElseThrow().resilience().orElseThrow();
        assertThat(r.failureRateThreshold()).isEqualTo(30);
        assertThat(r.openDuration()).isEqualTo(Duration.ofSeconds(2));
        assertThat(r.maxAttempts()).isEqualTo(5);
        assertThat(r.initialBackoff()).isEqualTo(Duration.ofMillis(50));
        assertThat(r.jitter()).isEqualTo(0.2);
        assertThat(r.maxConcurrentStatements()).isEqualTo(8);
        assertThat(r.bulkheadWait()).isEqualTo(Duration.ofMillis(100));
        assertThat(r.readOnly()).isTrue();
        assertThat(r.probeQuery()).hasValue("SELECT 42");
        assertThat(c.database("other").orElseThrow().resilience()).isEmpty();
        assertThat(CovetConfiguration.fromSettings(Map.of("covet.databases.default.url", "sqlite:x.db",
                        "covet.databases.default.resilience.enabled", "false"), Map.of(), Optional.empty())
                .database("default").orElseThrow().resilience()).isEmpty();
    }

    @Test
    void badPropertiesAreListedWithTheDatabaseAndKey() {
        assertThatThrownBy(() -> CovetConfiguration.fromSettings(Map.of(
                        "covet.databases.default.url", "sqlite:x.db",
                        "covet.databases.default.resilience.open-duraton", "2s",
                        "covet.databases.default.resilience.max-attempts", "many",
                        "covet.databases.default.resilience.read-only", "yes"),
                Map.of(), Optional.empty()))
                .isInstanceOf(ConfigurationException.class)
                .satisfies(e -> {
                    List<String> p = ((ConfigurationException) e).problems();
                    assertThat(p).hasSize(3);
                    assertThat(String.join("\n", p))
                            .contains("database 'default': unknown key 'resilience.open-duraton'; known: resilience.enabled")
                            .contains("database 'default': resilience.max-attempts must be a whole number, was 'many'")
                            .contains("resilience.read-only must be true or false, was 'yes'");
                });
    }

    @Test
    void toBuilderKeepsTheSettings() {
        ResilienceSettings r = ResilienceSettings.builder().maxAttempts(4).readOnly(true).build();
        DatabaseConfig c = DatabaseConfig.builder("default").url("sqlite:x.db").resilience(r).build();
        assertThat(c.toBuilder().build().resilience()).containsSame(r);
        assertThat(r.toBuilder().build().toString()).isEqualTo(r.toString());
    }
}
