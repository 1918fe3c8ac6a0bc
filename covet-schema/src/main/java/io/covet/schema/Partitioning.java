package io.covet.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How a table is split into partitions: the method, the key columns and each partition with its bounds. The bounds
 * are the engine's own text, not a portable form (each engine spells them its own way): on PostgreSQL what follows
 * {@code FOR VALUES} ({@code FROM ('2024-01-01') TO ('2025-01-01')}, {@code IN (1, 2)},
 * {@code WITH (MODULUS 4, REMAINDER 0)}), on MariaDB what follows {@code VALUES} ({@code LESS THAN ('2025-01-01')},
 * {@code IN (1, 2)}; nothing for HASH). A partition without bounds is the DEFAULT partition on PostgreSQL and
 * MariaDB's LIST (and a plain hash part on MariaDB). Immutable; the constructor refuses an empty key, no partitions
 * or two partitions of one name with an {@link IllegalArgumentException}.
 *
 * @param method     RANGE, LIST or HASH
 * @param columns    the partition key's columns, in order
 * @param partitions the partitions, in the order they are created
 */
public record Partitioning(Method method, List<String> columns, List<Partition> partitions) {

    /** The partitioning method. */
    public enum Method {
        /** Each partition holds a range of key values. */
        RANGE,
        /** Each partition holds a list of key values. */
        LIST,
        /** Rows are spread by a hash of the key. */
        HASH
    }

    /**
     * One partition.
     *
     * @param name   the partition's name (on PostgreSQL a table of its own)
     * @param bounds the engine's bound text, or {@code null} for the DEFAULT partition
     */
    public record Partition(String name, String bounds) {
        /** Refuses a missing name. */
        public Partition {
            Objects.requireNonNull(name, "partition name");
            if (bounds != null && bounds.isBlank()) {
                bounds = null;
            }
        }

        /** Whether this is the DEFAULT partition (no bounds). */
        public boolean isDefault() {
            return bounds == null;
        }
    }

    /** Copies the lists and checks the key and the partition names. */
    public Partitioning {
        Objects.requireNonNull(method, "partitioning method");
        columns = List.copyOf(columns);
        partitions = List.copyOf(partitions);
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("partitioning needs at least one key column");
        }
        if (partitions.isEmpty()) {
            throw new IllegalArgumentException("partitioning needs at least one partition (rows with no partition "
                    + "to go to are refused by the database)");
        }
        List<String> names = new ArrayList<>();
        for (Partition p : partitions) {
            if (names.contains(p.name())) {
                throw new IllegalArgumentException("two partitions are named " + p.name());
            }
            names.add(p.name());
        }
    }

    /** The same partitioning with its key columns renamed. */
    Partitioning withColumnRenamed(String from, String to) {
        return new Partitioning(method, columns.stream().map(c -> c.equals(from) ? to : c).toList(), partitions);
    }
}
