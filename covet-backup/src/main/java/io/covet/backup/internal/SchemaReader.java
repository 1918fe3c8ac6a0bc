package io.covet.backup.internal;

import io.covet.backup.internal.Manifest.AutoIncrement;
import io.covet.backup.internal.Manifest.Check;
import io.covet.backup.internal.Manifest.Column;
import io.covet.backup.internal.Manifest.ForeignKey;
import io.covet.backup.internal.Manifest.Index;
import io.covet.backup.internal.Manifest.Table;
import io.covet.core.dialect.Engine;
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

    public SchemaReader(Connection c, Engine engine) throws SQLException {
        this.c = c;
        this.engine = engine.family();
        this.catalog = this.engine == Engine.MARIADB ? one("SELECT DATABASE()") : null;
        this.schema = this.engine == Engine.POSTGRESQL ? one("SELECT current_schema()") : null;
    }

    /** The PostgreSQL schema or MariaDB database being read; null on SQLite. */
    public String namespace() {
        return engine == Engine.POSTGRESQL ? schema : catalog;
    }

    /** The names of the base tables, sorted. */
    public List<String> tableNames() throws SQLException {
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
     * The full schema of every table (without data): columns with their native and portable types, keys, foreign
     * keys with both rules and counter positions read here; unique constraints, indexes and check constraints read
     * by covet-schema's {@link Introspector}.
     */
    public List<Table> tables() throws SQLException {
        Schema structure = Introspector.read(c, engine, n -> true);
        Map<String, String> onUpdate = updateRules();
        List<Table> out = new ArrayList<>();
        for (io.covet.schema.Table st : structure.tables()) {
            out.add(table(st, onUpdate));
        }
        return out;
    }

    private Table table(io.covet.schema.Table st, Map<String, String> onUpdate) throws SQLException {
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
                f.refColumns(), f.onDelete().sql(), onUpdate.getOrDefault(name + "\u0000" + key(f), "NO ACTION")))
                .toList();
        return new Table(name, cols, pk, indexes(st), checks, fks, auto, 0, null, List.of());
    }

    private List<Column> columns(String table, List<String> pk) throws SQLException {
        String sql = switch (engine) {
            case POSTGRESQL -> "SELECT a.attname, format_type(a.atttypid, a.atttypmod), NOT a.attnotnull, "
                    + "pg_get_expr(d.adbin, d.adrelid), a.attidentity IN ('a', 'd') "
                    + "FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum "
                    + "WHERE a.attrelid = (quote_ident(current_schema()) || '.' || quote_ident(?))::regclass "
                    + "AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum";
            case MARIADB -> "SELECT COLUMN_NAME, COLUMN_TYPE, IS_NULLABLE = 'YES', COLUMN_DEFAULT, "
                    + "EXTRA LIKE '%auto_increment%' FROM information_schema.COLUMNS "
                    + "WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION";
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
        return engine == Engine.SQLITE ? String.join("\u0000", f.columns()) : f.name();
    }

    private Long nextValue(String table, String column) throws SQLException {
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
