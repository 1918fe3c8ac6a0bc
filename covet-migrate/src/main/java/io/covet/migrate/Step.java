package io.covet.migrate;

/**
 * One unit of work an operation performs: a SQL statement, or Java code (a data migration). SQL steps are what
 * {@code sqlmigrate} prints.
 */
public sealed interface Step {
    /** A SQL statement, run as is. */
    record Sql(String sql) implements Step {
        @Override
        public String toString() {
            return sql;
        }
    }

    /** Java code run with the migration's connection, inside its transaction where the engine has one. */
    record Java(String description, JavaAction action) implements Step {
        @Override
        public String toString() {
            return "-- " + description + " (Java code, not SQL)";
        }
    }

    /** The code of a {@link Java} step. */
    @FunctionalInterface
    interface JavaAction {
        void run(MigrationContext context) throws Exception;
    }
}
