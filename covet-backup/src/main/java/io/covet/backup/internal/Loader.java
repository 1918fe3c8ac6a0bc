package io.covet.backup.internal;

import io.covet.core.dialect.Dialect;
import io.covet.core.dialect.Engine;
import io.covet.core.internal.Binder;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;

/**
 * Loads rows on a connection the caller's transaction owns, with each engine's fast path: PostgreSQL
 * {@code COPY FROM STDIN} (text format), MariaDB multi-row {@code INSERT}s, SQLite a prepared batch. Unlike
 * {@code Database.bulkLoad} it does not commit, so a whole restore stays one unit of work.
 */
public final class Loader {
    private Loader() {
    }

    /** Loads {@code rows} into {@code table} (already quoted and qualified); returns the row count. */
    public static long load(Connection c, Engine engine, String table, List<String> columns, Iterator<Object[]> rows)
            throws SQLException {
        Dialect d = Dialect.of(engine.family());
        StringBuilder cols = new StringBuilder();
        for (String col : columns) {
            if (cols.length() > 0) {
                cols.append(", ");
            }
            d.quoteInto(cols, col);
        }
        return switch (engine.family()) {
            case POSTGRESQL -> copy(c, "COPY " + table + " (" + cols + ") FROM STDIN", rows);
            case MARIADB -> inserts(c, engine, table, cols.toString(), columns.size(),
                    Math.max(1, Math.min(1000, 60000 / columns.size())), rows);
            default -> inserts(c, engine, table, cols.toString(), columns.size(), 1, rows);
        };
    }

    private static long copy(Connection c, String sql, Iterator<Object[]> rows) throws SQLException {
        CopyIn in = c.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
        long n = 0;
        boolean done = false;
        try {
            CopyBuffer out = new CopyBuffer(in);
            while (rows.hasNext()) {
                Object[] row = rows.next();
                for (int i = 0; i < row.length; i++) {
                    if (i > 0) {
                        out.put('\t');
                    }
                    out.value(row[i]);
                }
                out.put('\n');
                n++;
            }
            out.flush();
            in.endCopy();
            done = true;
        } finally {
            if (!done && in.isActive()) {
                in.cancelCopy();
            }
        }
        return n;
    }

    /** COPY text format into a 256 KiB buffer sent in large writes: tabs, {@code \N} for NULL, backslash escapes. */
    private static final class CopyBuffer {
        private final CopyIn in;
        private final byte[] buf = new byte[1 << 18];
        private int pos;

        CopyBuffer(CopyIn in) {
            this.in = in;
        }

        void value(Object v) throws SQLException {
            if (v == null) {
                put('\\');
                put('N');
            } else if (v instanceof Boolean b) {
                put(b ? 't' : 'f');
            } else if (v instanceof BigDecimal d) {
                ascii(d.toPlainString());
            } else if (v instanceof byte[] bytes) {
                ascii("\\\\x"); // bytea hex input, its backslash doubled for COPY
                for (byte x : bytes) {
                    put(Character.forDigit((x >> 4) & 0xf, 16));
                    put(Character.forDigit(x & 0xf, 16));
                }
            } else if (v instanceof Long || v instanceof Double || v instanceof Instant) {
                ascii(v.toString());
            } else {
                text(v.toString());
            }
        }

        private void text(String s) throws SQLException {
            for (int i = 0; i < s.length(); i++) {
                char ch = s.charAt(i);
                switch (ch) {
                    case '\\' -> {
                        put('\\');
                        put('\\');
                    }
                    case '\t' -> {
                        put('\\');
                        put('t');
                    }
                    case '\n' -> {
                        put('\\');
                        put('n');
                    }
                    case '\r' -> {
                        put('\\');
                        put('r');
                    }
                    default -> {
                        if (ch < 0x80) {
                            put(ch);
                        } else {
                            int end = i + 1;
                            while (end < s.length() && s.charAt(end) >= 0x80) {
                                end++;
                            }
                            for (byte b : s.substring(i, end).getBytes(StandardCharsets.UTF_8)) {
                                putByte(b);
                            }
                            i = end - 1;
                        }
                    }
                }
            }
        }

        private void ascii(String s) throws SQLException {
            for (int i = 0; i < s.length(); i++) {
                put(s.charAt(i));
            }
        }

        void put(char c) throws SQLException {
            putByte((byte) c);
        }

        private void putByte(byte b) throws SQLException {
            if (pos == buf.length) {
                flush();
            }
            buf[pos++] = b;
        }

        void flush() throws SQLException {
            if (pos > 0) {
                in.writeToCopy(buf, 0, pos);
                pos = 0;
            }
        }
    }

    private static long inserts(Connection c, Engine engine, String table, String cols, int width, int perStatement,
                                Iterator<Object[]> rows) throws SQLException {
        long n = 0;
        Object[][] pending = new Object[perStatement][];
        int filled = 0;
        int batched = 0;
        try (PreparedStatement ps = c.prepareStatement(insert(table, cols, width, perStatement))) {
            while (rows.hasNext()) {
                pending[filled++] = rows.next();
                if (filled == perStatement) {
                    bind(ps, engine, pending, filled, width);
                    n += filled;
                    filled = 0;
                    if (perStatement == 1) {
                        ps.addBatch();
                        if (++batched == 5000) {
                            ps.executeBatch();
                            batched = 0;
                        }
                    } else {
                        ps.executeUpdate();
                    }
                }
            }
            if (batched > 0) {
                ps.executeBatch();
            }
        }
        if (filled > 0) {
            try (PreparedStatement tail = c.prepareStatement(insert(table, cols, width, filled))) {
                bind(tail, engine, pending, filled, width);
                tail.executeUpdate();
                n += filled;
            }
        }
        return n;
    }

    private static void bind(PreparedStatement ps, Engine engine, Object[][] rows, int count, int width)
            throws SQLException {
        int p = 1;
        for (int r = 0; r < count; r++) {
            for (int i = 0; i < width; i++) {
                Binder.bind(ps, p++, Values.forTarget(rows[r][i], engine), engine);
            }
        }
    }

    private static String insert(String table, String cols, int width, int rows) {
        StringBuilder one = new StringBuilder("(");
        for (int i = 0; i < width; i++) {
            one.append(i == 0 ? "?" : ", ?");
        }
        one.append(')');
        StringBuilder sb = new StringBuilder("INSERT INTO ").append(table).append(" (").append(cols).append(") VALUES ");
        for (int r = 0; r < rows; r++) {
            sb.append(r == 0 ? "" : ", ").append(one);
        }
        return sb.toString();
    }
}
