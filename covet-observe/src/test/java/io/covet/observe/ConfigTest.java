package io.covet.observe;

import io.covet.core.CovetConfiguration;
import io.covet.core.DatabaseConfig;
import io.covet.core.error.ConfigurationException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Observability settings from covet.properties: applied per database, and refused at startup when wrong. */
class ConfigTest {

    private static DatabaseConfig fromProperties(Map<String, String> extra) {
        Map<String, String> settings = new TreeMap<>(extra);
        settings.put("covet.databases.main.url", "sqlite::memory:");
        return CovetConfiguration.fromSettings(settings, Map.of(), Optional.empty()).database("main").orElseThrow();
    }

    @Test
    void theDatabasesOwnKeysOverrideTheBuilder() {
        DatabaseConfig config = fromProperties(Map.of("covet.databases.main.slow-query-threshold", "250ms",
                "covet.databases.main.observe.max-tagged-shapes", "7", "covet.databases.main.observe.n-plus-one",
                "strict", "covet.databases.main.observe.show-values", "true"));
        assertThat(config.observability()).containsEntry("slow-query-threshold", "250ms");
        Settings s = new Settings(Observability.builder()).with("main", config.observability());
        assertThat(s.slowQueryThreshold()).isEqualTo(Duration.ofMillis(250));
        assertThat(s.maxTaggedShapes()).isEqualTo(7);
        assertThat(s.nPlusOne()).isEqualTo(NPlusOneMode.STRICT);
        assertThat(s.showValues()).isTrue();
        try (Observability obs = Observability.builder().build()) {
            assertThat(obs.open(config).interceptors()).hasSize(1);
            assertThat(obs.shapes("main").database()).isEqualTo("main");
        }
    }

    @Test
    void anUnknownKeyIsRefusedNamingIt() {
        DatabaseConfig config = fromProperties(Map.of("covet.databases.main.observe.max-shapez", "10"));
        try (Observability obs = Observability.builder().build()) {
            assertThatThrownBy(() -> obs.open(config)).isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("covet.databases.main.observe.max-shapez")
                    .hasMessageContaining("known keys are");
            assertThat(obs.databases()).isEmpty();
        }
    }

    @Test
    void malformedValuesAreRefusedNamingTheKeyAndAllAtOnce() {
        DatabaseConfig config = fromProperties(Map.of("covet.databases.main.slow-query-threshold", "fast",
                "covet.databases.main.observe.n-plus-one", "loud", "covet.databases.main.observe.max-shapes", "many"));
        try (Observability obs = Observability.builder().build()) {
            assertThatThrownBy(() -> obs.instrument(config)).isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("covet.databases.main.slow-query-threshold")
                    .hasMessageContaining("'fast'")
                    .hasMessageContaining("covet.databases.main.observe.n-plus-one")
                    .hasMessageContaining("covet.databases.main.observe.max-shapes");
        }
    }

    @Test
    void inconsistentValuesAreRefused() {
        DatabaseConfig config = fromProperties(Map.of("covet.databases.main.observe.tracing", "true"));
        try (Observability obs = Observability.builder().build()) {
            assertThatThrownBy(() -> obs.instrument(config)).isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("observe.tracing=true needs an OpenTelemetry instance");
        }
        assertThatThrownBy(() -> Observability.builder().maxTaggedShapes(0).maxShapes(-1).nPlusOneThreshold(1)
                .slowQueryThreshold(Duration.ofMillis(-1)).build()).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("maxTaggedShapes must be at least 1")
                .hasMessageContaining("nPlusOneThreshold must be at least 2")
                .hasMessageContaining("slowQueryThreshold must be zero (off) or positive");
    }

    @Test
    void coreRefusesAKeyThatIsNeitherItsOwnNorObservability() {
        assertThatThrownBy(() -> fromProperties(Map.of("covet.databases.main.slow-query-treshold", "1s")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("unknown key 'slow-query-treshold'");
        assertThatThrownBy(() -> DatabaseConfig.builder("main", "sqlite::memory:").observability("observe", "x")
                .build()).isInstanceOf(ConfigurationException.class).hasMessageContaining("'observe' is not one");
    }

    @Test
    void aDatabaseIsInstrumentedOnceAndOnlyAnInstrumentedOneAttaches() {
        DatabaseConfig config = DatabaseConfig.builder("main", "sqlite::memory:").build();
        try (Observability obs = Observability.builder().build(); Observability other = Observability.builder().build()) {
            var db = obs.open(config);
            assertThatThrownBy(() -> obs.instrument(config)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("already instrumented");
            assertThatThrownBy(() -> other.attach(db)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("not opened from a configuration instrumented by this Observability");
        }
    }
}
