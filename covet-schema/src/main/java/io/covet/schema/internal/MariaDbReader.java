package io.covet.schema.internal;

import io.covet.schema.CheckConstraint;
import io.covet.schema.Column;
import io.covet.schema.ColumnType;
import io.covet.schema.OnDelete;
import io.covet.schema.Table;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the current database from information_schema. MariaDB quirks handled here: a JSON column is LONGTEXT
 * plus a CHECK (json_valid(col)) named after the column; unique constraints are unique indexes; a foreign key
 * gets an index of the same name when none covers its columns.
 */
public final class MariaDbReader {
    private static final Pattern SIZED = Pattern.compile("^([a-z]+)\\((\\d+)(?:,(\\d+))?\\)(.*)$");
    private static final Pattern JSON_CHECK = Pattern.compile("^json_valid\\(`([^`]+)`\\)$");
    private static final String DB = "TABLE_SCHEMA = DATABASE()";
    private final Connection c;

    public MariaDbReader(Connection c) {
        this.c = c;
    }

    public List<Table> read() throws SQLException {
        Map<String, TableBuilder> tables = new LinkedHashMap<>();
        for (String[] r : Rows.query(c, "SELECT TABLE_NAME FROM information_schema.TABLES WHERE " + DB
                + " AND TABLE_TYPE IN ('BASE TABLE', 'SYSTEM VERSIONED') ORDER BY TABLE_NAME")) {
            tables.put(r[0], new TableBuilder(r[0]));
        }
        Map<String, List<String>> jsonColumns = new HashMap<>();
        for (String[] r : Rows.query(c, "SELECT TABLE_NAME, CONSTRAINT_NAME, CHECK_CLAUSE FROM "
                + "information_schema.CHECK_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = DATABASE() "
                + "ORDER BY TABLE_NAME, CONSTRAINT_NAME")) {
            TableBuilder t = tables.get(r[0]);
            if (t == null) {
                continue;
            }
            Matcher m = JSON_CHECK.matcher(r[2].strip());
            if (m.matches() && m.group(1).equals(r[1])) {
                jsonColumns.computeIfAbsent(r[0], k -> new ArrayList<>()).add(r[1]);
            } else {
                t.checks.add(new CheckConstraint(r[1], r[2].strip()));
            }
        }
        Map<String, String> liveFlags = new HashMap<>();
        for (String[] r : Rows.query(c, "SELECT TABLE_NAME, COLUMN_NAME, COLUMN_TYPE, IS_NULLABLE, COLUMN_DEFAULT, EXTRA, "
                + "GENERATION_EXPRESSION FROM information_schema.COLUMNS WHERE " + DB + " ORDER BY TABLE_NAME, ORDINAL_POSITION")) {
            TableBuilder t = tables.get(r[0]);
            if (t == null) {
                continue;
            }
            String extra = r[5] == null ? "" : r[5].toUpperCase(Locale.ROOT);
            if (r[1].endsWith(LiveRows.SUFFIX) && extra.contains("VIRTUAL GENERATED") && extra.contains("INVISIBLE")) {
                // the stand-in of a live-rows unique index (see LiveRows): part of the index, not a column
                liveFlags.put(r[0] + "." + r[1], r[1].substring(0, r[1].length() - LiveRows.SUFFIX.length()));
                continue;
            }
            boolean json = jsonColumns.getOrDefault(r[0], List.of()).contains(r[1]);
            ColumnType type = json ? ColumnType.of(ColumnType.Kind.JSON) : type(r[2]);
            boolean auto = r[5] != null && r[5].toLowerCase(Locale.ROOT).contains("auto_increment");
            Column.Generated g = extra.contains("GENERATED") && r[6] != null
                    ? new Column.Generated(r[6], extra.contains("STORED")) : null;
            t.columns.add(new Column(r[1], type, "YES".equals(r[3]), g != null ? null : Defaults.parse(r[4], true),
                    auto, g));
        }
        Map<String, String> fkTableOf = new HashMap<>();
        Map<String, String> liveIndexes = new java.util.LinkedHashMap<>();
        for (String[] r : Rows.query(c, "SELECT k.TABLE_NAME, k.CONSTRAINT_NAME, k.COLUMN_NAME, k.REFERENCED_TABLE_NAME, "
                + "k.REFERENCED_COLUMN_NAME, rc.DELETE_RULE FROM information_schema.KEY_COLUMN_USAGE k "
                + "JOIN information_schema.REFERENTIAL_CONSTRAINTS rc ON rc.CONSTRAINT_SCHEMA = k.CONSTRAINT_SCHEMA "
                + "AND rc.CONSTRAINT_NAME = k.CONSTRAINT_NAME AND rc.TABLE_NAME = k.TABLE_NAME "
                + "WHERE k.TABLE_SCHEMA = DATABASE() ORDER BY k.TABLE_NAME, k.CONSTRAINT_NAME, k.ORDINAL_POSITION")) {
            TableBuilder t = tables.get(r[0]);
            if (t != null) {
                t.fk(r[1], r[2], r[3], r[4], OnDelete.parse(r[5]));
                fkTableOf.put(r[0] + "." + r[1], r[0]);
            }
        }
        for (String[] r : Rows.query(c, "SELECT TABLE_NAME, INDEX_NAME, NON_UNIQUE, COLUMN_NAME FROM "
                + "information_schema.STATISTICS WHERE " + DB + " ORDER BY TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX")) {
            TableBuilder t = tables.get(r[0]);
            if (t == null) {
                continue;
            }
            if (r[1].equals("PRIMARY")) {
                if (!r[3].equals(io.covet.schema.SystemVersioning.ROW_END) || !versioned(t)) {
                    t.pk.add(r[3]); // MariaDB appends row_end to a versioned table's key; the state's key lacks it
                }
            } else if ("0".equals(r[2]) && liveFlags.containsKey(r[0] + "." + r[3])) {
                liveIndexes.put(r[0] + "." + r[1], liveFlags.get(r[0] + "." + r[3]) + " IS NULL");
            } else if ("0".equals(r[2])) {
                t.uniques.computeIfAbsent(r[1], k -> new ArrayList<>()).add(r[3]);
            } else if (!fkTableOf.containsKey(r[0] + "." + r[1])) {
                t.index(r[1], r[3], false, null);
            }
        }
        liveIndexes.forEach((key, where) -> {
            TableBuilder t = tables.get(key.substring(0, key.indexOf('.')));
            String name = key.substring(key.indexOf('.') + 1);
            for (String col : t.uniques.remove(name)) {
                t.index(name, col, true, where);
            }
        });
        List<Table> out = new ArrayList<>();
        for (TableBuilder t : tables.values()) {
            out.add(t.build());
        }
        return out;
    }

    private static boolean versioned(TableBuilder t) {
        return t.columns.stream().anyMatch(c -> c.name().equals(io.covet.schema.SystemVersioning.ROW_END)
                && io.covet.schema.SystemVersioning.isPeriodColumn(c));
    }

    static ColumnType type(String columnType) {
        String t = columnType.toLowerCase(Locale.ROOT).strip();
        if (t.startsWith("tinyint(1)")) {
            return ColumnType.of(ColumnType.Kind.BOOLEAN);
        }
        if (t.contains("unsigned") || t.contains("zerofill")) {
            return ColumnType.raw(t);
        }
        Matcher m = SIZED.matcher(t);
        String base = m.matches() ? m.group(1) : t;
        return switch (base) {
            case "smallint" -> ColumnType.of(ColumnType.Kind.SMALLINT);
            case "int", "integer", "mediumint" -> ColumnType.of(ColumnType.Kind.INTEGER);
            case "bigint" -> ColumnType.of(ColumnType.Kind.BIGINT);
            case "decimal", "numeric" -> m.matches() ? ColumnType.decimal(Integer.parseInt(m.group(2)),
                    m.group(3) == null ? 0 : Integer.parseInt(m.group(3))) : ColumnType.raw(t);
            case "float" -> ColumnType.of(ColumnType.Kind.REAL);
            case "double" -> ColumnType.of(ColumnType.Kind.DOUBLE);
            case "char" -> m.matches() ? ColumnType.fixedChar(Integer.parseInt(m.group(2))) : ColumnType.raw(t);
            case "varchar" -> m.matches() ? ColumnType.varchar(Integer.parseInt(m.group(2))) : ColumnType.raw(t);
            case "tinytext", "text", "mediumtext", "longtext" -> ColumnType.of(ColumnType.Kind.TEXT);
            case "tinyblob", "blob", "mediumblob", "longblob" -> ColumnType.of(ColumnType.Kind.BYTES);
            case "date" -> ColumnType.of(ColumnType.Kind.DATE);
            case "time" -> ColumnType.of(ColumnType.Kind.TIME);
            case "datetime", "timestamp" -> ColumnType.of(ColumnType.Kind.TIMESTAMP);
            case "uuid" -> ColumnType.of(ColumnType.Kind.UUID);
            // as reported: the labels of ENUM(...) and SET(...) keep their case
            default -> ColumnType.raw(columnType.strip());
        };
    }
}
