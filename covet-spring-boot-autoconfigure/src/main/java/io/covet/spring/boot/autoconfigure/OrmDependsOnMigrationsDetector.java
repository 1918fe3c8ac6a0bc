package io.covet.spring.boot.autoconfigure;

import io.covet.orm.Orm;
import org.springframework.boot.sql.init.dependency.AbstractBeansOfTypeDependsOnDatabaseInitializationDetector;

import java.util.Set;

/** Tells Boot that {@link Orm} beans use the database, so they are created after its initializers (migrations). */
public final class OrmDependsOnMigrationsDetector extends AbstractBeansOfTypeDependsOnDatabaseInitializationDetector {
    @Override
    protected Set<Class<?>> getDependsOnDatabaseInitializationBeanTypes() {
        return Set.of(Orm.class);
    }
}
