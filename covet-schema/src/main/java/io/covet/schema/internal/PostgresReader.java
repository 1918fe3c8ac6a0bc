package io.covet.schema.internal;

import io.covet.schema.Column;
import io.covet.schema.ColumnDefault;
import io.covet.schema.ColumnType;
import io.covet.schema.OnDelete;
import io.covet.schema.CheckConstraint;
import io.covet.schema.Table;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the current schema from pg_catalog: a handful of queries for the whole schema, not one per table. */
public final class PostgresReader {
    private static final Pattern SIZED = Pattern.compile("^([a-z ]+)\\((\\d+)(?:,(\\d+))?\\)(.*)$");
    private static final String NS = "n.nspname = current_schema()";
    private final Connection c;

    public PostgresReader(Connection c) {
        this.c = c;
    }

    public List<Table> read() throws SQLException {
        Map<String, TableBuilder> tables = new LinkedHashMap<>();
        for (String[] r : Rows.query(c, "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                + "WHERE " + NS + " AND c.relkind IN ('r', 'p') AND NOT c.relispartition ORDER BY c.relname")) {
            tables.put(r[0], new TableBuilder(r[0]));
        }
        // enum types of the current schema with their labels in order: a column of one is an ENUM, not text
        Map<String, List<String>> enums = new LinkedHashMap<>();
        for (String[] r : Rows.query(c, "SELECT t.oid::text, e.enumlabel FROM pg_type t "
                + "JOIN pg_enum e ON e.enumtypid = t.oid JOIN pg_namespace n ON n.oid = t.typnamespace "
                + "WHERE " + NS + " ORDER BY t.oid, e.enumsortorder")) {
            enums.computeIfAbsent(r[0], k -> new ArrayList<>()).add(r[1]);
        }
        for (String[] r : Rows.query(c, "SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod), "
                + "a.attnotnull, pg_get_expr(d.adbin, d.adrelid), a.attidentity, a.atttypid::text, ty.typname, "
                + "a.attgenerated, a.attndims FROM pg_attribute a "
                + "JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
                + "JOIN pg_type ty ON ty.oid = a.atttypid "
                + "LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum "
                + "WHERE " + NS + " AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped "
                + "ORDER BY c.relname, a.attnum")) {
            TableBuilder t = tables.get(r[0]);
            if (t == null) {
                continue;
            }
            boolean auto = r[5] != null && !r[5].isEmpty();
            String dflt = r[4];
            if (dflt != null && dflt.startsWith("nextval(")) {
                auto = true;
                dflt = null;
            }
            List<String> labels = enums.get(r[6]);
            ColumnType type = labels != null ? enumOrRaw(r[7], labels, r[2]) : type(dimensions(r[2], r[9]));
            // a generated column's expression is kept where a default would be
            Column.Generated g = "s".equals(r[8]) ? new Column.Generated(dflt, true) : null;
            ColumnDefault d = g != null ? null : Defaults.parse(dflt, false);
            t.columns.add(new Column(r[1], type, !"t".equals(r[3]), d, auto, g));
        }
        String conCols = "SELECT c.relname, con.conname, con.contype, a.attname, fc.relname, fa.attname, con.confdeltype "
                + "FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid "
                + "JOIN pg_namespace n ON n.oid = c.relnamespace "
                + "CROSS JOIN LATERAL unnest(con.conkey) WITH ORDINALITY AS k(attnum, ord) "
                + "JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum "
                + "LEFT JOIN pg_class fc ON fc.oid = con.confrelid "
                + "LEFT JOIN pg_attribute fa ON fa.attrelid = con.confrelid AND fa.attnum = con.confkey[k.ord] "
                + "WHERE " + NS + " AND con.contype IN ('p', 'u', 'f') ORDER BY c.relname, con.conname, k.ord";
        for (String[] r : Rows.query(c, conCols)) {
            TableBuilder t = tables.get(r[0]);
            if (t == null) {
                continue;
            }
            switch (r[2]) {
                case "p" -> t.pk.add(r[3]);
                case "u" -> t.uniques.computeIfAbsent(r[1], k -> new ArrayList<>()).add(r[3]);
                default -> t.fk(r[1], r[3], r[4], r[5], onDelete(r[6]));
            }
        }
        for (String[] r : Rows.query(c, "SELECT c.relname, con.conname, pg_get_constraintdef(con.oid) "
                + "FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid "
                + "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE " + NS + " AND con.contype = 'c' "
                + "ORDER BY c.relname, con.conname")) {
            TableBuilder t = tables.get(r[0]);
            if (t != null) {
                t.checks.add(new CheckConstraint(r[1], checkBody(r[2])));
            }
        }
        for (String[] r : Rows.query(c, "SELECT c.relname, ic.relname, i.indisunique, pg_get_expr(i.indpred, i.indrelid), "
                + "a.attname FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid "
                + "JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_class ic ON ic.oid = i.indexrelid "
                + "CROSS JOIN LATERAL unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord) "
                + "LEFT JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum "
                + "WHERE " + NS + " AND NOT i.indisprimary AND NOT EXISTS (SELECT 1 FROM pg_constraint x "
                + "WHERE x.conindid = i.indexrelid AND x.contype IN ('p', 'u', 'x')) "
                + "ORDER BY c.relname, ic.relname, k.ord")) {
            TableBuilder t = tables.get(r[0]);
            if (t != null) {
                t.index(r[1], r[4], "t".equals(r[2]), r[3]);
            }
        }
        List<Table> out = new ArrayList<>();
        for (TableBuilder t : tables.values()) {
            out.add(t.build());
        }
        return out;
    }

    /** The domains of the current schema: name as format_type spells it → base type as format_type spells it. */
    public static Map<String, String> domains(Connection c) throws SQLException {
        Map<String, String> out = new LinkedHashMap<>();
        for (String[] r : Rows.query(c, "SELECT format_type(t.oid, NULL), format_type(t.typbasetype, t.typtypmod) "
                + "FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace WHERE " + NS + " AND t.typtype = 'd' "
                + "ORDER BY t.typname")) {
            out.put(r[0], r[1]);
        }
        return out;
    }

    /** An enum type, or the formatted name kept raw when the type's name or labels are not ones Covet models. */
    private static ColumnType enumOrRaw(String name, List<String> labels, String formatted) {
        try {
            return ColumnType.enumType(name, labels);
        } catch (IllegalArgumentException e) {
            return ColumnType.raw(formatted);
        }
    }

    /** {@code CHECK ((a > 0))} → {@code a > 0}. */
    static String checkBody(String def) {
        String s = def.strip();
        if (s.regionMatches(true, 0, "CHECK", 0, 5)) {
            s = s.substring(5).strip();
        }
        s = s.replace(" NOT VALID", "");
        while (s.startsWith("(") && s.endsWith(")")) {
            s = s.substring(1, s.length() - 1).strip();
        }
        return s;
    }

    private static OnDelete onDelete(String code) {
        return switch (code == null ? "a" : code) {
            case "r" -> OnDelete.RESTRICT;
            case "c" -> OnDelete.CASCADE;
            case "n" -> OnDelete.SET_NULL;
            case "d" -> OnDelete.SET_DEFAULT;
            default -> OnDelete.NO_ACTION;
        };
    }

    /**
     * format_type's spelling with one {@code []} per declared dimension: format_type writes one for any count, so a
     * column declared {@code integer[][]} (attndims 2) would read as {@code integer[]}, an array a List field holds,
     * and its two-dimensional values would not fit. With its dimensions it stays a native type.
     */
    private static String dimensions(String formatted, String attndims) {
        int dims = attndims == null ? 0 : Integer.parseInt(attndims);
        return dims > 1 && formatted.endsWith("[]") ? formatted + "[]".repeat(dims - 1) : formatted;
    }

    static ColumnType type(String formatted) {
        String t = formatted.strip();
        if (t.endsWith("[]")) {
            // an array of a portable element type (format_type spells every dimension count as one []) is an array
            // type; of any other element (tsvector[], an enum's array) it stays native
            ColumnType element = type(t.substring(0, t.length() - 2));
            try {
                return ColumnType.array(element);
            } catch (IllegalArgumentException notAnElement) {
                return ColumnType.raw(t);
            }
        }
        Matcher m = SIZED.matcher(t);
        if (m.matches()) {
            String base = m.group(1).strip();
            int a = Integer.parseInt(m.group(2));
            String rest = m.group(4).strip();
            switch (base) {
                case "character varying":
                    return ColumnType.varchar(a);
                case "character":
                    return ColumnType.fixedChar(a);
                case "numeric":
                    return ColumnType.decimal(a, m.group(3) == null ? 0 : Integer.parseInt(m.group(3)));
                case "timestamp":
                    return ColumnType.of(rest.startsWith("with time zone") ? ColumnType.Kind.TIMESTAMPTZ
                            : ColumnType.Kind.TIMESTAMP);
                case "time":
                    if (rest.startsWith("without")) {
                        return ColumnType.of(ColumnType.Kind.TIME);
                    }
                    return ColumnType.raw(t);
                default:
                    return ColumnType.raw(t);
            }
        }
        return switch (t) {
            case "smallint" -> ColumnType.of(ColumnType.Kind.SMALLINT);
            case "integer" -> ColumnType.of(ColumnType.Kind.INTEGER);
            case "bigint" -> ColumnType.of(ColumnType.Kind.BIGINT);
            case "real" -> ColumnType.of(ColumnType.Kind.REAL);
            case "double precision" -> ColumnType.of(ColumnType.Kind.DOUBLE);
            case "boolean" -> ColumnType.of(ColumnType.Kind.BOOLEAN);
            case "text" -> ColumnType.of(ColumnType.Kind.TEXT);
            case "bytea" -> ColumnType.of(ColumnType.Kind.BYTES);
            case "date" -> ColumnType.of(ColumnType.Kind.DATE);
            case "time without time zone" -> ColumnType.of(ColumnType.Kind.TIME);
            case "timestamp without time zone" -> ColumnType.of(ColumnType.Kind.TIMESTAMP);
            case "timestamp with time zone" -> ColumnType.of(ColumnType.Kind.TIMESTAMPTZ);
            case "uuid" -> ColumnType.of(ColumnType.Kind.UUID);
            case "json", "jsonb" -> ColumnType.of(ColumnType.Kind.JSON);
            default -> ColumnType.raw(t);
        };
    }
}
