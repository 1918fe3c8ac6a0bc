package io.covet.backup.internal;

import io.covet.core.BulkLoad;
import io.covet.core.engine.Engine;

import java.io.EOFException;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
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
        InfileText in = rows instanceof ChunkReader chunks && chunks.columnar()
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

    /** Rows as Java objects; the iterator keeps the checksum. */
    private static final class ObjectStream extends InfileText {
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
    private static final class ChunkStream extends InfileText {
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
                    number(Bytes.longAt(a, p + 1));
                    return true;
                }
                case RowCodec.STRING -> {
                    if (pt == PortableType.CHAR || pt == PortableType.BYTES) {
                        return false; // CHAR's checksum form drops its padding; a byte column takes hex
                    }
                    col.skip(5);
                    int len = Bytes.intAt(a, p + 1);
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
                    int len = Bytes.intAt(a, p + 1);
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
                    int nano = Bytes.intAt(a, p + 9);
                    if (nano < 0 || nano > 999_999_999) {
                        col.rewind(p);
                        return false;
                    }
                    digest.raw(a, p, 13);
                    dateTime(Bytes.longAt(a, p + 1), nano);
                    return true;
                }
                case RowCodec.DECIMAL -> {
                    if (pt == PortableType.BYTES) {
                        return false;
                    }
                    col.skip(9);
                    int scale = Bytes.intAt(a, p + 1);
                    int len = Bytes.intAt(a, p + 5);
                    if (len < 1 || len > 8 || scale < 0) {
                        col.rewind(p); // not this way: the object path reads it whole
                        return false;
                    }
                    col.skip(len);
                    long u = Bytes.signedAt(a, p + 9, len);
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

}
