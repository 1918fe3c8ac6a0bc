package io.covet.migrate;

/**
 * One risk the zero-downtime linter found: which migration and operation, a stable rule id for tools, what the
 * problem is on this engine, and the safe alternative.
 */
public record LintFinding(MigrationKey migration, int operation, String rule, String problem, String fix) {
    @Override
    public String toString() {
        return migration + " #" + operation + " [" + rule + "] " + problem + " Fix: " + fix;
    }
}
