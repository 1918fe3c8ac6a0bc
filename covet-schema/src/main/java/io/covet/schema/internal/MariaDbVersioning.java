package io.covet.schema.internal;

import io.covet.schema.Column;
import io.covet.schema.SystemVersioning;
import io.covet.schema.Table;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The MariaDB DDL of system-versioned tables ({@link SystemVersioning}): the period columns, the table clause, and
 * the session setting every ALTER of a versioned table needs.
 */
final class MariaDbVersioning {
    /**
     * MariaDB refuses an ALTER of a versioned table unless {@code system_versioning_alter_history} is {@code KEEP}
     * (the history rows are then kept as they are, without the change). The setting is saved, set for the
     * statements and restored, so the connection is left as it was.
     */
    static final String SAVE = "SET @covet_sv_alter = @@SESSION.system_versioning_alter_history";
    static final String KEEP = "SET SESSION system_versioning_alter_history = KEEP";
    static final String RESTORE = "SET SESSION system_versioning_alter_history = @covet_sv_alter";

    private MariaDbVersioning() {
    }

    /** A period column's definition. */
    static String columnSql(UnaryOperator<String> q, Column c) {
        return q.apply(c.name()) + " TIMESTAMP(6) GENERATED ALWAYS AS " + c.generated().expression().toUpperCase(
                java.util.Locale.ROOT) + " INVISIBLE";
    }

    /** CREATE TABLE (the first statement of {@code create}) with the period and {@code WITH SYSTEM VERSIONING}. */
    static List<String> create(UnaryOperator<String> q, Table t, List<String> create) {
        if (!SystemVersioning.isVersioned(t)) {
            return create;
        }
        List<String> out = new ArrayList<>(create);
        String first = out.get(0);
        int close = first.lastIndexOf("\n)");
        out.set(0, first.substring(0, close) + ",\n    PERIOD FOR SYSTEM_TIME (" + q.apply(SystemVersioning.ROW_START)
                + ", " + q.apply(SystemVersioning.ROW_END) + ")" + first.substring(close) + " WITH SYSTEM VERSIONING");
        return out;
    }

    /** {@code sql} run with ALTER of history allowed when {@code t} is versioned; unchanged otherwise. */
    static List<String> keep(Table t, List<String> sql) {
        if (t == null || !SystemVersioning.isVersioned(t) || sql.isEmpty()) {
            return sql;
        }
        List<String> out = new ArrayList<>();
        out.add(SAVE);
        out.add(KEEP);
        out.addAll(sql);
        out.add(RESTORE);
        return out;
    }

    /** Adds the period columns and versioning to an existing table in one statement (MariaDB requires one). */
    static List<String> add(UnaryOperator<String> q, Table after) {
        Table t = after;
        return List.of("ALTER TABLE " + q.apply(t.name()) + " ADD COLUMN "
                + columnSql(q, t.requireColumn(SystemVersioning.ROW_START)) + ", ADD COLUMN "
                + columnSql(q, t.requireColumn(SystemVersioning.ROW_END)) + ", ADD PERIOD FOR SYSTEM_TIME ("
                + q.apply(SystemVersioning.ROW_START) + ", " + q.apply(SystemVersioning.ROW_END)
                + "), ADD SYSTEM VERSIONING");
    }

    /** Drops versioning, the period and its columns: the history rows go, the current rows stay. */
    static List<String> drop(UnaryOperator<String> q, Table before) {
        return keep(before, List.of("ALTER TABLE " + q.apply(before.name()) + " DROP SYSTEM VERSIONING, DROP PERIOD "
                + "FOR SYSTEM_TIME, DROP COLUMN " + q.apply(SystemVersioning.ROW_START) + ", DROP COLUMN "
                + q.apply(SystemVersioning.ROW_END)));
    }
}
