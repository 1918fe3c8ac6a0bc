package io.covet.schema;

import io.covet.core.engine.Engine;
import io.covet.core.error.UnsupportedFeature;

import java.util.List;

/**
 * MariaDB system versioning ({@code WITH SYSTEM VERSIONING}) in the schema state: a versioned table carries two
 * explicit, invisible period columns, {@value #ROW_START} and {@value #ROW_END} ({@code TIMESTAMP(6) GENERATED
 * ALWAYS AS ROW START / ROW END INVISIBLE}), which the engine fills. Explicit columns (rather than MariaDB's implicit
 * ones) keep the versioning visible in the state the migrations build, in what the introspector reads back and in a
 * backup's schema, so a drift check and a restore see it; being invisible, {@code SELECT *} and an INSERT without a
 * column list do not see them. The state's columns are {@link ColumnType.Kind#TIMESTAMP} generated as
 * {@code ROW START}/{@code ROW END}; MariaDB's DDL renders them as the period columns and the table
 * {@code WITH SYSTEM VERSIONING}. Other engines refuse such a table ({@link #unsupported(Engine, String)}).
 */
public final class SystemVersioning {
    /** The column holding when a row version began (the start time of the statement that wrote it). */
    public static final String ROW_START = "row_start";
    /** The column holding when a row version ended; {@code 2038-01-19 03:14:07.999999} for the current version. */
    public static final String ROW_END = "row_end";

    private static final Column START = new Column(ROW_START, ColumnType.of(ColumnType.Kind.TIMESTAMP), false, null,
            false, new Column.Generated("ROW START", true));
    private static final Column END = new Column(ROW_END, ColumnType.of(ColumnType.Kind.TIMESTAMP), false, null,
            false, new Column.Generated("ROW END", true));

    private SystemVersioning() {
    }

    /** The two period columns as the state holds them. */
    public static List<Column> columns() {
        return List.of(START, END);
    }

    /** Whether {@code c} is one of the period columns (by its generation, not only its name). */
    public static boolean isPeriodColumn(Column c) {
        return c.generated() != null && (c.generated().expression().equalsIgnoreCase("ROW START")
                || c.generated().expression().equalsIgnoreCase("ROW END"));
    }

    /** Whether {@code t} is system-versioned: it has both period columns. */
    public static boolean isVersioned(Table t) {
        return t.column(ROW_START).filter(SystemVersioning::isPeriodColumn).isPresent()
                && t.column(ROW_END).filter(SystemVersioning::isPeriodColumn).isPresent();
    }

    /** {@code t} with the period columns added at the end (unchanged when it is versioned already). */
    public static Table with(Table t) {
        if (isVersioned(t)) {
            return t;
        }
        for (String n : List.of(ROW_START, ROW_END)) {
            if (t.column(n).isPresent()) {
                throw new IllegalArgumentException("table " + t.name() + " has a column " + n + " of its own, the name "
                        + "system versioning needs for its period column; rename that column");
            }
        }
        return t.withColumn(START).withColumn(END);
    }

    /** {@code t} without the period columns. */
    public static Table without(Table t) {
        return isVersioned(t) ? t.withoutColumn(ROW_START).withoutColumn(ROW_END) : t;
    }

    /** The error for a system-versioned table on an engine other than MariaDB. */
    public static UnsupportedFeature unsupported(Engine engine, String table) {
        return new UnsupportedFeature(engine, "system versioning (table " + table + ", @History(capture = "
                + "SYSTEM_VERSIONING))", "System versioning is MariaDB's: on this engine use @History with the "
                + "default capture (TRIGGERS), which keeps a history table written by database triggers.");
    }
}
