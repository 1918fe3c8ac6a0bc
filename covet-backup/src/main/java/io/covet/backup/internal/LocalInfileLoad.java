package io.covet.backup.internal;

import io.covet.core.BulkLoad;
import io.covet.core.engine.Engine;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Restores rows with {@code LOAD DATA LOCAL INFILE} ({@link io.covet.core.dialect.Feature#LOAD_DATA_LOCAL}) streamed
 * from memory through the driver's local-infile stream: the rows become the statement's default text format (tab
 * between fields, newline after each row, {@code \N} for NULL, backslash escapes) as the server reads them, so
 * nothing is written to disk and the server parses plain values instead of SQL. Byte columns travel as hex and are
 * decoded by {@code UNHEX} on the server, so no byte sequence can be mistaken for text. Values of columnar chunks
 * are re-encoded straight from their chunk bytes and fed to the table checksum as bytes, as {@link PgChunkCopy}
 * does; other rows go through their Java objects.
 *
 * <p>{@code LOCAL} makes the server treat bad values and duplicate keys as warnings rather than errors (it cannot
 * stop the client mid-stream), so any warning fails the load here, and the caller compares the row count the server
 * reports with the manifest's: a value the server changed or a row it skipped never passes silently.
 */
final class LocalInfileLoad {
    /** Bytes encoded ahead of what the driver has read. */
    private static final int BATCH = 1 << 16;
    /**
     * The most handed to the driver per read: it sends each read as one packet from its 8 KiB buffer, and a larger
     * read makes it grow (and later shrink) that buffer every time.
     */
    private static final int READ = 8192 - 64;

    private LocalInfileLoad() {
    }

    /**
     * Loads {@code rows} into {@code table} (quoted, qualified) on {@code c} inside the caller's transaction,
     * through {@link BulkLoad#textOnConnection} (so interceptors see one BULK_LOAD); returns the rows the server
     * loaded.
     *
     * @param columns the column names as the table has them, one per value
     * @param types   each column's portable type ({@link PortableType#BYTES} columns are sent as hex)
     * @throws Refused when the statement failed before a single row was read (the rows are still unread)
     * @throws SQLException the server's refusal, or a warning it raised (a value it changed, a duplicate it skipped)
     */
    static long load(Connection c, Engine engine, String table, List<String> columns, List<PortableType> types,
                     Iterator<Object[]> rows) throws SQLException {
        Set<Integer> hex = new HashSet<>();
        for (int i = 0; i < types.size(); i++) {
            if (types.get(i) == PortableType.BYTES) {
                hex.add(i);
            }
        }
        RowStream in = rows instanceof ChunkReader chunks && chunks.columnar()
                ? new ChunkStream(chunks, types) : new ObjectStream(rows, types);
        long n;
        try {
            n = BulkLoad.textOnConnection(c, engine, table, columns, hex, in);
        } catch (SQLException | RuntimeException e) {
            in.rethrow();
            if (!in.started) {
                throw new Refused(e);
            }
            throw e;
        }
        in.rethrow();
        return n;
    }

    /**
     * The statement failed before a single row was read (the server or driver does not allow {@code LOCAL}, for
     * one), so the rows can still be loaded another way.
     */
    static final class Refused extends SQLException {
        Refused(Exception cause) {
            super(cause.getMessage(), cause instanceof SQLException e ? e.getSQLState() : null, cause);
        }
    }

    /** The row text, produced as the driver reads; a failure while producing it is kept for {@link #rethrow}. */
    private abstract static class RowStream extends InputStream {
        private byte[] buf = new byte[BATCH + 1024];
        private int pos;
        private int lim;
        private boolean done;
        private RuntimeException failure;
        /** Whether the driver has asked for any bytes. */
        boolean started;
        final List<PortableType> types;

        RowStream(List<PortableType> types) {
            this.types = types;
        }

        /** Appends one row's text (newline included) with {@link #put}; false when there are no more rows. */
        abstract boolean row();

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            started = true;
            if (pos == lim && !fill()) {
                return -1;
            }
            int n = Math.min(Math.min(len, READ), lim - pos);
            System.arraycopy(buf, pos, b, off, n);
            pos += n;
            return n;
        }

        private boolean fill() {
            if (done) {
                return false;
            }
            pos = 0;
            lim = 0;
            try {
                while (lim < BATCH) {
                    if (!row()) {
                        done = true;
                        break;
                    }
                }
            } catch (RuntimeException e) {
                // Ending the stream here makes the server finish the statement; the failure is rethrown after it,
                // so the caller's transaction is rolled back rather than committing a partial table.
                failure = e;
                done = true;
                lim = 0;
            }
            return lim > 0;
        }

        void rethrow() {
            if (failure != null) {
                throw failure;
            }
        }

        final void ensure(int more) {
            if (lim + more > buf.length) {
                buf = java.util.Arrays.copyOf(buf, Math.max(buf.length * 2, lim + more));
            }
        }

        final void put(int b) {
            ensure(1);
            buf[lim++] = (byte) b;
        }

        final void ascii(String s) {
            ensure(s.length());
            for (int i = 0; i < s.length(); i++) {
                buf[lim++] = (byte) s.charAt(i);
            }
        }

        final void nul() {
            put('\\');
            put('N');
        }

        /** Text bytes (UTF-8) with the field and line separators and the escape character escaped. */
        final void text(byte[] a, int off, int len) {
            ensure(2 * len);
            for (int i = off; i < off + len; i++) {
                byte x = a[i];
                switch (x) {
                    case '\\' -> {
                        buf[lim++] = '\\';
                        buf[lim++] = '\\';
                    }
                    case '\t' -> {
                        buf[lim++] = '\\';
                        buf[lim++] = 't';
                    }
                    case '\n' -> {
                        buf[lim++] = '\\';
                        buf[lim++] = 'n';
                    }
                    case 0 -> {
                        buf[lim++] = '\\';
                        buf[lim++] = '0';
                    }
                    default -> buf[lim++] = x;
                }
            }
        }

        private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

        final void hex(byte[] a, int off, int len) {
            ensure(2 * len);
            for (int i = off; i < off + len; i++) {
                buf[lim++] = HEX[(a[i] >> 4) & 0xf];
                buf[lim++] = HEX[a[i] & 0xf];
            }
        }

        final void number(long v) {
            if (v == Long.MIN_VALUE) {
                ascii(Long.toString(v));
                return;
            }
            ensure(20);
            if (v < 0) {
                buf[lim++] = '-';
                v = -v;
            }
            int start = lim;
            do {
                buf[lim++] = (byte) ('0' + v % 10);
                v /= 10;
            } while (v != 0);
            for (int i = start, j = lim - 1; i < j; i++, j--) {
                byte t = buf[i];
                buf[i] = buf[j];
                buf[j] = t;
            }
        }

        /** {@code unscaled × 10^-scale} in plain notation, scale >= 0. */
        final void decimal(long unscaled, int scale) {
            if (scale == 0) {
                number(unscaled);
                return;
            }
            if (unscaled == Long.MIN_VALUE || scale > 18) {
                ascii(BigDecimal.valueOf(unscaled, scale).toPlainString());
                return;
            }
            ensure(42);
            if (unscaled < 0) {
                buf[lim++] = '-';
                unscaled = -unscaled;
            }
            int start = lim;
            number(unscaled);
            int digits = lim - start;
            if (digits <= scale) { // 0.00ddd: the digits move right past "0." and the leading zeros
                int shift = 2 + scale - digits;
                System.arraycopy(buf, start, buf, start + shift, digits);
                buf[start] = '0';
                buf[start + 1] = '.';
                java.util.Arrays.fill(buf, start + 2, start + shift, (byte) '0');
                lim += shift;
            } else { // ddd.dd: the last scale digits move right by one for the point
                int point = lim - scale;
                System.arraycopy(buf, point, buf, point + 1, scale);
                buf[point] = '.';
                lim++;
            }
        }

        private void two(int v) {
            buf[lim++] = (byte) ('0' + v / 10);
            buf[lim++] = (byte) ('0' + v % 10);
        }

        final void date(LocalDate d) {
            if (d.getYear() < 0 || d.getYear() > 9999) {
                ascii(d.toString());
                return;
            }
            ensure(10);
            int y = d.getYear();
            two(y / 100);
            two(y % 100);
            buf[lim++] = '-';
            two(d.getMonthValue());
            buf[lim++] = '-';
            two(d.getDayOfMonth());
        }

        final void time(long secondOfDay, int nano) {
            ensure(19);
            nano -= nano % 1000; // microseconds, what MariaDB keeps and what the driver binds of a java.time value
            two((int) (secondOfDay / 3600));
            buf[lim++] = ':';
            two((int) (secondOfDay / 60 % 60));
            buf[lim++] = ':';
            two((int) (secondOfDay % 60));
            if (nano != 0) {
                // without trailing zeros: more fraction digits than the column keeps is a warning, even zeros
                buf[lim++] = '.';
                int div = 100_000_000;
                int rest = nano;
                while (rest != 0) {
                    buf[lim++] = (byte) ('0' + rest / div);
                    rest %= div;
                    div /= 10;
                }
            }
        }

        /** A date-time as {@code yyyy-MM-dd HH:mm:ss[.fffffffff]}: the wall clock a bound parameter sends too. */
        final void dateTime(long epochSecond, int nano) {
            date(LocalDate.ofEpochDay(Math.floorDiv(epochSecond, 86_400)));
            put(' ');
            time(Math.floorMod(epochSecond, 86_400), nano);
        }

        /** One value from its Java object, the form {@link Values} reads and {@link RowCodec} decodes. */
        final void object(Object v, PortableType type) {
            if (v == null) {
                nul();
            } else if (v instanceof byte[] b) {
                if (type == PortableType.BYTES) {
                    hex(b, 0, b.length);
                } else {
                    text(b, 0, b.length);
                }
            } else if (type == PortableType.BYTES) {
                // a byte column is read through UNHEX, so a value of another kind goes as the hex of its text
                byte[] b = v.toString().getBytes(StandardCharsets.UTF_8);
                hex(b, 0, b.length);
            } else if (v instanceof Long n) {
                number(n);
            } else if (v instanceof Boolean b) {
                put(b ? '1' : '0');
            } else if (v instanceof BigDecimal d) {
                ascii(d.toPlainString());
            } else if (v instanceof Double d) {
                ascii(Double.toString(d));
            } else if (v instanceof LocalDateTime t) {
                dateTime(t.toEpochSecond(ZoneOffset.UTC), t.getNano());
            } else if (v instanceof Instant t) {
                // as the driver binds an Instant: its UTC wall clock
                dateTime(t.getEpochSecond(), t.getNano());
            } else if (v instanceof LocalDate d) {
                date(d);
            } else if (v instanceof LocalTime t) {
                time(t.toSecondOfDay(), t.getNano());
            } else {
                byte[] b = v.toString().getBytes(StandardCharsets.UTF_8);
                text(b, 0, b.length);
            }
        }
    }

    /** Rows as Java objects; the iterator keeps the checksum. */
    private static final class ObjectStream extends RowStream {
        private final Iterator<Object[]> rows;

        ObjectStream(Iterator<Object[]> rows, List<PortableType> types) {
            super(types);
            this.rows = rows;
        }

        @Override
        boolean row() {
            if (!rows.hasNext()) {
                return false;
            }
            Object[] row = rows.next();
            for (int i = 0; i < row.length; i++) {
                if (i > 0) {
                    put('\t');
                }
                object(row[i], types.get(i));
            }
            put('\n');
            return true;
        }
    }

    /** Rows straight from columnar chunk bytes; this stream feeds the reader's checksum. */
    private static final class ChunkStream extends RowStream {
        private final ChunkReader rows;
        private final TableDigest digest;

        ChunkStream(ChunkReader rows, List<PortableType> types) {
            super(types);
            this.rows = rows;
            this.digest = rows.digest();
        }

        @Override
        boolean row() {
            if (!rows.advance()) {
                return false;
            }
            digest.beginRow();
            for (int i = 0; i < types.size(); i++) {
                if (i > 0) {
                    put('\t');
                }
                Bytes.Source col = rows.column(i);
                try {
                    if (!fast(col, types.get(i))) {
                        Object v = RowCodec.read(col);
                        digest.value(v, types.get(i));
                        object(v, types.get(i));
                    }
                } catch (EOFException e) {
                    throw rows.undecodable(e);
                } catch (IOException e) {
                    throw rows.undecodable(e);
                }
            }
            digest.endRow();
            put('\n');
            return true;
        }

        /** Writes one value from its chunk bytes when its kind allows; false to take the object path. */
        private boolean fast(Bytes.Source col, PortableType pt) throws IOException {
            byte[] a = col.array();
            int p = col.position();
            int tag = col.peek();
            switch (tag) {
                case RowCodec.NULL -> {
                    col.skip(1);
                    digest.raw(a, p, 1);
                    nul();
                    return true;
                }
                case RowCodec.TRUE, RowCodec.FALSE -> {
                    if (pt == PortableType.BYTES) {
                        return false;
                    }
                    col.skip(1);
                    digest.raw(a, p, 1);
                    put(tag == RowCodec.TRUE ? '1' : '0');
                    return true;
                }
                case RowCodec.LONG -> {
                    if (pt == PortableType.BYTES) {
                        return false;
                    }
                    col.skip(9);
                    digest.raw(a, p, 9);
                    number(getLong(a, p + 1));
                    return true;
                }
                case RowCodec.STRING -> {
                    if (pt == PortableType.CHAR || pt == PortableType.BYTES) {
                        return false; // CHAR's checksum form drops its padding; a byte column takes hex
                    }
                    col.skip(5);
                    int len = getInt(a, p + 1);
                    col.skip(len);
                    digest.raw(a, p, 5 + len);
                    text(a, p + 5, len);
                    return true;
                }
                case RowCodec.BYTES -> {
                    if (pt != PortableType.BYTES) {
                        return false;
                    }
                    col.skip(5);
                    int len = getInt(a, p + 1);
                    col.skip(len);
                    digest.raw(a, p, 5 + len);
                    hex(a, p + 5, len);
                    return true;
                }
                case RowCodec.TIMESTAMP, RowCodec.INSTANT -> {
                    if (pt == PortableType.BYTES) {
                        return false;
                    }
                    col.skip(13);
                    int nano = getInt(a, p + 9);
                    if (nano < 0 || nano > 999_999_999) {
                        col.rewind(p);
                        return false;
                    }
                    digest.raw(a, p, 13);
                    dateTime(getLong(a, p + 1), nano);
                    return true;
                }
                case RowCodec.DECIMAL -> {
                    if (pt == PortableType.BYTES) {
                        return false;
                    }
                    col.skip(9);
                    int scale = getInt(a, p + 1);
                    int len = getInt(a, p + 5);
                    if (len < 1 || len > 8 || scale < 0) {
                        col.rewind(p); // not this way: the object path reads it whole
                        return false;
                    }
                    col.skip(len);
                    long u = a[p + 9]; // sign-extended first byte
                    for (int i = 1; i < len; i++) {
                        u = (u << 8) | (a[p + 9 + i] & 0xff);
                    }
                    digest.decimal(u, scale);
                    decimal(u, scale);
                    return true;
                }
                default -> {
                    return false;
                }
            }
        }
    }

    private static long getLong(byte[] a, int p) {
        return ((long) getInt(a, p) << 32) | (getInt(a, p + 4) & 0xFFFFFFFFL);
    }

    private static int getInt(byte[] a, int p) {
        return ((a[p] & 0xff) << 24) | ((a[p + 1] & 0xff) << 16) | ((a[p + 2] & 0xff) << 8) | (a[p + 3] & 0xff);
    }
}
