package io.covet.test;

/** How {@link CovetTest} keeps one test's writes from the next. */
public enum Isolation {
    /**
     * Each test runs inside one transaction that is rolled back afterwards; the schema is created once per class
     * and engine. Code on the test thread joins that transaction: its {@code atomic} blocks become savepoints and
     * its commits are not real, so {@code onCommit} actions never run. The fastest mode; not for code that uses
     * other threads or connections (they cannot see the test's uncommitted rows) nor for DDL on MariaDB (which
     * commits implicitly).
     */
    ROLLBACK,
    /**
     * The schema is created once per class and engine; after each test every table is emptied (key sequences are
     * not reset). For code that commits, uses several connections or threads.
     */
    TRUNCATE,
    /**
     * Each test gets a new scratch database with the schema created for it, dropped afterwards. For tests that
     * change the schema (DDL, migrations). The slowest mode.
     */
    FRESH_SCHEMA
}
