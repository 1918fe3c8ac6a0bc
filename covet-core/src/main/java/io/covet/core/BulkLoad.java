package io.covet.core;

import io.covet.core.dialect.Dialect;
import io.covet.core.engine.Engine;
import io.covet.core.internal.BulkLoader;
import io.covet.core.internal.RawConnections;
import io.covet.core.pipeline.StatementKind;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Bulk loading on a connection whose transaction the caller manages, for code that keeps a larger unit of work
 * together, such as a restore ({@link Database#bulkLoad(String, List, Iterator)} is the everyday form, which
 * commits on its own). Same fast paths: PostgreSQL {@code COPY … FROM STDIN} (text format), MariaDB multi-row
 * {@code INSERT}s of up to 1,000 rows, SQLite a prepared batch. Nothing is committed or rolled back here.
 */
public final class BulkLoad {
    private BulkLoad() {
    }

    /**
     * Loads {@code rows} into {@code table} on {@code connection}. When the connection is the one a
     * {@link Database#withConnection} callback got, the load passes that database's interceptors as one
     * {@link StatementKind#BULK_LOAD}.
     *
     * @param engine  the engine of the connection
     * @param table   the target already quoted for that engine, optionally schema-qualified, e.g.
     *                {@code "public"."users"} ({@link Dialect#quote}); anything else is refused
     * @param columns the column names as the table has them, one per value of each row; quoted here by the
     *                engine's rules ({@link Dialect#quoteExisting}: a quote character inside is doubled), so
     *                every name the engine accepted works, as the table name does
     * @param rows    one array per row; consumed as it is sent
     * @return the number of rows loaded
     * @throws IllegalArgumentException when {@code table} is not a quoted name, a row has the wrong width, or no
     *                                  column is named; nothing is sent then
     * @throws io.covet.core.dialect.InvalidIdentifierException for an empty column name or one holding NUL
     * @throws SQLException the driver's failure; the caller's transaction decides what happens to loaded rows
     */
    public static long onConnection(Connection connection, Engine engine, String table, List<String> columns,
                                    Iterator<Object[]> rows) throws SQLException {
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(rows, "rows");
        Dialect d = Dialect.of(engine.family());
        if (table == null || !quotedName(d).matcher(table).matches()) {
            throw new IllegalArgumentException("bulk load target " + table + " is not a quoted table name for "
                    + engine.displayName() + "; quote it with Dialect.quote (e.g. " + d.quote("shop") + "."
                    + d.quote("orders") + ")");
        }
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("bulk load into " + table + " needs at least one column");
        }
        StringBuilder cols = new StringBuilder();
        for (String col : columns) {
            if (cols.length() > 0) {
                cols.append(", ");
            }
            d.quoteExistingInto(cols, col);
        }
        String colList = cols.toString();
        RawConnections.Unwrapped raw = RawConnections.unwrap(connection);
        if (raw == null) {
            return BulkLoader.loadOn(connection, engine, table, colList, columns.size(), rows);
        }
        Connection real = raw.connection();
        return raw.executor().pipeline().runSql(raw.executor().context(StatementKind.BULK_LOAD,
                        BulkLoader.sqlFor(engine, table, colList, columns.size()), List.of(unquoted(table)), null),
                () -> BulkLoader.loadOn(real, engine, table, colList, columns.size(), rows), n -> n,
                e -> raw.executor().translate("bulk load into " + table, e));
    }

    /**
     * Loads rows given as text on {@code connection}, whose transaction the caller manages, with the engine's
     * client-side text load ({@link io.covet.core.dialect.Feature#LOAD_DATA_LOCAL}: MariaDB/MySQL
     * {@code LOAD DATA LOCAL INFILE}), faster than INSERTs because the server parses plain values. The text is the
     * statement's default format: one row a line ending in {@code \n}, fields separated by {@code \t},
     * {@code \N} for NULL, and a backslash escaping a tab, newline, NUL ({@code \0}) or backslash inside a value;
     * UTF-8. The columns at {@code hexColumns} hold the hex digits of their bytes instead. A value the server
     * would change (truncate, convert) or a row it would skip (duplicate key) fails the load, as an INSERT would.
     * Passes the database's interceptors as one {@link StatementKind#BULK_LOAD}, like
     * {@link #onConnection(Connection, Engine, String, List, Iterator)}.
     *
     * @param table      the target already quoted for that engine, optionally qualified
     * @param columns    the column names as the table has them, in the order of the fields; quoted here
     * @param hexColumns the zero-based positions of the columns sent as hex
     * @param text       the rows; read to its end by the driver
     * @return the number of rows loaded
     * @throws IllegalArgumentException when {@code table} is not a quoted name or no column is named
     * @throws io.covet.core.error.UnsupportedFeature when the engine has no text load
     * @throws SQLException the driver's failure, a warning the server raised, or its refusal (e.g. its
     *                      {@code local_infile} is off); the caller's transaction decides what happens to loaded rows
     */
    public static long textOnConnection(Connection connection, Engine engine, String table, List<String> columns,
                                        java.util.Set<Integer> hexColumns, java.io.InputStream text)
            throws SQLException {
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(text, "text");
        Dialect d = Dialect.of(engine.family());
        if (table == null || !quotedName(d).matcher(table).matches()) {
            throw new IllegalArgumentException("bulk load target " + table + " is not a quoted table name for "
                    + engine.displayName() + "; quote it with Dialect.quote (e.g. " + d.quote("shop") + "."
                    + d.quote("orders") + ")");
        }
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("bulk load into " + table + " needs at least one column");
        }
        io.covet.core.internal.EngineSpecifics specifics = io.covet.core.internal.EngineSpecifics.of(engine);
        String sql = specifics.loadTextSql(table, columns.stream().map(d::quoteExisting).toList(), hexColumns);
        if (sql == null) {
            throw new io.covet.core.error.UnsupportedFeature(engine, "loading rows as text (LOAD DATA LOCAL)",
                    "Use onConnection, which loads with the engine's fastest statement.");
        }
        RawConnections.Unwrapped raw = RawConnections.unwrap(connection);
        if (raw == null) {
            return specifics.loadText(connection, sql, text);
        }
        Connection real = raw.connection();
        return raw.executor().pipeline().runSql(raw.executor().context(StatementKind.BULK_LOAD, sql,
                        List.of(unquoted(table)), null), () -> specifics.loadText(real, sql, text), n -> n,
                e -> raw.executor().translate("bulk load into " + table, e));
    }

    /** One or more names quoted the dialect's way, joined by dots; a quote inside a name is doubled. */
    private static Pattern quotedName(Dialect d) {
        String q = Pattern.quote(String.valueOf(d.quote("x").charAt(0)));
        String one = q + "(?:[^" + q.substring(2, q.length() - 2) + "]|" + q + q + ")+" + q;
        return Pattern.compile(one + "(?:\\." + one + ")*");
    }

    /** {@code "s"."t"} as {@code s.t}, the name interceptors are shown. */
    private static String unquoted(String table) {
        List<String> parts = new ArrayList<>();
        char q = table.charAt(0);
        int i = 0;
        while (i < table.length()) {
            StringBuilder part = new StringBuilder();
            i++; // the opening quote
            while (true) {
                char c = table.charAt(i);
                if (c == q && i + 1 < table.length() && table.charAt(i + 1) == q) {
                    part.append(q);
                    i += 2;
                } else if (c == q) {
                    i++;
                    break;
                } else {
                    part.append(c);
                    i++;
                }
            }
            parts.add(part.toString());
            i++; // the '.' between parts, or past the end
        }
        return String.join(".", parts);
    }
}
