package io.covet.migrate;

/** Data migrations that misbehave on purpose, for the two-process tests. */
final class Steps {
    private Steps() {
    }

    /** Sleeps so that a concurrent run must wait for the lock. */
    public static final class Slow implements DataMigration {
        @Override
        public void forward(MigrationContext context) throws Exception {
            Thread.sleep(1500);
        }

        @Override
        public void backward(MigrationContext context) {
        }
    }

    /** Kills its JVM on the spot (no shutdown hooks, no rollback) when COVET_TEST_HALT=1. */
    public static final class Halt implements DataMigration {
        @Override
        public void forward(MigrationContext context) {
            if ("1".equals(System.getenv("COVET_TEST_HALT"))) {
                Runtime.getRuntime().halt(137);
            }
        }

        @Override
        public void backward(MigrationContext context) {
        }
    }
}
