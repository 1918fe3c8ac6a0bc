package io.covet.schema;

import io.covet.core.dialect.Dialect;
import io.covet.core.engine.Engine;
import io.covet.schema.internal.MariaDbDdl;
import io.covet.schema.internal.PostgresDdl;
import io.covet.schema.internal.SqliteDdl;

import java.util.List;
import java.util.Map;

/**
 * Renders schema changes as DDL for one engine. Every identifier passes through {@link Dialect#quote(String)};
 * default values are rendered as literals of the column's type (strings quoted and escaped, numbers validated).
 *
 * <p>Each method returns the statements in order, without running anything. Changes that take both the table
 * before and after let SQLite fall back to its table-rebuild procedure (new table, copy, drop, rename, recreate
 * indexes) where it cannot alter in place; the caller must then run them with foreign keys off
 * ({@link #needsForeignKeysOff(List)}).
 *
 * <p>Engine support: partial indexes need PostgreSQL or SQLite; elsewhere {@code addIndex} throws
 * {@link io.covet.core.error.UnsupportedFeature}.
 */
public interface SchemaDdl {

    /** The renderer for a dialect (a live server's or {@link Dialect#of(Engine)} offline). */
    static SchemaDdl of(Dialect dialect) {
        // only picks the per-dialect renderer; the engine DDL lives in those classes
        return switch (dialect.family()) {
            case POSTGRESQL -> new PostgresDdl(dialect);
            case MARIADB -> new MariaDbDdl(dialect);
            default -> new SqliteDdl(dialect);
        };
    }

    /** The renderer for an engine at a recent version, without a server. */
    static SchemaDdl of(Engine engine) {
        return of(Dialect.of(engine));
    }

    /** The dialect this renders for. */
    Dialect dialect();

    /** The renderer of this engine's history triggers ({@code @History} models). */
    HistoryTriggers historyTriggers();

    /** The native SQL type of a portable type on this engine. */
    String typeSql(ColumnType type);

    /** CREATE TABLE with columns, keys and constraints, then CREATE INDEX for each index. */
    List<String> createTable(Table table);

    /** DROP TABLE. */
    List<String> dropTable(Table table);

    /** Renames a table. */
    List<String> renameTable(String from, String to);

    /**
     * Adds {@code column} (already part of {@code after}); with a {@code oneOffDefault}, existing rows get that
     * value and the column keeps the default of its definition afterwards.
     */
    List<String> addColumn(Table before, Table after, Column column, ColumnDefault oneOffDefault);

    /** Drops a column ({@code after} no longer has it). */
    List<String> dropColumn(Table before, Table after, String column);

    /** Renames a column. */
    List<String> renameColumn(Table before, String from, String to);

    /** Changes a column's type, nullability or default to its definition in {@code after}. */
    List<String> alterColumn(Table before, Table after, String column);

    /** CREATE INDEX. */
    List<String> addIndex(Table table, Index index);

    /** DROP INDEX. */
    List<String> dropIndex(Table table, Index index);

    /** Adds a unique constraint (present in {@code after}). */
    List<String> addUnique(Table before, Table after, UniqueConstraint unique);

    /** Drops a unique constraint. */
    List<String> dropUnique(Table before, Table after, UniqueConstraint unique);

    /** Adds a check constraint. */
    List<String> addCheck(Table before, Table after, CheckConstraint check);

    /** Drops a check constraint. */
    List<String> dropCheck(Table before, Table after, CheckConstraint check);

    /** Adds a foreign key. */
    List<String> addForeignKey(Table before, Table after, ForeignKey fk);

    /** Drops a foreign key. */
    List<String> dropForeignKey(Table before, Table after, ForeignKey fk);

    /**
     * Rebuilds {@code before} into {@code after} by copying rows (SQLite); columns of {@code after} absent from
     * {@code before} take the SQL expression in {@code fill}, or their default.
     */
    List<String> rebuild(Table before, Table after, Map<String, String> fill);

    /** A column default rendered as SQL for this engine. */
    String defaultSql(ColumnType type, ColumnDefault value);

    /**
     * Creates the enum type ({@link ColumnType.Kind#ENUM}) before the first column that uses it: on PostgreSQL
     * {@code CREATE TYPE name AS ENUM (…)}; nothing on MariaDB and SQLite, whose enum columns carry their labels
     * inline.
     */
    default List<String> createEnumType(ColumnType type) {
        return List.of();
    }

    /**
     * Adds {@code partition} to the partitioned table ({@code table} already lists it, last): PostgreSQL
     * {@code CREATE TABLE … PARTITION OF}, MariaDB {@code ALTER TABLE … ADD PARTITION} (on a LIST table with a
     * DEFAULT partition {@code REORGANIZE PARTITION}, which moves the DEFAULT partition's rows of the new values
     * into the new partition). Engines without partitioning
     * (SQLite) throw {@link io.covet.core.error.UnsupportedFeature}.
     */
    default List<String> addPartition(Table table, Partitioning.Partition partition) {
        throw new io.covet.core.error.UnsupportedFeature(dialect().engine(), "partition " + partition.name()
                + " of table " + table.name(), "SQLite keeps the rows in one table: declare the model without "
                + "@Partitioned.");
    }

    /**
     * Removes {@code partition} from the partitioned table ({@code table} still lists it), keeping its rows: they
     * are moved into the table's other partitions (PostgreSQL: detach, copy back, drop, in one transaction;
     * MariaDB RANGE and LIST: the table partitioned again without it in one {@code ALTER TABLE … PARTITION BY},
     * which MariaDB completes or abandons whole, after a check that stops with nothing changed when the partition
     * holds rows and no DEFAULT partition would take them; HASH: {@code COALESCE PARTITION 1}, which redistributes
     * the rows of the last partition). Engines without partitioning throw as {@link #addPartition}.
     */
    default List<String> dropPartition(Table table, Partitioning.Partition partition) {
        return addPartition(table, partition);
    }

    /** Drops the enum type {@code name} after the last column that used it (PostgreSQL); nothing elsewhere. */
    default List<String> dropEnumType(String name) {
        return List.of();
    }

    /**
     * Changes the labels of the enum type {@code name}, used by columns of {@code before}, to {@code labels},
     * carrying the rows' values of each label in {@code renames} (old → new) to its new name. A row whose label
     * is gone and not renamed makes the change fail (the engine refuses the value), so nothing is lost silently.
     * PostgreSQL renames labels in place ({@code ALTER TYPE … RENAME VALUE}) when that is the only change and
     * otherwise recreates the type and converts each column to it (inside the migration's transaction, which
     * {@code ALTER TYPE … ADD VALUE} could not share with a use of the new label); MariaDB modifies each column;
     * SQLite rebuilds each table.
     */
    List<String> alterEnumType(Schema before, String name, List<String> labels, Map<String, String> renames);

    /**
     * Creates the extension {@code name} (in {@code schema}, or the server's default when null) unless it exists:
     * PostgreSQL's {@code CREATE EXTENSION IF NOT EXISTS}. Engines without extensions throw
     * {@link io.covet.core.error.UnsupportedFeature} naming what to do instead.
     */
    default List<String> createExtension(String name, String schema) {
        throw new io.covet.core.error.UnsupportedFeature(dialect().engine(), "extension " + name,
                "Extensions are PostgreSQL's: on this engine install what the extension provides outside migrations "
                        + "(or in a RunSQL operation), or keep this operation in the PostgreSQL migrations only.");
    }

    /** Drops the extension {@code name} if it exists, refusing when objects still use it (PostgreSQL). */
    default List<String> dropExtension(String name) {
        return createExtension(name, null);
    }

    /**
     * Creates the domain {@code name}: a named {@code baseType} (SQL, as the engine spells it) with an optional
     * {@code NOT NULL}, default ({@code defaultSql}, SQL) and {@code CHECK} expressions over {@code VALUE}.
     * Engines without domains throw {@link io.covet.core.error.UnsupportedFeature} naming what to do instead.
     */
    default List<String> createDomain(String name, String baseType, boolean notNull, String defaultSql,
                                      List<String> checks) {
        throw new io.covet.core.error.UnsupportedFeature(dialect().engine(), "domain " + name,
                "This engine has no domains: give the columns the base type (nativeType) and the rule as a check "
                        + "constraint on each table.");
    }

    /** Drops the domain {@code name}, refusing when columns still use it (PostgreSQL). */
    default List<String> dropDomain(String name) {
        return createDomain(name, "", false, null, List.of());
    }

    /**
     * Makes {@code before} system-versioned ({@link SystemVersioning}; {@code after} has the period columns):
     * MariaDB only, whose existing rows become current versions starting now. Other engines throw
     * {@link io.covet.core.error.UnsupportedFeature} naming trigger history as the alternative.
     */
    default List<String> addSystemVersioning(Table before, Table after) {
        throw SystemVersioning.unsupported(dialect().engine(), before.name());
    }

    /**
     * Ends the system versioning of {@code before}: MariaDB drops the period columns and every history row of the
     * table (the current rows stay). Other engines throw {@link io.covet.core.error.UnsupportedFeature}.
     */
    default List<String> dropSystemVersioning(Table before, Table after) {
        throw SystemVersioning.unsupported(dialect().engine(), before.name());
    }

    /** Adds any kind of constraint (present in {@code after}). */
    default List<String> addConstraint(Table before, Table after, Constraint c) {
        if (c instanceof UniqueConstraint u) {
            return addUnique(before, after, u);
        }
        if (c instanceof CheckConstraint k) {
            return addCheck(before, after, k);
        }
        return addForeignKey(before, after, (ForeignKey) c);
    }

    /** Drops any kind of constraint (absent from {@code after}). */
    default List<String> dropConstraint(Table before, Table after, Constraint c) {
        if (c instanceof UniqueConstraint u) {
            return dropUnique(before, after, u);
        }
        if (c instanceof CheckConstraint k) {
            return dropCheck(before, after, k);
        }
        return dropForeignKey(before, after, (ForeignKey) c);
    }

    /** Whether these statements contain a SQLite table rebuild, which must run with foreign keys off. */
    default boolean needsForeignKeysOff(List<String> statements) {
        return statements.stream().anyMatch(s -> s.startsWith("CREATE TABLE \"" + REBUILD_PREFIX));
    }

    /** The name prefix of the temporary table of a SQLite rebuild. */
    String REBUILD_PREFIX = "__covet_new_";
}
