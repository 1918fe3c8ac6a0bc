package io.covet.core.internal;

import io.covet.core.dialect.Dialect;
import io.covet.core.engine.Engine;
import io.covet.core.pipeline.StatementKind;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.PGCopyOutputStream;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Iterator;
import java.util.List;

/**
 * Loads many rows with each engine's fast path, atomically (all rows or none):
 * PostgreSQL {@code COPY … FROM STDIN} in text format through the driver's {@code CopyManager}; MariaDB
 * multi-row {@code INSERT} statements of up to 1,000 rows inside one transaction; SQLite a prepared batch in one
 * transaction.
 */
public final class BulkLoader {
    /** Rows per MariaDB INSERT; bounded also by the 65,535 placeholders a statement may carry. */
    static final int MULTI_ROW = 1000;
    /** Rows per SQLite executeBatch call. */
    static final int SQLITE_BATCH = 5000;

    private BulkLoader() {
    }

    /**
     * Loads {@code rows} into {@code table}.
     *
     * @param rows each array holds one value per column, in {@code columns} order
     * @return the number of rows loaded
     */
    public static long load(StatementExecutor exec, Dialect dialect, String table, List<String> columns,
                            Iterator<Object[]> rows) {
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("bulk load into " + table + " needs at least one column");
        }
        StringBuilder cols = new StringBuilder();
        for (String c : columns) {
            if (cols.length() > 0) {
                cols.append(", ");
            }
            dialect.quoteInto(cols, c);
        }
        String target = dialect.quote(table);
        String description = "bulk load into " + target + " (" + cols + ")";
        exec.guard().check("INSERT INTO " + target);
        if (!exec.pipeline().active()) {
            return run(exec, null, dialect, target, cols.toString(), columns.size(), rows, description);
        }
        return exec.pipeline().run(exec.context(StatementKind.BULK_LOAD,
                        sqlFor(dialect.family(), target, cols.toString(), columns.size()), List.of(table), null),
                to -> run(exec, to, dialect, target, cols.toString(), columns.size(), rows, description), n -> n);
    }

    private static long run(StatementExecutor exec, javax.sql.DataSource to, Dialect dialect, String target,
                            String cols, int width, Iterator<Object[]> rows, String description) {
        try (Lease lease = exec.leaseFor(to)) {
            return exec.inTransaction(lease, description,
                    c -> loadOn(c, dialect.family(), target, cols, width, rows));
        } catch (SQLException e) {
            throw exec.translate(description, e);
        }
    }

    /**
     * The statement interceptors are shown for a bulk load: the {@code COPY} command on PostgreSQL, else the
     * one-row form of the INSERT that is sent for many rows at a time.
     */
    public static String sqlFor(Engine engine, String table, String cols, int width) {
        return EngineSpecifics.of(engine).bulkLoadSql(table, cols, width);
    }

    /**
     * Loads rows on a connection whose transaction the caller manages (nothing is committed here), for code that
     * must keep a larger unit of work together, such as a restore.
     *
     * @param table   the target, already validated, quoted and qualified
     * @param columns the column list, already quoted and comma-separated
     * @param width   the number of columns
     * @return the number of rows loaded
     */
    public static long loadOn(Connection c, Engine engine, String table, String columns, int width,
                              Iterator<Object[]> rows) throws SQLException {
        return EngineSpecifics.of(engine).bulkLoad(c, engine, table, columns, width, rows);
    }

    static long copy(Connection c, String sql, int width, Iterator<Object[]> rows) throws SQLException {
        CopyIn copyIn = c.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
        long n = 0;
        boolean finished = false;
        try {
            PGCopyOutputStream out = new PGCopyOutputStream(copyIn, 1 << 16);
            CopyText text = new CopyText(out);
            while (rows.hasNext()) {
                Object[] row = rows.next();
                checkWidth(row, width, n);
                for (int i = 0; i < width; i++) {
                    if (i > 0) {
                        text.tab();
                    }
                    text.value(row[i]);
                }
                text.newline();
                n++;
            }
            text.flush();
            out.close(); // ends the COPY; the server reports constraint failures here
            finished = true;
        } catch (IOException e) {
            if (e.getCause() instanceof SQLException se) {
                throw se;
            }
            throw new SQLException("COPY failed while sending rows: " + e.getMessage(), "08006", e);
        } finally {
            // Never end a COPY that failed half-way: cancelling discards what was sent.
            if (!finished && copyIn.isActive()) {
                copyIn.cancelCopy();
            }
        }
        return n;
    }

    static long multiRowInsert(Connection c, Engine engine, String table, String cols, int width,
                                       Iterator<Object[]> rows) throws SQLException {
        int perStatement = Math.max(1, Math.min(MULTI_ROW, 65535 / width));
        String full = insertSql(table, cols, width, perStatement);
        long n = 0;
        Object[][] chunk = new Object[perStatement][];
        try (PreparedStatement ps = c.prepareStatement(full)) {
            int filled = 0;
            while (rows.hasNext()) {
                Object[] row = rows.next();
                checkWidth(row, width, n + filled);
                chunk[filled++] = row;
                if (filled == perStatement) {
                    bindChunk(ps, engine, chunk, filled, width);
                    ps.executeUpdate();
                    n += filled;
                    filled = 0;
                }
            }
            if (filled > 0) {
                try (PreparedStatement tail = c.prepareStatement(insertSql(table, cols, width, filled))) {
                    bindChunk(tail, engine, chunk, filled, width);
                    tail.executeUpdate();
                }
                n += filled;
            }
        }
        return n;
    }

    private static void bindChunk(PreparedStatement ps, Engine engine, Object[][] chunk, int rows, int width)
            throws SQLException {
        int p = 1;
        for (int r = 0; r < rows; r++) {
            for (int i = 0; i < width; i++) {
                Binder.bind(ps, p++, chunk[r][i], engine);
            }
        }
    }

    static String insertSql(String table, String cols, int width, int rows) {
        StringBuilder one = new StringBuilder("(");
        for (int i = 0; i < width; i++) {
            one.append(i == 0 ? "?" : ", ?");
        }
        one.append(')');
        StringBuilder sb = new StringBuilder("INSERT INTO ").append(table).append(" (").append(cols).append(") VALUES ");
        for (int r = 0; r < rows; r++) {
            if (r > 0) {
                sb.append(", ");
            }
            sb.append(one);
        }
        return sb.toString();
    }

    static long batch(Connection c, Engine engine, String table, String cols, int width,
                              Iterator<Object[]> rows) throws SQLException {
        long n = 0;
        try (PreparedStatement ps = c.prepareStatement(insertSql(table, cols, width, 1))) {
            int pending = 0;
            while (rows.hasNext()) {
                Object[] row = rows.next();
                checkWidth(row, width, n);
                Binder.bindAll(ps, engine, row);
                ps.addBatch();
                n++;
                if (++pending == SQLITE_BATCH) {
                    ps.executeBatch();
                    pending = 0;
                }
            }
            if (pending > 0) {
                ps.executeBatch();
            }
        }
        return n;
    }

    private static void checkWidth(Object[] row, int width, long index) {
        if (row == null || row.length != width) {
            throw new IllegalArgumentException("row " + index + " has " + (row == null ? "no" : row.length)
                    + " values but " + width + " columns were named; nothing was loaded");
        }
    }

    /** Writes values in COPY's text format: tab-separated, {@code \N} for NULL, backslash escapes. */
    private static final class CopyText {
        private final OutputStream out;
        private final byte[] buf = new byte[1 << 16];
        private int pos;

        CopyText(OutputStream out) {
            this.out = out;
        }

        void tab() throws IOException {
            put((byte) '\t');
        }

        void newline() throws IOException {
            put((byte) '\n');
        }

        void value(Object v) throws IOException {
            if (v == null) {
                put((byte) '\\');
                put((byte) 'N');
            } else if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
                ascii(v.toString());
            } else if (v instanceof Boolean b) {
                put((byte) (b ? 't' : 'f'));
            } else if (v instanceof Double || v instanceof Float || v instanceof BigDecimal) {
                ascii(v instanceof BigDecimal d ? d.toPlainString() : v.toString());
            } else if (v instanceof byte[] bytes) {
                // bytea hex input "\x…", with the backslash doubled for COPY
                ascii("\\\\x");
                for (byte b : bytes) {
                    put(HEX[(b >> 4) & 0xf]);
                    put(HEX[b & 0xf]);
                }
            } else if (v instanceof Instant t) {
                ascii(t.atOffset(ZoneOffset.UTC).toString());
            } else if (v instanceof OffsetDateTime || v instanceof ZonedDateTime) {
                ascii(v instanceof ZonedDateTime z ? z.toOffsetDateTime().toString() : v.toString());
            } else if (v instanceof Enum<?> e) {
                escaped(e.name());
            } else {
                escaped(v.toString());
            }
        }

        private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

        private void escaped(String s) throws IOException {
            for (int i = 0; i < s.length(); i++) {
                char ch = s.charAt(i);
                switch (ch) {
                    case '\\' -> {
                        put((byte) '\\');
                        put((byte) '\\');
                    }
                    case '\t' -> {
                        put((byte) '\\');
                        put((byte) 't');
                    }
                    case '\n' -> {
                        put((byte) '\\');
                        put((byte) 'n');
                    }
                    case '\r' -> {
                        put((byte) '\\');
                        put((byte) 'r');
                    }
                    default -> {
                        if (ch < 0x80) {
                            put((byte) ch);
                        } else {
                            int end = i + 1;
                            while (end < s.length() && s.charAt(end) >= 0x80) {
                                end++;
                            }
                            byte[] utf8 = s.substring(i, end).getBytes(StandardCharsets.UTF_8);
                            for (byte b : utf8) {
                                put(b);
                            }
                            i = end - 1;
                        }
                    }
                }
            }
        }

        private void ascii(String s) throws IOException {
            for (int i = 0; i < s.length(); i++) {
                put((byte) s.charAt(i));
            }
        }

        private void put(byte b) throws IOException {
            if (pos == buf.length) {
                out.write(buf, 0, pos);
                pos = 0;
            }
            buf[pos++] = b;
        }

        void flush() throws IOException {
            out.write(buf, 0, pos);
            pos = 0;
        }
    }
}
