package io.covet.spring.boot.autoconfigure;

import io.covet.orm.Orm;

/**
 * Completes the {@link Orm} bean before it is built: registers the application's models (and signals, hooks).
 * Every bean of this type applies, in {@code @Order}.
 *
 * <pre>{@code
 * @Bean
 * CovetOrmCustomizer shopModels() {
 *     return orm -> orm.models(Customer_.TYPE, Product_.TYPE, Order_.TYPE);
 * }
 * }</pre>
 */
@FunctionalInterface
public interface CovetOrmCustomizer {
    /** Adds to {@code builder}; its databases are set already. */
    void customize(Orm.Builder builder);
}
