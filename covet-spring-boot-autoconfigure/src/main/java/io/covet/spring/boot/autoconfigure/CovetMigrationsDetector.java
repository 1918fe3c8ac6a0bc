package io.covet.spring.boot.autoconfigure;

import org.springframework.boot.sql.init.dependency.AbstractBeansOfTypeDatabaseInitializerDetector;
import org.springframework.util.ClassUtils;

import java.util.Set;

/** Tells Boot that {@link CovetMigrations} beans initialise the database (so its users wait for them). */
public final class CovetMigrationsDetector extends AbstractBeansOfTypeDatabaseInitializerDetector {
    @Override
    protected Set<Class<?>> getDatabaseInitializerBeanTypes() {
        if (!ClassUtils.isPresent("io.covet.migrate.Migrator", getClass().getClassLoader())) {
            return Set.of();
        }
        return Set.of(CovetMigrations.class);
    }
}
