package io.covet.schema.internal;

import io.covet.core.engine.Engine;
import io.covet.core.error.UnsupportedFeature;
import io.covet.schema.Partitioning;
import io.covet.schema.Table;
import io.covet.schema.UniqueConstraint;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The partitioning part of CREATE TABLE ({@link Partitioning}): checked before anything is rendered, then
 * PostgreSQL's {@code PARTITION BY …} with one {@code CREATE TABLE … PARTITION OF} per partition, or MariaDB's
 * {@code PARTITION BY … (PARTITION …)} clause. SQLite has no partitioning and refuses it.
 */
final class PartitionDdl {
    private PartitionDdl() {
    }

    /** SQLite's refusal, naming the table and the alternative. */
    static UnsupportedFeature unsupported(Engine engine, Table t) {
        return new UnsupportedFeature(engine, "partitioned table " + t.name(), "Declare the model without "
                + "@Partitioned: SQLite keeps the rows in one table (an index on the partition key serves the same "
                + "queries).");
    }

    /**
     * Refuses what the engine would refuse, before anything runs: every partition key column in the primary key
     * and in each unique key (both engines enforce uniqueness per partition only), no foreign keys on MariaDB.
     */
    static void validate(Engine family, Table t) {
        Partitioning p = t.partitioning();
        String engine = family == Engine.MARIADB ? "MariaDB" : "PostgreSQL";
        List<String> missing = p.columns().stream().filter(c -> !t.primaryKey().isEmpty()
                && !t.primaryKey().contains(c)).toList();
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("table " + t.name() + " is partitioned by " + p.columns()
                    + " but its primary key " + t.primaryKey() + " lacks " + missing + ": " + engine + " needs every "
                    + "partition key column in the primary key. Add " + missing + " to the primary key (a composite "
                    + "key) or partition by a primary-key column.");
        }
        for (UniqueConstraint u : t.uniques()) {
            List<String> lacks = p.columns().stream().filter(c -> !u.columns().contains(c)).toList();
            if (!lacks.isEmpty()) {
                throw new IllegalArgumentException("table " + t.name() + " is partitioned by " + p.columns()
                        + " but its unique key " + u.name() + " " + u.columns() + " lacks " + lacks + ": " + engine
                        + " needs every partition key column in each unique key. Add them to " + u.name()
                        + " or drop the unique key.");
            }
        }
        t.indexes().stream().filter(i -> i.unique() && !i.columns().containsAll(p.columns())).findFirst()
                .ifPresent(i -> {
                    throw new IllegalArgumentException("table " + t.name() + " is partitioned by " + p.columns()
                            + " but its unique index " + i.name() + " " + i.columns() + " lacks some of them: "
                            + engine + " needs every partition key column in each unique key. Add them to "
                            + i.name() + " or make it a plain index.");
                });
        if (family == Engine.MARIADB && !t.foreignKeys().isEmpty()) {
            throw new IllegalArgumentException("table " + t.name() + " is partitioned and has the foreign key "
                    + t.foreignKeys().get(0).name() + ": MariaDB (InnoDB) refuses foreign keys on partitioned "
                    + "tables. Drop the foreign key or the partitioning.");
        }
        if (family == Engine.MARIADB && p.method() == Partitioning.Method.RANGE) {
            p.partitions().stream().filter(Partitioning.Partition::isDefault).findFirst().ifPresent(x -> {
                throw new IllegalArgumentException("partition " + x.name() + " of table " + t.name() + " has no "
                        + "bounds: MariaDB has no DEFAULT range partition. Give it the bounds "
                        + "LESS THAN (MAXVALUE).");
            });
        }
    }

    /** PostgreSQL: the parent's CREATE TABLE with {@code PARTITION BY}, then each partition, then the rest. */
    static List<String> postgres(UnaryOperator<String> q, Table t, List<String> create) {
        Partitioning p = t.partitioning();
        if (p == null) {
            return create;
        }
        List<String> out = new ArrayList<>();
        out.add(create.get(0) + " PARTITION BY " + p.method() + " (" + cols(q, p.columns()) + ")");
        for (Partitioning.Partition part : p.partitions()) {
            out.add("CREATE TABLE " + q.apply(part.name()) + " PARTITION OF " + q.apply(t.name())
                    + (part.isDefault() ? " DEFAULT" : " FOR VALUES " + part.bounds()));
        }
        out.addAll(create.subList(1, create.size()));
        return out;
    }

    /**
     * MariaDB: the {@code PARTITION BY} clause at the end of CREATE TABLE. RANGE and LIST use their COLUMNS form,
     * which takes columns of any type (dates, strings) and several of them.
     */
    static List<String> mariadb(UnaryOperator<String> q, Table t, List<String> create) {
        Partitioning p = t.partitioning();
        if (p == null) {
            return create;
        }
        String method = p.method() == Partitioning.Method.HASH ? "KEY" : p.method() + " COLUMNS";
        List<String> parts = new ArrayList<>();
        for (Partitioning.Partition part : p.partitions()) {
            parts.add("PARTITION " + q.apply(part.name()) + (part.isDefault()
                    ? (p.method() == Partitioning.Method.LIST ? " DEFAULT" : "") : " VALUES " + part.bounds()));
        }
        List<String> out = new ArrayList<>(create);
        out.set(0, create.get(0) + "\nPARTITION BY " + method + " (" + cols(q, p.columns()) + ") ("
                + String.join(", ", parts) + ")");
        return out;
    }

    /** PostgreSQL: the new partition as a table PARTITION OF the parent. */
    static List<String> postgresAdd(UnaryOperator<String> q, Table t, Partitioning.Partition p) {
        return List.of("CREATE TABLE " + q.apply(p.name()) + " PARTITION OF " + q.apply(t.name())
                + (p.isDefault() ? " DEFAULT" : " FOR VALUES " + p.bounds()));
    }

    /** PostgreSQL: detach the partition, move its rows back into the parent's other partitions, drop it. */
    static List<String> postgresDrop(UnaryOperator<String> q, Table t, Partitioning.Partition p) {
        return List.of("ALTER TABLE " + q.apply(t.name()) + " DETACH PARTITION " + q.apply(p.name()),
                "INSERT INTO " + q.apply(t.name()) + " SELECT * FROM " + q.apply(p.name()),
                "DROP TABLE " + q.apply(p.name()));
    }

    /** MariaDB: ADD PARTITION with the partition's bounds (none for HASH). */
    static List<String> mariadbAdd(UnaryOperator<String> q, Table t, Partitioning.Partition p) {
        boolean list = t.partitioning().method() == Partitioning.Method.LIST;
        return List.of("ALTER TABLE " + q.apply(t.name()) + " ADD PARTITION (PARTITION " + q.apply(p.name())
                + (p.isDefault() ? (list ? " DEFAULT" : "") : " VALUES " + p.bounds()) + ")");
    }

    /**
     * MariaDB: HASH (KEY) partitions are coalesced (the last one's rows spread over the others); a RANGE or LIST
     * partition's rows are copied aside, the partition dropped and the rows put back into the table.
     */
    static List<String> mariadbDrop(UnaryOperator<String> q, Table t, Partitioning.Partition p) {
        if (t.partitioning().method() == Partitioning.Method.HASH) {
            return List.of("ALTER TABLE " + q.apply(t.name()) + " COALESCE PARTITION 1");
        }
        String keep = q.apply(t.name() + "__" + p.name() + "_rows");
        return List.of("CREATE TABLE " + keep + " AS SELECT * FROM " + q.apply(t.name()) + " PARTITION ("
                        + q.apply(p.name()) + ")",
                "ALTER TABLE " + q.apply(t.name()) + " DROP PARTITION " + q.apply(p.name()),
                "INSERT INTO " + q.apply(t.name()) + " SELECT * FROM " + keep,
                "DROP TABLE " + keep);
    }

    private static String cols(UnaryOperator<String> q, List<String> cols) {
        return String.join(", ", cols.stream().map(q).toList());
    }
}
