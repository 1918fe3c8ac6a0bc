package io.covet.schema;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The statements that recreate the objects of a database in an empty database of the same engine, written from the
 * server's own definitions, in two sections around the rows: {@link #preData()} (schemas, extensions, types,
 * functions, sequences, tables with their columns, defaults and checks, partitions, views, materialized views
 * without data) and {@link #postData()} (keys, unique and exclusion constraints, indexes, foreign keys, triggers,
 * rules, extended statistics, then the materialized views refreshed and the sequences set to their positions).
 * Within a section the statements come in dependency order. Every name is qualified with its schema and quoted by
 * the engine's rules.
 *
 * <p>What the reader could not express is never dropped silently: it is named in {@link #notCarried()}. Read with
 * {@link Introspector#readScript}. Engine support: PostgreSQL (written from {@code pg_catalog}), MariaDB
 * ({@code SHOW CREATE}: tables before the rows, routines, views, triggers and events after), SQLite
 * ({@code sqlite_master}: tables before the rows, indexes, views and triggers after, in creation order); see
 * docs/backup.md for the object kinds and what happens to each.
 */
public final class SchemaScript {
    /** Where a statement runs relative to the rows. */
    public enum Section {
        /** Before the rows are loaded. */
        PRE_DATA,
        /** After the rows are loaded. */
        POST_DATA
    }

    /**
     * One statement.
     *
     * @param kind     what it creates or changes, in the engine's words ({@code TABLE}, {@code INDEX},
     *                 {@code SEQUENCE SET}, {@code TRIGGER}, …)
     * @param object   the object's name for messages: qualified and unquoted on PostgreSQL ({@code sales.invoice}),
     *                 the bare name on MariaDB and SQLite (relative to the database)
     * @param sql      one complete statement without a trailing semicolon
     * @param settings session settings this statement must run under, besides the script's (MariaDB: the
     *                 {@code sql_mode} a routine, trigger or event was created under); usually empty
     */
    public record Statement(String kind, String object, String sql, Map<String, String> settings) {
        /** Requires every part; the settings are copied. */
        public Statement {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(object, "object");
            Objects.requireNonNull(sql, "sql");
            settings = settings == null ? Map.of() : Map.copyOf(settings);
        }

        /** A statement that needs no settings of its own. */
        public Statement(String kind, String object, String sql) {
            this(kind, object, sql, Map.of());
        }
    }

    private final Map<String, String> settings;
    private final List<Statement> preData;
    private final List<Statement> postData;
    private final List<String> notCarried;

    private SchemaScript(Map<String, String> settings, List<Statement> preData, List<Statement> postData,
                         List<String> notCarried) {
        this.settings = Map.copyOf(settings);
        this.preData = List.copyOf(preData);
        this.postData = List.copyOf(postData);
        this.notCarried = List.copyOf(notCarried);
    }

    /** A script; every list is copied. */
    public static SchemaScript of(Map<String, String> settings, List<Statement> preData, List<Statement> postData,
                                  List<String> notCarried) {
        return new SchemaScript(settings, preData, postData, notCarried);
    }

    /**
     * Session settings the statements must run under (PostgreSQL: {@code check_function_bodies = false}, so a
     * function whose body names a table created later can be created first), as setting name to SQL value.
     */
    public Map<String, String> settings() {
        return settings;
    }

    /** The statements run before the rows, in order. */
    public List<Statement> preData() {
        return preData;
    }

    /** The statements run after the rows, in order. */
    public List<Statement> postData() {
        return postData;
    }

    /** One section's statements. */
    public List<Statement> statements(Section section) {
        return section == Section.PRE_DATA ? preData : postData;
    }

    /**
     * The objects of the database this script does not recreate, each named with the reason (an object kind the
     * reader does not write, such as an operator or a row-level security policy). Empty when the script recreates
     * everything it read.
     */
    public List<String> notCarried() {
        return notCarried;
    }
}
