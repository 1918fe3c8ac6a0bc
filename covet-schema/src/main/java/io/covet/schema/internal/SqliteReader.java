package io.covet.schema.internal;

import io.covet.schema.CheckConstraint;
import io.covet.schema.Column;
import io.covet.schema.ColumnType;
import io.covet.schema.OnDelete;
import io.covet.schema.SchemaDdl;
import io.covet.schema.Table;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a SQLite file from sqlite_master, the PRAGMA table functions, and the CREATE TABLE text for names. */
public final class SqliteReader {
    private static final Pattern SIZED = Pattern.compile("^([a-z ]+?)\\s*\\((\\d+)(?:\\s*,\\s*(\\d+))?\\)$");
    private static final Pattern ENUM_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]*");
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*");
    /** {@code col IN ('a', 'b')}: the column (possibly quoted) and the literal list. */
    private static final Pattern IN_LIST = Pattern.compile("(?is)^\\s*(\"[^\"]+\"|`[^`]+`|\\[[^\\]]+\\]|\\w+)\\s+IN\\s*"
            + "\\(\\s*('(?:[^']|'')*'(?:\\s*,\\s*'(?:[^']|'')*')*)\\s*\\)\\s*$");
    private final Connection c;

    public SqliteReader(Connection c) {
        this.c = c;
    }

    public List<Table> read() throws SQLException {
        List<Table> out = new ArrayList<>();
        for (String[] r : Rows.query(c, "SELECT name, sql FROM sqlite_master WHERE type = 'table' "
                + "AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name")) {
            if (!r[0].startsWith(SchemaDdl.REBUILD_PREFIX)) {
                out.add(table(r[0], r[1]));
            }
        }
        return enumsNamedByColumn(out);
    }

    /**
     * SQLite keeps no enum type names: an enum column is read under the name {@code <table>_<column>}. Where every
     * enum column of one name has the same labels, that column name is the type's name instead ({@code mood}), as
     * a model of one shared enum declares it.
     */
    private static List<Table> enumsNamedByColumn(List<Table> tables) {
        java.util.Map<String, java.util.Set<List<String>>> labelsByColumn = new java.util.HashMap<>();
        for (Table t : tables) {
            for (Column col : t.columns()) {
                if (col.type().kind() == ColumnType.Kind.ENUM) {
                    labelsByColumn.computeIfAbsent(col.name(), k -> new java.util.HashSet<>()).add(col.type().labels());
                }
            }
        }
        List<Table> out = new ArrayList<>();
        for (Table t : tables) {
            Table renamed = t;
            for (Column col : t.columns()) {
                if (col.type().kind() == ColumnType.Kind.ENUM && labelsByColumn.get(col.name()).size() == 1
                        && ENUM_NAME.matcher(col.name()).matches()) {
                    renamed = renamed.withColumn(col.withType(ColumnType.enumType(col.name(), col.type().labels())));
                }
            }
            out.add(renamed);
        }
        return out;
    }

    /**
     * The column's type and the checks on its definition: a {@code TEXT} column whose one check is
     * {@code col IN ('a', 'b', …)} with labels that are identifiers is an enum column (what Covet's DDL writes for
     * one, named {@code <table>_<column>} until {@link #enumsNamedByColumn}); any other column check becomes a
     * check constraint named {@code <table>_<column>_check}.
     */
    private static ColumnType columnChecks(String table, Column col, List<String> checks, List<CheckConstraint> out) {
        String enumName = table + "_" + col.name();
        if (checks.size() == 1 && col.type().kind() == ColumnType.Kind.TEXT && ENUM_NAME.matcher(enumName).matches()) {
            Matcher m = IN_LIST.matcher(checks.get(0));
            if (m.matches() && CreateTableScanner.unquote(m.group(1)).equals(col.name())) {
                List<String> labels = ColumnType.splitLabels(m.group(2));
                if (labels != null && !labels.isEmpty() && labels.stream().allMatch(l -> IDENTIFIER.matcher(l).matches())
                        && new java.util.HashSet<>(labels).size() == labels.size()) {
                    return ColumnType.enumType(enumName, labels);
                }
            }
        }
        for (int i = 0; i < checks.size(); i++) {
            out.add(new CheckConstraint(table + "_" + col.name() + "_check" + (i == 0 ? "" : "_" + (i + 1)),
                    checks.get(i)));
        }
        return col.type();
    }

    private Table table(String name, String sql) throws SQLException {
        TableBuilder t = new TableBuilder(name);
        List<CreateTableScanner.Item> items = CreateTableScanner.constraints(sql);
        // table_xinfo, unlike table_info, lists generated columns (hidden 2 = virtual, 3 = stored)
        List<String[]> info = Rows.query(c, "SELECT name, type, \"notnull\", dflt_value, pk, hidden "
                + "FROM pragma_table_xinfo(?) WHERE hidden IN (0, 2, 3) ORDER BY cid", name);
        java.util.Map<String, Column.Generated> generations = CreateTableScanner.columnGenerations(sql);
        List<String[]> pkRows = new ArrayList<>(info.stream().filter(r -> !"0".equals(r[4])).toList());
        pkRows.sort((a, b) -> Integer.compare(Integer.parseInt(a[4]), Integer.parseInt(b[4])));
        pkRows.forEach(r -> t.pk.add(r[0]));
        boolean autoinc = sql != null && sql.toUpperCase(Locale.ROOT).contains("AUTOINCREMENT");
        for (String[] r : info) {
            boolean auto = autoinc && t.pk.size() == 1 && t.pk.get(0).equals(r[0])
                    && "INTEGER".equalsIgnoreCase(r[1].strip());
            Column.Generated g = "0".equals(r[5]) ? null : generations.get(r[0]);
            t.columns.add(new Column(r[0], type(r[1]), "0".equals(r[2]), Defaults.parse(r[3], false), auto, g));
        }
        java.util.Map<String, List<String>> checksByColumn = CreateTableScanner.columnChecks(sql);
        for (int i = 0; i < t.columns.size(); i++) {
            Column col = t.columns.get(i);
            List<String> checks = checksByColumn.get(col.name());
            if (checks != null) {
                t.columns.set(i, col.withType(columnChecks(name, col, checks, t.checks)));
            }
        }
        for (String[] l : Rows.query(c, "SELECT name, \"unique\", origin, partial FROM pragma_index_list(?) "
                + "ORDER BY name", name)) {
            if ("pk".equals(l[2])) {
                continue;
            }
            List<String> cols = Rows.query(c, "SELECT name FROM pragma_index_info(?) ORDER BY seqno", l[0]).stream()
                    .map(x -> x[0]).toList();
            if ("u".equals(l[2])) {
                String n = items.stream().filter(i -> i.kind().equals("UNIQUE") && i.columns().equals(cols)
                        && i.name() != null).map(CreateTableScanner.Item::name).findFirst()
                        .orElse(name + "_" + String.join("_", cols) + "_uniq");
                t.uniques.put(n, new ArrayList<>(cols));
            } else {
                String where = null;
                if ("1".equals(l[3])) {
                    List<String[]> s = Rows.query(c, "SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?", l[0]);
                    where = s.isEmpty() ? null : CreateTableScanner.indexWhere(s.get(0)[0]);
                }
                for (String col : cols) {
                    t.index(l[0], col, "1".equals(l[1]), where);
                }
            }
        }
        List<String[]> fks = Rows.query(c, "SELECT id, \"table\", \"from\", \"to\", on_delete FROM "
                + "pragma_foreign_key_list(?) ORDER BY id, seq", name);
        java.util.Map<String, List<String>> fromById = new java.util.LinkedHashMap<>();
        for (String[] f : fks) {
            fromById.computeIfAbsent(f[0], k -> new ArrayList<>()).add(f[2]);
        }
        for (String[] f : fks) {
            List<String> from = fromById.get(f[0]);
            String fkName = items.stream().filter(i -> i.kind().equals("FOREIGN") && i.columns().equals(from)
                    && i.name() != null).map(CreateTableScanner.Item::name).findFirst()
                    .orElse(name + "_" + String.join("_", from) + "_fk");
            String to = f[3];
            if (to == null) {
                int pos = from.indexOf(f[2]);
                List<String[]> parentPk = Rows.query(c, "SELECT name FROM pragma_table_info(?) WHERE pk > 0 ORDER BY pk", f[1]);
                to = pos < parentPk.size() ? parentPk.get(pos)[0] : f[2];
            }
            t.fk(fkName, f[2], f[1], to, OnDelete.parse(f[4]));
        }
        int unnamed = 0;
        for (CreateTableScanner.Item i : items) {
            if (i.kind().equals("CHECK")) {
                t.checks.add(new CheckConstraint(i.name() != null ? i.name() : name + "_check_" + (++unnamed),
                        i.expression()));
            }
        }
        return t.build();
    }

    static ColumnType type(String declared) {
        String t = declared == null ? "" : declared.toLowerCase(Locale.ROOT).strip();
        Matcher m = SIZED.matcher(t);
        if (m.matches()) {
            String base = m.group(1).strip();
            int a = Integer.parseInt(m.group(2));
            if (base.equals("decimal") || base.equals("numeric")) {
                return ColumnType.decimal(a, m.group(3) == null ? 0 : Integer.parseInt(m.group(3)));
            }
            if (base.equals("varchar") || base.equals("nvarchar") || base.equals("character varying")
                    || base.equals("varying character") || base.equals("nvarchar2")) {
                return ColumnType.varchar(a);
            }
            if (base.equals("char") || base.equals("nchar") || base.equals("character")) {
                return ColumnType.fixedChar(a);
            }
            return ColumnType.raw(declared.strip());
        }
        return switch (t) {
            case "smallint" -> ColumnType.of(ColumnType.Kind.SMALLINT);
            case "integer", "int" -> ColumnType.of(ColumnType.Kind.INTEGER);
            case "bigint" -> ColumnType.of(ColumnType.Kind.BIGINT);
            case "real", "float" -> ColumnType.of(ColumnType.Kind.REAL);
            case "double", "double precision" -> ColumnType.of(ColumnType.Kind.DOUBLE);
            case "boolean", "bool" -> ColumnType.of(ColumnType.Kind.BOOLEAN);
            case "text", "clob" -> ColumnType.of(ColumnType.Kind.TEXT);
            case "blob", "bytes" -> ColumnType.of(ColumnType.Kind.BYTES);
            case "date" -> ColumnType.of(ColumnType.Kind.DATE);
            case "time" -> ColumnType.of(ColumnType.Kind.TIME);
            case "timestamp", "datetime" -> ColumnType.of(ColumnType.Kind.TIMESTAMP);
            case "timestamptz" -> ColumnType.of(ColumnType.Kind.TIMESTAMPTZ);
            case "uuid" -> ColumnType.of(ColumnType.Kind.UUID);
            case "json", "jsonb", "json text" -> ColumnType.of(ColumnType.Kind.JSON);
            default -> t.isEmpty() ? ColumnType.raw("BLOB") : ColumnType.raw(declared.strip());
        };
    }
}
