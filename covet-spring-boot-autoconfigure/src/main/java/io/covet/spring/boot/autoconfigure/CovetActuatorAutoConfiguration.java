package io.covet.spring.boot.autoconfigure;

import io.covet.core.Database;
import io.covet.core.Databases;
import io.covet.migrate.MigrationHealth;
import io.covet.observe.Observability;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.ClassUtils;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Actuator support: health per database ({@code /actuator/health/covet/<name>}, with pending migrations as a
 * readiness check when covet-migrate is present) and the {@code covet} endpoint.
 */
@AutoConfiguration(after = {CovetAutoConfiguration.class, CovetMigrationsAutoConfiguration.class,
        CovetObservabilityAutoConfiguration.class})
@ConditionalOnBean(Databases.class)
public class CovetActuatorAutoConfiguration {
    private static final boolean MIGRATE = ClassUtils.isPresent("io.covet.migrate.Migrator",
            CovetActuatorAutoConfiguration.class.getClassLoader());

    /** Health per database from covet-observe. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass({HealthContributor.class, Observability.class})
    @ConditionalOnBean(Observability.class)
    @ConditionalOnEnabledHealthIndicator("covet")
    static class Health {
        @Bean
        @ConditionalOnMissingBean(name = "covetHealthContributor")
        HealthContributor covetHealthContributor(Observability observability, Databases databases,
                                                 org.springframework.beans.factory.BeanFactory beans) {
            Map<String, HealthContributor> byName = new LinkedHashMap<>();
            MigrationsHealth migrations = MIGRATE ? new MigrationsHealth(beans) : null;
            for (String name : databases.names()) {
                Database db = databases.get(name);
                if (migrations != null) {
                    migrations.register(observability, name);
                }
                byName.put(name, new CovetHealthIndicator(observability, db));
            }
            return CompositeHealthContributor.fromMap(byName);
        }
    }

    /** Adds pending migrations to readiness; a class of its own so that covet-migrate stays optional. */
    static final class MigrationsHealth {
        private final CovetMigrations migrations;

        MigrationsHealth(org.springframework.beans.factory.BeanFactory beans) {
            this.migrations = beans.getBeanProvider(CovetMigrations.class).getIfAvailable();
        }

        void register(Observability observability, String database) {
            if (migrations != null && migrations.targets().contains(database)) {
                MigrationHealth h = MigrationHealth.of(migrations.migrations());
                if (migrations.historyTable() != null) {
                    h = h.historyTable(migrations.historyTable());
                }
                observability.addHealthContributor(database, h);
            }
        }
    }

    /** The {@code covet} endpoint. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(Endpoint.class)
    @ConditionalOnAvailableEndpoint(CovetEndpoint.class)
    static class EndpointConfiguration {
        @Bean
        @ConditionalOnMissingBean
        CovetEndpoint covetEndpoint(Databases databases, org.springframework.beans.factory.BeanFactory beans) {
            return new CovetEndpoint(databases, MIGRATE ? beans.getBeanProvider(CovetMigrations.class).getIfAvailable()
                    : null);
        }
    }
}
