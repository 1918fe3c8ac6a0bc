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
        List<String> out = new ArrayList<>(create);
        out.set(0, create.get(0) + "\n" + mariadbClause(q, t));
        return out;
    }

    /** MariaDB's {@code PARTITION BY … (PARTITION …, …)} clause of the table's partitioning. */
    private static String mariadbClause(UnaryOperator<String> q, Table t) {
        Partitioning p = t.partitioning();
        String method = p.method() == Partitioning.Method.HASH ? "KEY" : p.method() + " COLUMNS";
        List<String> parts = new ArrayList<>();
        for (Partitioning.Partition part : p.partitions()) {
            parts.add(mariadbPartition(q, t, part));
        }
        return "PARTITION BY " + method + " (" + cols(q, p.columns()) + ") (" + String.join(", ", parts) + ")";
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

    /**
     * MariaDB: ADD PARTITION with the partition's bounds (none for HASH). A LIST table with a DEFAULT partition
     * instead reorganizes the DEFAULT partition into itself and the new one: MariaDB 10.11's ADD PARTITION leaves the
     * DEFAULT partition's rows of the new values where they are, where queries by the key no longer look.
     */
    static List<String> mariadbAdd(UnaryOperator<String> q, Table t, Partitioning.Partition p) {
        Partitioning.Partition def = listDefault(t, p);
        if (def != null) {
            return List.of("ALTER TABLE " + q.apply(t.name()) + " REORGANIZE PARTITION " + q.apply(def.name())
                    + " INTO (PARTITION " + q.apply(def.name()) + " DEFAULT, " + mariadbPartition(q, t, p) + ")");
        }
        return List.of("ALTER TABLE " + q.apply(t.name()) + " ADD PARTITION (" + mariadbPartition(q, t, p) + ")");
    }

    /** The DEFAULT partition of a LIST table other than {@code p}, or null. */
    private static Partitioning.Partition listDefault(Table t, Partitioning.Partition p) {
        if (t.partitioning().method() != Partitioning.Method.LIST) {
            return null;
        }
        return t.partitioning().partitions().stream().filter(x -> x.isDefault() && !x.name().equals(p.name()))
                .findFirst().orElse(null);
    }

    private static String mariadbPartition(UnaryOperator<String> q, Table t, Partitioning.Partition p) {
        boolean list = t.partitioning().method() == Partitioning.Method.LIST;
        return "PARTITION " + q.apply(p.name()) + (p.isDefault() ? (list ? " DEFAULT" : "") : " VALUES " + p.bounds());
    }

    /**
     * MariaDB: HASH (KEY) partitions are coalesced (the last one's rows spread over the others). A RANGE or LIST
     * table is partitioned again without the partition, in one {@code ALTER TABLE … PARTITION BY} (a copy of the
     * table, which MariaDB makes or abandons whole): its rows go to the partitions that take them. Without a DEFAULT
     * partition to take them, a row of the partition would fit nowhere: a first statement checks that the
     * partition is empty and stops the reverse with that said before anything changes.
     */
    static List<String> mariadbDrop(UnaryOperator<String> q, Table t, Partitioning.Partition p) {
        Partitioning was = t.partitioning();
        if (was.method() == Partitioning.Method.HASH) {
            return List.of("ALTER TABLE " + q.apply(t.name()) + " COALESCE PARTITION 1");
        }
        List<Partitioning.Partition> rest = was.partitions().stream().filter(x -> !x.name().equals(p.name())).toList();
        List<String> out = new ArrayList<>();
        if (listDefault(t, p) == null) {
            String message = "partition " + p.name() + " of table " + t.name() + " holds rows that no other "
                    + "partition takes, so it cannot be removed with them kept. Move or delete those rows first; "
                    + "nothing was changed";
            out.add("BEGIN NOT ATOMIC IF EXISTS (SELECT 1 FROM " + q.apply(t.name()) + " PARTITION ("
                    + q.apply(p.name()) + ")) THEN SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = '"
                    + message.replace("\\", "\\\\").replace("'", "''") + "'; END IF; END");
        }
        Table without = t.withPartitioning(new Partitioning(was.method(), was.columns(), rest));
        out.add("ALTER TABLE " + q.apply(t.name()) + " " + mariadbClause(q, without));
        return out;
    }

    private static String cols(UnaryOperator<String> q, List<String> cols) {
        return String.join(", ", cols.stream().map(q).toList());
    }
}
