package io.covet.orm.spi;

import io.covet.orm.Partitioned;

import java.util.List;
import java.util.Objects;

/**
 * The {@code @Partitioned} of a model as the generated metamodel records it. Immutable.
 *
 * @param method     the partitioning method
 * @param columns    the partition key's column names, in order
 * @param partitions the partitions, in creation order
 */
public record PartitionMeta(Partitioned.Method method, List<String> columns, List<Part> partitions) {
    /** Requires a method and copies the lists. */
    public PartitionMeta {
        Objects.requireNonNull(method, "partitioning method");
        columns = List.copyOf(columns);
        partitions = List.copyOf(partitions);
    }

    /**
     * One partition.
     *
     * @param name   its name
     * @param bounds the engine's bound text; empty or null for the DEFAULT partition
     */
    public record Part(String name, String bounds) {
    }
}
