package io.covet.migrate;

import java.util.List;
import java.util.Objects;

/**
 * One migration: its key, the migrations it depends on, its ordered operations, and (for a squashed migration)
 * the migrations it replaces. Immutable. {@link #checksum()} identifies its content, so an applied migration
 * that was edited afterwards is noticed.
 */
public record Migration(MigrationKey key, List<MigrationKey> dependencies, List<Operation> operations,
                        List<MigrationKey> replaces, boolean atomic) {
    /** Copies the lists; no replaces when null. */
    public Migration {
        Objects.requireNonNull(key, "key");
        dependencies = List.copyOf(dependencies);
        operations = List.copyOf(operations);
        replaces = replaces == null ? List.of() : List.copyOf(replaces);
    }

    /** An atomic migration that replaces nothing. */
    public Migration(MigrationKey key, List<MigrationKey> dependencies, List<Operation> operations) {
        this(key, dependencies, operations, List.of(), true);
    }

    /** An atomic migration. */
    public Migration(MigrationKey key, List<MigrationKey> dependencies, List<Operation> operations,
                     List<MigrationKey> replaces) {
        this(key, dependencies, operations, replaces, true);
    }

    /**
     * This migration run outside a transaction even where DDL is transactional ({@code "atomic": false} in
     * its file), e.g. for {@code CREATE INDEX CONCURRENTLY}; progress is then recorded per operation as on MariaDB.
     */
    public Migration nonAtomic() {
        return new Migration(key, dependencies, operations, replaces, false);
    }

    /** The app this migration belongs to. */
    public String app() {
        return key.app();
    }

    /** The migration name, e.g. {@code 0002_customer_points}. */
    public String name() {
        return key.name();
    }

    /** SHA-256 (hex) of the canonical JSON form: whitespace and key order in the file do not matter. */
    public String checksum() {
        return MigrationFiles.checksum(this);
    }

    /** Whether every operation can run backwards. */
    public boolean reversible() {
        return operations.stream().allMatch(Operation::reversible);
    }
}
