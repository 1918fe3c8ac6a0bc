package io.covet.spring.boot.autoconfigure;

import io.covet.core.Databases;
import io.covet.migrate.Migrator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.io.support.ResourcePatternResolver;

/**
 * Migrations on startup (needs covet-migrate): the {@link CovetMigrations} bean reads the files at
 * {@code covet.migrate.location} and, with {@code covet.migrate.enabled} (the default), applies the pending ones to
 * {@code covet.migrate.databases} before any bean that uses the database is created: {@code Orm} beans and Boot's
 * own JDBC users ({@code JdbcTemplate}, …) wait for it through Boot's database-initialization detectors
 * ({@link CovetMigrationsDetector}, {@link OrmDependsOnMigrationsDetector}); mark other beans with
 * {@code @DependsOnDatabaseInitialization}.
 */
@AutoConfiguration(after = CovetAutoConfiguration.class)
@ConditionalOnClass(Migrator.class)
@ConditionalOnBean(Databases.class)
public class CovetMigrationsAutoConfiguration {

    /** The application's migrations, applied on startup when enabled. */
    @Bean
    @ConditionalOnMissingBean
    public CovetMigrations covetMigrations(Databases databases, CovetProperties properties,
                                           ResourcePatternResolver resources) {
        CovetProperties.Migrate m = properties.getMigrate();
        return new CovetMigrations(databases, m.getDatabases(), CovetMigrations.load(resources, m.getLocation()),
                m.getHistoryTable(), m.isEnabled());
    }
}
