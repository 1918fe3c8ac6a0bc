package io.covet.schema;

import io.covet.core.Database;
import io.covet.core.engine.Engine;
import io.covet.schema.internal.MariaDbReader;
import io.covet.schema.internal.NativeReader;
import io.covet.core.error.UnsupportedFeature;
import io.covet.schema.internal.PartitionReader;
import io.covet.schema.internal.PgCatalogScript;
import io.covet.schema.internal.PostgresReader;
import io.covet.schema.internal.ServerTextScript;
import io.covet.schema.internal.SqliteReader;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Reads the live schema into a {@link Schema}: PostgreSQL from {@code pg_catalog} (the connection's current
 * schema), MariaDB from {@code information_schema} (the current database), SQLite from {@code sqlite_master} and
 * its PRAGMA table functions. Views, triggers, trigger functions and expression indexes have no portable form:
 * {@link #readNativeObjects(Connection, Engine)} reads them separately as engine-native SQL. Engine-internal
 * tables are left out.
 */
public final class Introspector {
    private Introspector() {
    }

    /** Reads every table of the database. */
    public static Schema read(Database db) {
        return read(db, name -> true);
    }

    /** Reads the tables whose names {@code include} accepts. */
    public static Schema read(Database db, Predicate<String> include) {
        return db.withConnection(c -> read(c, db.engine(), include));
    }

    /**
     * Reads the tables whose names {@code include} accepts over a raw connection, each partitioned table with its
     * {@link Table#partitioning()} (as {@link #partitioning(Database)} reads it).
     *
     * @throws SQLException when the catalog cannot be read
     */
    public static Schema read(Connection c, Engine engine, Predicate<String> include) throws SQLException {
        // only picks the per-engine catalog reader; the engine SQL lives in those classes
        List<Table> tables = switch (engine.family()) {
            case POSTGRESQL -> new PostgresReader(c).read();
            case MARIADB -> new MariaDbReader(c).read();
            default -> new SqliteReader(c).read();
        };
        Map<String, Partitioning> parts = PartitionReader.partitioning(c, engine);
        return Schema.of(tables.stream().filter(t -> include.test(t.name()))
                .map(t -> parts.containsKey(t.name()) ? t.withPartitioning(parts.get(t.name())) : t).toList());
    }

    /**
     * The partitioned tables of the database and their partitions: on PostgreSQL each as {@code name FOR VALUES …}
     * (declarative partitioning; {@link #read(Database)} returns the parents and leaves the partitions out), on
     * MariaDB each as {@code name VALUES LESS THAN (…)}, {@code name VALUES IN (…)} or the bare name for HASH and KEY
     * partitioning (parts of one table, which {@link #read(Database)} reads as that table), {@code name DEFAULT}
     * for a DEFAULT partition. What {@link Partitioning} cannot declare follows the partition: on PostgreSQL a
     * partition partitioned again is followed by {@code PARTITION BY key (its partitions, the same way)} and one with
     * indexes of its own (not an index of the parent) by {@code [own indexes: a, b]}; on MariaDB a partition with
     * sub-partitions by {@code SUBPARTITION BY method (expression) (their names)}. Empty on SQLite.
     */
    public static Map<String, List<String>> partitions(Database db) {
        return db.withConnection(c -> PartitionReader.read(c, db.engine()));
    }

    /**
     * The partitioning of each partitioned table of the database, as {@link Partitioning} records (the bounds in
     * the engine's own text), as {@link #read(Database)} attaches them to the tables. Tables partitioned by an
     * expression rather than columns are left out. Empty on SQLite.
     */
    public static Map<String, Partitioning> partitioning(Database db) {
        return db.withConnection(c -> PartitionReader.partitioning(c, db.engine()));
    }

    /**
     * The domains of the database's current schema (PostgreSQL), each with its base type as {@code format_type}
     * spells it ({@code posint} → {@code integer}); a column of a domain reads as {@link ColumnType#raw(String)} of
     * the domain's name. Empty on MariaDB and SQLite, which have no domains.
     */
    public static Map<String, String> domains(Database db) {
        // catalog access: only PostgreSQL has domains
        if (db.engine().family() != Engine.POSTGRESQL) {
            return Map.of();
        }
        return db.withConnection(PostgresReader::domains);
    }

    /** Reads the views, triggers, trigger functions and expression indexes of the database. */
    public static List<NativeObject> readNativeObjects(Database db) {
        return db.withConnection(c -> readNativeObjects(c, db.engine()));
    }

    /**
     * Reads the views, triggers, trigger functions (PostgreSQL) and expression indexes of the connection's current
     * schema (PostgreSQL), database (MariaDB) or file (SQLite) as engine-native SQL, kinds in the order
     * {@link NativeObject.Kind} lists them and each kind in an order that creates what others depend on first.
     *
     * @throws SQLException when the catalog cannot be read
     */
    public static List<NativeObject> readNativeObjects(Connection c, Engine engine) throws SQLException {
        return new NativeReader(c, engine).read();
    }

    /**
     * Reads the script that recreates the database's objects in an empty database of the same engine, from the
     * server's own definitions, in dependency order (see {@link SchemaScript}), inside the connection's current
     * transaction. PostgreSQL: written from {@code pg_catalog}, every name qualified and quoted. MariaDB: the
     * server's {@code SHOW CREATE} text of the current database. SQLite: {@code sqlite_master}.
     *
     * @param schemas  PostgreSQL: the schemas to read; empty for every non-system schema and the database's
     *                 extensions. Must be empty on MariaDB and SQLite (the database is read)
     * @param excluded PostgreSQL: relations to leave out with their indexes, constraints, triggers and rules, as
     *                 {@code schema.name} (unquoted); what depends on them is named in
     *                 {@link SchemaScript#notCarried()}. Must be empty on MariaDB and SQLite
     * @throws SQLException             when the catalog cannot be read
     * @throws IllegalArgumentException naming a schema or relation that does not exist
     * @throws IllegalStateException    naming objects that depend on each other in a cycle no order can create
     * @throws UnsupportedFeature       for schemas or excluded relations on MariaDB or SQLite, which have one
     *                                  namespace per database
     */
    public static SchemaScript readScript(Connection c, Engine engine, List<String> schemas,
                                          Collection<String> excluded) throws SQLException {
        // only picks the per-engine reader; the engine SQL lives in those classes
        if (engine.family() == Engine.POSTGRESQL) {
            return new PgCatalogScript(c, schemas, excluded).read();
        }
        if (!schemas.isEmpty() || !excluded.isEmpty()) {
            throw new UnsupportedFeature(engine, "a schema script of some schemas or without some relations",
                    "Read the whole database: " + engine.displayName() + " has one namespace per database.");
        }
        return engine.family() == Engine.MARIADB ? ServerTextScript.mariadb(c) : ServerTextScript.sqlite(c);
    }

    /**
     * The tables SQLite keeps a virtual table's index in (its shadow tables): recreated by the virtual table, so
     * never copied. Empty on the other engines.
     *
     * @throws SQLException when the catalog cannot be read
     */
    public static java.util.Set<String> shadowTables(Connection c, Engine engine) throws SQLException {
        // catalog access: only SQLite has shadow tables
        return engine.family() == Engine.SQLITE ? ServerTextScript.sqliteShadowTables(c) : java.util.Set.of();
    }
}
