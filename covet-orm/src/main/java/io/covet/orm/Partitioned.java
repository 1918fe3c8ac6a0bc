package io.covet.orm;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The model's table is split into partitions, which migrations create with it (PostgreSQL: a partitioned parent and
 * one table per partition; MariaDB: the {@code PARTITION BY} clause). Queries address the model as usual; the
 * engine routes each row to its partition.
 *
 * <p>The bounds are the engine's own SQL text, not a portable form: each engine spells them differently, and
 * pretending otherwise would hide that a partitioned model is tied to its engine. On PostgreSQL write what follows
 * {@code FOR VALUES} ({@code "FROM ('2024-01-01') TO ('2025-01-01')"}, {@code "IN (1, 2)"},
 * {@code "WITH (MODULUS 4, REMAINDER 0)"}); on MariaDB what follows {@code VALUES} ({@code "LESS THAN (2025)"},
 * {@code "IN (1, 2)"}; nothing for HASH). An empty bound is the DEFAULT partition. RANGE and LIST become MariaDB's
 * {@code RANGE COLUMNS}/{@code LIST COLUMNS}, HASH its {@code KEY} partitioning.
 *
 * <p>Both engines need every partition key field in the primary key and in every unique key, and MariaDB refuses
 * foreign keys on a partitioned table: migrations refuse such a model before running anything. SQLite has no
 * partitioning and refuses the model ({@code UnsupportedFeature}). Changing the partitioning of an existing model is
 * not detected as an operation: write it as a {@code RunSQL} migration.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Partitioned {
    /** How rows are spread over the partitions. */
    Method method();

    /** The Java fields of the partition key, in order. */
    String[] fields();

    /** The partitions, in the order they are created. */
    Partition[] partitions();

    /** The partitioning method. */
    enum Method {
        /** Each partition holds a range of key values. */
        RANGE,
        /** Each partition holds listed key values. */
        LIST,
        /** Rows are spread by a hash of the key. */
        HASH
    }

    /** One partition of a {@link Partitioned} model. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target({})
    @interface Partition {
        /** The partition's name (on PostgreSQL a table of its own). */
        String name();

        /** The engine's bound text (see {@link Partitioned}); empty for the DEFAULT partition. */
        String bounds() default "";
    }
}
