package io.covet.backup.internal;

import io.covet.backup.internal.Manifest.AutoIncrement;
import io.covet.backup.internal.Manifest.Check;
import io.covet.backup.internal.Manifest.Column;
import io.covet.backup.internal.Manifest.ForeignKey;
import io.covet.backup.internal.Manifest.Index;
import io.covet.backup.internal.Manifest.Table;
import io.covet.core.engine.Engine;
import io.covet.schema.Introspector;
import io.covet.schema.Schema;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Introspects the tables of the connection's current schema (PostgreSQL), database (MariaDB) or file (SQLite) for a
 * backup. Tables, primary keys, unique constraints, indexes (with partial predicates), checks and foreign keys come
 * from covet-schema's {@link Introspector}; read here is only what its model does not hold: native column types
 * as the source spells them with their defaults verbatim, foreign-key ON UPDATE rules, and sequence and
 * auto-increment positions.
 */
public final class SchemaReader {
    private static final Pattern SIZE = Pattern.compile("\\((\\d+)(?:\\s*,\\s*(\\d+))?\\)");

    private final Connection c;
    private final Engine engine;
    private final String catalog;
    private final String schema;
    private final boolean pinned;

    public SchemaReader(Connection c, Engine engine) throws SQLException {
        this.c = c;
        this.engine = engine.family();
        // catalog access: MariaDB names its database, PostgreSQL its schema; SQLite has neither
        this.catalog = this.engine == Engine.MARIADB ? one("SELECT DATABASE()") : null;
        this.schema = this.engine == Engine.POSTGRESQL ? one("SELECT current_schema()") : null;
        // read now: once in() has set the search path for the transaction, its source reads "session"
        this.pinned = this.engine == Engine.POSTGRESQL && List.of("client", "session")
                .contains(one("SELECT source FROM pg_settings WHERE name = 'search_path'"));
    }

    /** The PostgreSQL schema or MariaDB database being read; null on SQLite. */
    public String namespace() {
        // engine fact: a PostgreSQL schema, a MariaDB database; SQLite has no namespace
        return engine == Engine.POSTGRESQL ? schema : catalog;
    }

    /** The names of the base tables, sorted. */
    public List<String> tableNames() throws SQLException {
        // catalog access: each engine lists its tables in its own catalog
        return strings(switch (engine) {
            case POSTGRESQL -> "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                    + "WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND NOT c.relispartition "
                    + "ORDER BY c.relname";
            case MARIADB -> "SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() "
                    + "AND TABLE_TYPE = 'BASE TABLE' ORDER BY TABLE_NAME";
            default -> "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' "
                    + "ORDER BY name";
        });
    }

    /**
     * The PostgreSQL schemas a backup covers, each null when it is the connection's current schema and the only
     * one (its tables are then restored into the target's current schema, whatever its name). {@code requested}
     * chooses them; when empty, a connection whose search path was set for it (a {@code currentSchema} in the URL,
     * a {@code SET search_path}) covers its current schema, any other every schema but the system ones
     * ({@code pg_*}, {@code information_schema}). A single entry {@code null} on MariaDB and SQLite.
     *
     * @throws IllegalArgumentException naming the requested schemas that do not exist and those that do
     */
    public List<String> schemas(List<String> requested) throws SQLException {
        // engine fact: only PostgreSQL has several schemas in one database
        if (engine != Engine.POSTGRESQL) {
            if (!requested.isEmpty()) {
                throw new IllegalArgumentException("--schema chooses PostgreSQL schemas; on " + engine.displayName()
                        + " a backup covers the database the URL names");
            }
            return java.util.Collections.singletonList(null);
        }
        List<String> all = strings("SELECT n.nspname FROM pg_namespace n WHERE n.nspname NOT LIKE 'pg\\_%' "
                + "AND n.nspname <> 'information_schema' ORDER BY n.nspname");
        List<String> chosen;
        if (!requested.isEmpty()) {
            List<String> missing = requested.stream().filter(r -> !all.contains(r)).toList();
            if (!missing.isEmpty()) {
                throw new IllegalArgumentException("no schema " + String.join(", ", missing) + " in this database; "
                        + "it has " + String.join(", ", all));
            }
            chosen = requested.stream().distinct().toList();
        } else if (pinned()) {
            chosen = List.of(schema);
        } else {
            chosen = all;
        }
        return chosen.size() == 1 && chosen.get(0).equals(schema) ? java.util.Collections.singletonList(null) : chosen;
    }

    /** PostgreSQL: whether {@code schema.name} is a table, view, materialized view, sequence or foreign table. */
    public boolean relationExists(String namespace, String name) throws SQLException {
        return !rows("SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ? "
                + "AND c.relname = ? AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')", namespace, name).isEmpty();
    }

    /**
     * MariaDB, SQLite: the objects that exist only with {@code table} and go when it goes (its triggers; on SQLite
     * its indexes too, which have definitions of their own), for leaving a table out of a backup.
     */
    public List<String> dependents(String table) throws SQLException {
        // catalog access: each engine lists a table's triggers in its own catalog
        return strings(engine == Engine.MARIADB
                ? "SELECT TRIGGER_NAME FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = DATABASE() "
                + "AND EVENT_OBJECT_TABLE = ? ORDER BY TRIGGER_NAME"
                : "SELECT name FROM sqlite_master WHERE tbl_name = ? AND type IN ('index', 'trigger') "
                + "AND sql IS NOT NULL ORDER BY name", table);
    }

    /** PostgreSQL: whether the connection's search path was set for it (URL {@code currentSchema}, a SET). */
    public boolean pinned() {
        return pinned;
    }

    /**
     * Runs {@code read} with the search path set to {@code namespace} alone for the current transaction (so
     * covet-schema's readers, which read the current schema, read that one, and the server's definitions name its
     * objects unqualified), then sets it back. {@code null} runs it as it is. In autocommit mode {@code read} runs in
     * a transaction of its own that is rolled back, so it must only read.
     */
    public <T> T in(String namespace, SqlCall<T> read) throws SQLException {
        // engine fact: only PostgreSQL has several schemas in one database
        if (namespace == null || engine != Engine.POSTGRESQL) {
            return read.call();
        }
        if (c.getAutoCommit()) {
            // a transaction-local setting would end with its own statement (verify's comparison reads in
            // autocommit), and a session one would make the connection look pinned to its next user: the read runs
            // in a transaction of its own, rolled back (it only reads)
            c.setAutoCommit(false);
            try {
                rows("SELECT set_config('search_path', quote_ident(?), true)", namespace);
                return read.call();
            } finally {
                c.rollback();
                c.setAutoCommit(true);
            }
        }
        String saved = one("SELECT current_setting('search_path')");
        rows("SELECT set_config('search_path', quote_ident(?), true)", namespace);
        try {
            return read.call();
        } finally {
            rows("SELECT set_config('search_path', ?, true)", saved);
        }
    }

    /** A read that may fail with SQLException. */
    @FunctionalInterface
    public interface SqlCall<T> {
        T call() throws SQLException;
    }

    /**
     * The tables of {@code namespace} (see {@link #schemas}), each marked with it, through {@link #tables()}.
     */
    public List<Table> tables(String namespace) throws SQLException {
        return in(namespace, () -> tables().stream().map(t -> t.inSchema(namespace)).toList());
    }

    /**
     * What covet-schema's model and native objects do not hold in {@code namespace}, each named, for the manifest
     * and the summary: on PostgreSQL enum, domain and composite types, functions and procedures no trigger runs,
     * materialized views, sequences no column owns, rules, partitions (their rows travel with the parent table),
     * extensions and comments; on MariaDB generated columns, FULLTEXT, SPATIAL and prefix-length indexes, the
     * partitioning of each partitioned table, routines and events; on SQLite virtual tables.
     */
    public List<String> notCarried(String namespace) throws SQLException {
        List<String> found = in(namespace, this::notCarriedHere);
        return namespace == null ? found : found.stream().map(o -> o + " in schema " + namespace).toList();
    }

    private List<String> notCarriedHere() throws SQLException {
        List<String> out = new ArrayList<>();
        // catalog access: the objects each engine has that a backup does not carry
        switch (engine) {
            case POSTGRESQL -> {
                for (String[] r : rows("SELECT CASE t.typtype WHEN 'e' THEN 'enum type ' WHEN 'd' THEN 'domain ' "
                        + "ELSE 'composite type ' END || t.typname FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace "
                        + "LEFT JOIN pg_class c ON c.oid = t.typrelid WHERE n.nspname = current_schema() "
                        + "AND (t.typtype IN ('e', 'd') OR (t.typtype = 'c' AND c.relkind = 'c')) "
                        + "AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = t.oid AND d.deptype = 'e') "
                        + "ORDER BY t.typname")) {
                    out.add(r[0]);
                }
                for (String[] r : rows("SELECT CASE p.prokind WHEN 'p' THEN 'procedure ' ELSE 'function ' END "
                        + "|| p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')' FROM pg_proc p "
                        + "JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = current_schema() "
                        + "AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e') "
                        + "AND NOT EXISTS (SELECT 1 FROM pg_trigger tg JOIN pg_class tc ON tc.oid = tg.tgrelid "
                        + "WHERE tg.tgfoid = p.oid AND tc.relnamespace = n.oid) ORDER BY 1")) {
                    out.add(r[0]);
                }
                for (String[] r : rows("SELECT CASE c.relkind WHEN 'm' THEN 'materialized view ' "
                        + "WHEN 'S' THEN 'sequence ' WHEN 'f' THEN 'foreign table ' ELSE 'partition ' END || c.relname "
                        + "|| CASE WHEN c.relispartition THEN ' of ' || (SELECT pc.relname FROM pg_inherits i "
                        + "JOIN pg_class pc ON pc.oid = i.inhparent WHERE i.inhrelid = c.oid) || ' (its rows travel "
                        + "with it; restored unpartitioned)' ELSE '' END "
                        + "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                        + "WHERE n.nspname = current_schema() AND (c.relkind IN ('m', 'f') OR (c.relkind IN ('r', 'p') "
                        + "AND c.relispartition) OR (c.relkind = 'S' AND NOT EXISTS (SELECT 1 FROM pg_depend d "
                        + "WHERE d.objid = c.oid AND d.deptype IN ('a', 'i')))) ORDER BY c.relname")) {
                    out.add(r[0]);
                }
                for (String[] r : rows("SELECT 'partitioning of ' || c.relname || ' (' || pg_get_partkeydef(c.oid) "
                        + "|| ')' FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                        + "WHERE n.nspname = current_schema() AND c.relkind = 'p' ORDER BY c.relname")) {
                    out.add(r[0]);
                }
                for (String[] r : rows("SELECT 'rule ' || r.rulename || ' on ' || c.relname FROM pg_rewrite r "
                        + "JOIN pg_class c ON c.oid = r.ev_class JOIN pg_namespace n ON n.oid = c.relnamespace "
                        + "WHERE n.nspname = current_schema() AND r.rulename <> '_RETURN' ORDER BY 1")) {
                    out.add(r[0]);
                }
                for (String[] r : rows("SELECT 'extension ' || e.extname FROM pg_extension e "
                        + "JOIN pg_namespace n ON n.oid = e.extnamespace WHERE n.nspname = current_schema() "
                        + "AND e.extname <> 'plpgsql' ORDER BY 1")) {
                    out.add(r[0]);
                }
                for (String[] r : rows("SELECT 'generated column ' || c.relname || '.' || a.attname FROM pg_attribute a "
                        + "JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
                        + "WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND a.attgenerated <> '' "
                        + "AND NOT a.attisdropped ORDER BY 1")) {
                    out.add(r[0]);
                }
                String comments = one("SELECT count(*) FROM pg_description d JOIN pg_class c ON c.oid = d.objoid "
                        + "AND d.classoid = 'pg_class'::regclass JOIN pg_namespace n ON n.oid = c.relnamespace "
                        + "WHERE n.nspname = current_schema()");
                if (comments != null && !"0".equals(comments)) {
                    out.add(comments + " comment(s) on tables and columns");
                }
            }
            case SQLITE -> {
                for (String[] r : rows("SELECT name FROM sqlite_master WHERE type = 'table' "
                        + "AND sql LIKE 'CREATE VIRTUAL TABLE%' ORDER BY name")) {
                    out.add("virtual table " + r[0]);
                }
            }
            default -> {
                for (String[] r : rows("SELECT CONCAT('generated column ', TABLE_NAME, '.', COLUMN_NAME) FROM "
                        + "information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND EXTRA LIKE '%GENERATED%' "
                        + "ORDER BY 1")) {
                    out.add(r[0]);
                }
                // index kinds covet-schema's model has no place for: they would come back as plain B-trees
                for (String[] r : rows("SELECT DISTINCT CONCAT(CASE WHEN INDEX_TYPE IN ('FULLTEXT', 'SPATIAL') "
                        + "THEN CONCAT(INDEX_TYPE, ' index ') ELSE 'prefix-length index ' END, INDEX_NAME, ' on ', "
                        + "TABLE_NAME) FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE() "
                        + "AND (INDEX_TYPE IN ('FULLTEXT', 'SPATIAL') OR SUB_PART IS NOT NULL) ORDER BY 1")) {
                    out.add(r[0]);
                }
                // covet-schema's portable table has no partitioning: another engine gets a plain table
                for (String[] r : rows("SELECT DISTINCT CONCAT('partitioning of ', TABLE_NAME, ' (', "
                        + "PARTITION_METHOD, ' (', COALESCE(PARTITION_EXPRESSION, ''), ')', CASE WHEN "
                        + "SUBPARTITION_METHOD IS NULL THEN '' ELSE CONCAT(' SUBPARTITION BY ', SUBPARTITION_METHOD, "
                        + "' (', COALESCE(SUBPARTITION_EXPRESSION, ''), ')') END, ')') FROM information_schema.PARTITIONS "
                        + "WHERE TABLE_SCHEMA = DATABASE() AND PARTITION_NAME IS NOT NULL ORDER BY 1")) {
                    out.add(r[0]);
                }
                for (String[] r : rows("SELECT CONCAT(LOWER(ROUTINE_TYPE), ' ', ROUTINE_NAME) FROM "
                        + "information_schema.ROUTINES WHERE ROUTINE_SCHEMA = DATABASE() ORDER BY 1")) {
                    out.add(r[0]);
                }
                for (String[] r : rows("SELECT CONCAT('event ', EVENT_NAME) FROM information_schema.EVENTS "
                        + "WHERE EVENT_SCHEMA = DATABASE() ORDER BY 1")) {
                    out.add(r[0]);
                }
            }
        }
        return out;
    }

    /**
     * The full schema of every table (without data): columns with their native and portable types, keys, foreign
     * keys with both rules and counter positions read here; unique constraints, indexes and check constraints read
     * by covet-schema's {@link Introspector}.
     */
    public List<Table> tables() throws SQLException {
        // engine fact: only SQLite's virtual tables keep their data in shadow tables
        java.util.Set<String> shadow = engine == Engine.SQLITE ? SqliteSchemaDump.shadowTables(c) : java.util.Set.of();
        Schema structure = Introspector.read(c, engine, n -> !shadow.contains(n));
        Map<String, String> onUpdate = updateRules();
        Map<String, String> refSchema = referencedSchemas();
        List<Table> out = new ArrayList<>();
        for (io.covet.schema.Table st : structure.tables()) {
            out.add(table(st, onUpdate, refSchema));
        }
        return out;
    }

    /** PostgreSQL: the schema of each foreign key's referenced table, keyed like {@link #updateRules()}. */
    private Map<String, String> referencedSchemas() throws SQLException {
        Map<String, String> out = new LinkedHashMap<>();
        // engine fact: only PostgreSQL lets a foreign key reference a table in another schema
        if (engine == Engine.POSTGRESQL) {
            for (String[] r : rows("SELECT c.relname, con.conname, fn.nspname FROM pg_constraint con "
                    + "JOIN pg_class c ON c.oid = con.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
                    + "JOIN pg_class fc ON fc.oid = con.confrelid JOIN pg_namespace fn ON fn.oid = fc.relnamespace "
                    + "WHERE n.nspname = current_schema() AND con.contype = 'f'")) {
                out.put(r[0] + "\u0000" + r[1], r[2]);
            }
        }
        return out;
    }

    private Table table(io.covet.schema.Table st, Map<String, String> onUpdate, Map<String, String> refSchema)
            throws SQLException {
        String name = st.name();
        List<String> pk = st.primaryKey();
        List<Column> cols = columns(name, pk);
        AutoIncrement auto = null;
        for (Column col : cols) {
            if (col.autoIncrement()) {
                auto = new AutoIncrement(col.name(), nextValue(name, col.name()));
            }
        }
        List<Check> checks = st.checks().stream().map(k -> new Check(k.name(), k.expression())).toList();
        List<ForeignKey> fks = st.foreignKeys().stream().map(f -> new ForeignKey(f.name(), f.columns(), f.refTable(),
                f.refColumns(), f.onDelete().sql(), onUpdate.getOrDefault(name + "\u0000" + key(f), "NO ACTION"),
                refSchema.get(name + "\u0000" + key(f))))
                .toList();
        return new Table(name, cols, pk, indexes(st), checks, fks, auto, 0, null, List.of());
    }

    private List<Column> columns(String table, List<String> pk) throws SQLException {
        // catalog access: each engine describes columns in its own catalog
        String sql = switch (engine) {
            case POSTGRESQL -> "SELECT a.attname, format_type(a.atttypid, a.atttypmod), NOT a.attnotnull, "
                    + "pg_get_expr(d.adbin, d.adrelid), a.attidentity IN ('a', 'd') "
                    + "FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum "
                    + "WHERE a.attrelid = (quote_ident(current_schema()) || '.' || quote_ident(?))::regclass "
                    + "AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = '' ORDER BY a.attnum";
            case MARIADB -> "SELECT COLUMN_NAME, COLUMN_TYPE, IS_NULLABLE = 'YES', COLUMN_DEFAULT, "
                    + "EXTRA LIKE '%auto_increment%' FROM information_schema.COLUMNS "
                    + "WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? AND EXTRA NOT LIKE '%GENERATED%' "
                    + "ORDER BY ORDINAL_POSITION";
            default -> "SELECT name, type, \"notnull\" = 0, dflt_value, 0 FROM pragma_table_info(?) ORDER BY cid";
        };
        List<Column> cols = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String name = rs.getString(1);
                    String nativeType = rs.getString(2);
                    String dflt = rs.getString(4);
                    boolean auto = rs.getBoolean(5);
                    // engine facts: how each catalog shows an identity column (nextval, rowid alias) and a NULL default
                    if (engine == Engine.POSTGRESQL && dflt != null && dflt.startsWith("nextval(")) {
                        auto = true;
                        dflt = null;
                    }
                    if (engine == Engine.MARIADB && "NULL".equalsIgnoreCase(dflt)) {
                        dflt = null;
                    }
                    PortableType type = PortableType.classify(engine, nativeType);
                    if (engine == Engine.SQLITE && pk.size() == 1 && pk.get(0).equals(name)
                            && "integer".equalsIgnoreCase(nativeType == null ? "" : nativeType.strip())) {
                        auto = true; // a rowid alias: SQLite assigns max(rowid)+1 when none is given
                    }
                    Integer length = null, precision = null, scale = null;
                    Matcher m = SIZE.matcher(nativeType == null ? "" : nativeType);
                    if (m.find()) {
                        if (type == PortableType.DECIMAL) {
                            precision = Integer.valueOf(m.group(1));
                            scale = m.group(2) == null ? 0 : Integer.valueOf(m.group(2));
                        } else if (type == PortableType.CHAR || type == PortableType.VARCHAR) {
                            length = Integer.valueOf(m.group(1));
                        }
                    }
                    cols.add(new Column(name, nativeType, type, length, precision, scale, rs.getBoolean(3), dflt, auto));
                }
            }
        }
        if (cols.isEmpty()) {
            throw new SQLException("table " + table + " has no columns or cannot be read");
        }
        return cols;
    }

    /**
     * Unique constraints, indexes (with a partial index's predicate) and checks as covet-schema reads them; indexes
     * on expressions are not part of it (they travel as native objects).
     */
    private static List<Index> indexes(io.covet.schema.Table st) {
        List<Index> out = new ArrayList<>();
        st.uniques().forEach(u -> out.add(new Index(u.name(), u.columns(), true, null)));
        st.indexes().forEach(i -> out.add(new Index(i.name(), i.columns(), i.unique(), i.where())));
        return out;
    }

    /**
     * The ON UPDATE rule of every foreign key (covet-schema's model has only ON DELETE), keyed by table and
     * {@link #key}: the constraint name on PostgreSQL and MariaDB, the column list on SQLite (whose keys are
     * unnamed).
     */
    private Map<String, String> updateRules() throws SQLException {
        Map<String, String> out = new LinkedHashMap<>();
        // catalog access: each engine keeps ON UPDATE rules in its own catalog
        switch (engine) {
            case POSTGRESQL -> {
                for (String[] r : rows("SELECT c.relname, con.conname, con.confupdtype FROM pg_constraint con "
                        + "JOIN pg_class c ON c.oid = con.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
                        + "WHERE n.nspname = current_schema() AND con.contype = 'f'")) {
                    out.put(r[0] + "\u0000" + r[1], switch (r[2]) {
                        case "r" -> "RESTRICT";
                        case "c" -> "CASCADE";
                        case "n" -> "SET NULL";
                        case "d" -> "SET DEFAULT";
                        default -> "NO ACTION";
                    });
                }
            }
            case MARIADB -> {
                for (String[] r : rows("SELECT TABLE_NAME, CONSTRAINT_NAME, UPDATE_RULE FROM "
                        + "information_schema.REFERENTIAL_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = DATABASE()")) {
                    out.put(r[0] + "\u0000" + r[1], r[2].toUpperCase(Locale.ROOT));
                }
            }
            default -> {
                for (String table : tableNames()) {
                    Map<String, List<String>> cols = new LinkedHashMap<>();
                    Map<String, String> rule = new LinkedHashMap<>();
                    for (String[] r : rows("SELECT id, \"from\", on_update FROM pragma_foreign_key_list(?) "
                            + "ORDER BY id, seq", table)) {
                        cols.computeIfAbsent(r[0], k -> new ArrayList<>()).add(r[1]);
                        rule.put(r[0], r[2].toUpperCase(Locale.ROOT));
                    }
                    cols.forEach((id, from) -> out.put(table + "\u0000" + String.join("\u0000", from), rule.get(id)));
                }
            }
        }
        return out;
    }

    /** How {@link #updateRules()} names a foreign key of the engine read. */
    private String key(io.covet.schema.ForeignKey f) {
        // engine fact: SQLite's foreign keys have no names, so they are keyed by their columns
        return engine == Engine.SQLITE ? String.join("\u0000", f.columns()) : f.name();
    }

    private Long nextValue(String table, String column) throws SQLException {
        // catalog access: each engine keeps an identity's next value in its own place
        String sql = switch (engine) {
            case POSTGRESQL -> "SELECT CASE WHEN s.last_value IS NULL THEN s.start_value "
                    + "ELSE s.last_value + s.increment_by END FROM pg_sequences s "
                    + "WHERE (quote_ident(s.schemaname) || '.' || quote_ident(s.sequencename))::regclass "
                    + "= pg_get_serial_sequence(quote_ident(current_schema()) || '.' || quote_ident(?), ?)::regclass";
            case MARIADB -> "SELECT AUTO_INCREMENT FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() "
                    + "AND TABLE_NAME = ?";
            default -> strings("SELECT name FROM sqlite_master WHERE name = 'sqlite_sequence'").isEmpty() ? null
                    : "SELECT seq + 1 FROM sqlite_sequence WHERE name = ?";
        };
        if (sql == null) {
            return null;
        }
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, table);
            // catalog access: the PostgreSQL query above also takes the column
            if (engine == Engine.POSTGRESQL) {
                ps.setString(2, column);
            }
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    long v = rs.getLong(1);
                    return rs.wasNull() ? null : v;
                }
            }
        }
        return null;
    }

    private String one(String sql) throws SQLException {
        List<String> r = strings(sql);
        return r.isEmpty() ? null : r.get(0);
    }

    private List<String[]> rows(String sql, String... params) throws SQLException {
        return rows(c, sql, params);
    }

    /** Every row of a catalog query with string parameters, each column as text. */
    static List<String[]> rows(Connection c, String sql, String... params) throws SQLException {
        List<String[]> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setString(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                int n = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    String[] row = new String[n];
                    for (int i = 0; i < n; i++) {
                        row[i] = rs.getString(i + 1);
                    }
                    out.add(row);
                }
            }
        }
        return out;
    }

    private List<String> strings(String sql, String... params) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setString(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }
}
