/**
 * Covet's JUnit 5 support: {@link io.covet.test.CovetTest} runs a test class once per configured engine on a
 * scratch database, isolates each test (rollback, truncate or a fresh schema), counts statements
 * ({@link io.covet.test.Statements}), fails tests that leak connections, transactions or cursors, and loads
 * fixtures ({@link io.covet.test.WithFixtures}).
 */
module io.covet.test {
    requires transitive io.covet.orm;
    requires transitive org.junit.jupiter.api;
    requires io.covet.fixtures;

    exports io.covet.test;
    // JUnit instantiates the extension reflectively
    opens io.covet.test.internal to org.junit.platform.commons;
}
