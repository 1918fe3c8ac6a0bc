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
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Introspects the tables of the connection's current schema (PostgreSQL), database (MariaDB) or file (SQLite) for a
 * backup: what covet-schema's model does not hold (native column types as the source spells them, foreign-key
 * ON UPDATE rules, sequence and auto-increment positions) from each engine's catalog; unique constraints, indexes
 * and checks from covet-schema's {@link Introspector}.
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
        List<Table> out = new ArrayList<>();
        for (String t : tableNames()) {
            out.add(table(t, structure.table(t).orElse(null)));
        }
        return out;
    }

    private Table table(String name, io.covet.schema.Table st) throws SQLException {
        List<String> pk = primaryKey(name);
        List<Column> cols = columns(name, pk);
        AutoIncrement auto = null;
        for (Column col : cols) {
            if (col.autoIncrement()) {
                auto = new AutoIncrement(col.name(), nextValue(name, col.name()));
            }
        }
        List<Check> checks = st == null ? List.of()
                : st.checks().stream().map(k -> new Check(k.name(), k.expression())).toList();
        return new Table(name, cols, pk, st == null ? List.of() : indexes(st), checks, foreignKeys(name), auto, 0, null, List.of());
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

    private List<String> primaryKey(String table) throws SQLException {
        if (engine == Engine.SQLITE) {
            return strings("SELECT name FROM pragma_table_info(?) WHERE pk > 0 ORDER BY pk", table);
        }
        TreeMap<Integer, String> cols = new TreeMap<>();
        try (ResultSet rs = c.getMetaData().getPrimaryKeys(catalog, schema, table)) {
            while (rs.next()) {
                cols.put(rs.getInt("KEY_SEQ"), rs.getString("COLUMN_NAME"));
            }
        }
        return new ArrayList<>(cols.values());
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

    private List<ForeignKey> foreignKeys(String table) throws SQLException {
        Map<String, List<String[]>> byName = new LinkedHashMap<>();
        if (engine == Engine.SQLITE) {
            try (PreparedStatement ps = c.prepareStatement("SELECT id, \"table\", \"from\", \"to\", on_delete, on_update "
                    + "FROM pragma_foreign_key_list(?) ORDER BY id, seq")) {
                ps.setString(1, table);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        byName.computeIfAbsent("fk_" + table + "_" + rs.getInt(1), k -> new ArrayList<>()).add(new String[]{
                                rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6)});
                    }
                }
            }
        } else {
            try (ResultSet rs = c.getMetaData().getImportedKeys(catalog, schema, table)) {
                while (rs.next()) {
                    String n = rs.getString("FK_NAME");
                    byName.computeIfAbsent(n == null ? "fk_" + table + "_" + byName.size() : n, k -> new ArrayList<>())
                            .add(new String[]{rs.getString("PKTABLE_NAME"), rs.getString("FKCOLUMN_NAME"),
                                    rs.getString("PKCOLUMN_NAME"), rule(rs.getShort("DELETE_RULE")),
                                    rule(rs.getShort("UPDATE_RULE"))});
                }
            }
        }
        List<ForeignKey> out = new ArrayList<>();
        for (Map.Entry<String, List<String[]>> e : byName.entrySet()) {
            List<String[]> parts = e.getValue();
            String parent = parts.get(0)[0];
            List<String> from = parts.stream().map(p -> p[1]).toList();
            List<String> to = parts.stream().map(p -> p[2]).toList();
            if (to.contains(null)) {
                to = primaryKey(parent); // SQLite: REFERENCES parent without columns means its primary key
            }
            out.add(new ForeignKey(e.getKey(), from, parent, to, parts.get(0)[3].toUpperCase(Locale.ROOT),
                    parts.get(0)[4].toUpperCase(Locale.ROOT)));
        }
        return out;
    }

    private static String rule(short r) {
        return switch (r) {
            case DatabaseMetaData.importedKeyCascade -> "CASCADE";
            case DatabaseMetaData.importedKeySetNull -> "SET NULL";
            case DatabaseMetaData.importedKeySetDefault -> "SET DEFAULT";
            case DatabaseMetaData.importedKeyRestrict -> "RESTRICT";
            default -> "NO ACTION";
        };
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
