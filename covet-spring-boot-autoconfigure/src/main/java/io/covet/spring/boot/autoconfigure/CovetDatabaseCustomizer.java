package io.covet.spring.boot.autoconfigure;

import io.covet.core.Database;
import io.covet.core.DatabaseConfig;

/**
 * Adjusts each database's configuration before the auto-configuration opens it (an interceptor, resilience
 * settings, a pool hook), and hears when it opened. Every bean of this type applies, in {@code @Order}.
 */
public interface CovetDatabaseCustomizer {
    /** The configuration to open instead of {@code config} (derive it with {@code config.toBuilder()}). */
    DatabaseConfig customize(DatabaseConfig config);

    /** Called once the database opened from the customised configuration. */
    default void opened(Database database) {
    }
}
