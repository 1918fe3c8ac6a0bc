package io.covet.spring.boot.autoconfigure;

import io.covet.core.Database;
import io.covet.core.DatabaseConfig;
import io.covet.observe.Observability;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

/**
 * Covet's instrumentation (covet-observe) on Boot's {@link MeterRegistry}: statement latency per shape, slow
 * queries, transactions, pool and breaker meters, and the per-database health that the actuator shows. Off with
 * {@code covet.observe.enabled=false}; without a {@code MeterRegistry} bean (no actuator) meters stay in memory.
 */
@AutoConfiguration(before = CovetAutoConfiguration.class,
        afterName = "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration")
@ConditionalOnClass(Observability.class)
@org.springframework.boot.context.properties.EnableConfigurationProperties(CovetProperties.class)
@ConditionalOnProperty(prefix = "covet.observe", name = "enabled", matchIfMissing = true)
public class CovetObservabilityAutoConfiguration {

    /** Covet's observability, bound to the application's meter registry. */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    public Observability covetObservability(ObjectProvider<MeterRegistry> registry, CovetProperties properties) {
        Observability.Builder b = Observability.builder();
        MeterRegistry r = registry.getIfAvailable();
        if (r != null) {
            b.meterRegistry(r);
        }
        if (properties.getObserve().getSlowQueryThreshold() != null) {
            b.slowQueryThreshold(properties.getObserve().getSlowQueryThreshold());
        }
        return b.build();
    }

    /** Instruments every database the auto-configuration opens. */
    @Bean
    public CovetDatabaseCustomizer covetObservabilityCustomizer(Observability observability) {
        return new CovetDatabaseCustomizer() {
            @Override
            public DatabaseConfig customize(DatabaseConfig config) {
                return observability.instrument(config);
            }

            @Override
            public void opened(Database database) {
                observability.attach(database);
            }
        };
    }
}
