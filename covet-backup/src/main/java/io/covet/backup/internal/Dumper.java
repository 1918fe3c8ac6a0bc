package io.covet.backup.internal;

import io.covet.backup.internal.Manifest.Chunk;
import io.covet.backup.internal.Manifest.Column;
import io.covet.backup.internal.Manifest.Table;
import io.covet.core.dialect.Dialect;
import io.covet.core.dialect.Feature;
import io.covet.core.engine.Engine;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongConsumer;

/**
 * Streams one table into chunks: rows are read as the server streams them (PostgreSQL binary COPY) or with a
 * bounded fetch size (MariaDB, SQLite), encoded into a buffer of at most about
 * {@code chunkBytes}, and each full buffer is compressed, encrypted, hashed and stored before the next rows are
 * read, so memory stays flat whatever the table's size.
 */
public final class Dumper {
    private final Storage storage;
    private final ChunkCodec codec;
    private final String backupId;
    private final int chunkBytes;

    public Dumper(Storage storage, ChunkCodec codec, String backupId, int chunkBytes) {
        this.storage = storage;
        this.codec = codec;
        this.backupId = backupId;
        this.chunkBytes = chunkBytes;
    }

    /** The object name of a backup's file. */
    public static String object(String backupId, String name) {
        return "backups/" + backupId + "/" + name;
    }

    /** Dumps the table's rows on {@code c}, which already holds the snapshot; returns the table with its data. */
    public Table dump(Connection c, Engine engine, Dialect dialect, int tableIndex, Table table, LongConsumer rowsDone)
            throws SQLException, IOException {
        StringBuilder sql = new StringBuilder("SELECT ");
        List<Column> cols = table.columns();
        // A server engine without COPY (MariaDB) takes the direct path of JdbcRows, which reads date-times as the
        // server's own text: the driver would build java.time objects (through a ZonedDateTime for TIMESTAMP).
        boolean direct = !dialect.supports(Feature.COPY) && !engine.embedded();
        for (int i = 0; i < cols.size(); i++) {
            if (i > 0) {
                sql.append(", ");
            }
            boolean text = direct && cols.get(i).type() == PortableType.TIMESTAMP;
            sql.append(text ? "CAST(" : "");
            dialect.quoteExistingInto(sql, cols.get(i).name());
            if (text) {
                dialect.quoteExistingInto(sql.append(" AS CHAR) AS "), cols.get(i).name());
            }
        }
        sql.append(" FROM ");
        sql.append(Ddl.ref(dialect, table.schema(), table.name()));
        List<PortableType> types = table.types();
        TableDigest digest = new TableDigest(types);
        List<Chunk> chunks = new ArrayList<>();
        // Two sets of column buffers: rows are encoded into one while the other is compressed, encrypted and stored.
        int n = cols.size();
        Bytes.Sink[][] bufs = {columns(n), columns(n)};
        Bytes.Sink plain = new Bytes.Sink(chunkBytes + (chunkBytes >> 2));
        int cur = 0;
        Bytes.Sink[] out = bufs[cur];
        long chunkRows = 0;
        int chunkSize = 0;
        Object[] row = new Object[n];
        ExecutorService sealer = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "covet-backup-sealer");
            t.setDaemon(true);
            return t;
        });
        Future<Chunk> pending = null;
        try (Rows rows = dialect.supports(Feature.COPY) ? new CopyRows(new PgCopyRows(c, dialect, table))
                : new JdbcRows(c, sql.toString(), types, engine)) {
            while (true) {
                int size = 0;
                for (Bytes.Sink col : out) {
                    size -= col.size();
                }
                if (!rows.next(row, out, digest)) {
                    break;
                }
                for (Bytes.Sink col : out) {
                    size += col.size();
                }
                chunkSize += size;
                chunkRows++;
                if (chunkSize >= chunkBytes) {
                    if (pending != null) {
                        chunks.add(await(pending));
                    }
                    Bytes.Sink[] full = bufs[cur];
                    int seq = chunks.size();
                    long r = chunkRows;
                    pending = sealer.submit(() -> flush(tableIndex, seq, full, plain, r));
                    cur ^= 1;
                    out = bufs[cur];
                    chunkRows = 0;
                    chunkSize = 0;
                    rowsDone.accept(digest.rows());
                }
            }
            if (pending != null) {
                chunks.add(await(pending));
            }
            if (chunkRows > 0) {
                chunks.add(flush(tableIndex, chunks.size(), bufs[cur], plain, chunkRows));
            }
        } finally {
            sealer.shutdownNow();
        }
        rowsDone.accept(digest.rows());
        return table.withData(digest.rows(), digest.value(), chunks);
    }

    /** A table's rows, one at a time, in the archive's normalised value forms. */
    private interface Rows extends AutoCloseable {
        boolean next(Object[] row) throws SQLException, IOException;

        /**
         * Reads the next row and appends each value's encoding to its column and the row to the digest; false at
         * the end. {@code row} is scratch space.
         */
        default boolean next(Object[] row, Bytes.Sink[] columns, TableDigest digest) throws SQLException, IOException {
            if (!next(row)) {
                return false;
            }
            for (int i = 0; i < row.length; i++) {
                RowCodec.write(columns[i], row[i]);
            }
            digest.add(row);
            return true;
        }

        @Override
        void close() throws SQLException, IOException;
    }

    /** PostgreSQL: a binary COPY the server streams. */
    private record CopyRows(PgCopyRows copy) implements Rows {
        @Override
        public boolean next(Object[] row) throws IOException {
            return copy.next(row);
        }

        @Override
        public void close() throws IOException {
            copy.close();
        }
    }

    /**
     * MariaDB and SQLite: a forward-only query read with a bounded fetch size. On a server engine the common
     * types are encoded straight from the driver's primitives and bytes, without the boxed and {@code java.time}
     * objects in between (decimals are parsed from the text the server sends into an unscaled long, date-times
     * from the text the query casts them to, ASCII text copied as the driver's bytes); the bytes are
     * exactly those {@link RowCodec#write} gives for {@link Values#read}'s value, and the digest gets the same
     * canonical row. SQLite's values are coerced value by value ({@link Values#coerce}), so they take that way.
     */
    private static final class JdbcRows implements Rows {
        private final PreparedStatement ps;
        private final ResultSet rs;
        private final List<PortableType> types;
        private final Engine engine;
        private final boolean direct;

        JdbcRows(Connection c, String sql, List<PortableType> types, Engine engine) throws SQLException {
            this.types = types;
            this.engine = engine;
            this.direct = !engine.embedded();
            this.ps = c.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
            try {
                ps.setFetchSize(1000);
                this.rs = ps.executeQuery();
            } catch (SQLException e) {
                ps.close();
                throw e;
            }
        }

        @Override
        public boolean next(Object[] row) throws SQLException {
            if (!rs.next()) {
                return false;
            }
            for (int i = 0; i < row.length; i++) {
                row[i] = Values.read(rs, i + 1, types.get(i), engine);
            }
            return true;
        }

        @Override
        public boolean next(Object[] row, Bytes.Sink[] columns, TableDigest digest) throws SQLException, IOException {
            if (!direct) {
                return Rows.super.next(row, columns, digest);
            }
            if (!rs.next()) {
                return false;
            }
            digest.beginRow();
            for (int i = 0; i < columns.length; i++) {
                Bytes.Sink col = columns[i];
                int at = col.size();
                PortableType type = types.get(i);
                switch (type) {
                    case SMALLINT, INTEGER, BIGINT -> {
                        long v = rs.getLong(i + 1);
                        if (rs.wasNull()) {
                            RowCodec.write(col, null);
                        } else {
                            RowCodec.writeLong(col, v);
                        }
                    }
                    case VARCHAR, TEXT, JSON -> RowCodec.writeText(col, rs.getBytes(i + 1));
                    case UUID, OTHER -> RowCodec.write(col, rs.getString(i + 1));
                    case BYTES -> RowCodec.write(col, rs.getBytes(i + 1));
                    case DECIMAL -> {
                        if (RowCodec.writeDecimal(col, rs.getString(i + 1), digest)) {
                            continue;
                        }
                        generic(i, col, digest);
                        continue;
                    }
                    case TIMESTAMP -> {
                        // selected as text; a zero date reads as NULL, as the driver reads it from the column
                        String text = rs.getString(i + 1);
                        if (!RowCodec.writeDateTime(col, text)) {
                            if (!text.matches("0000-00-00 00:00:00(\\.0+)?")) {
                                throw new SQLException("column " + rs.getMetaData().getColumnLabel(i + 1) + " holds "
                                        + "the date-time " + text + ", which has no Java value; fix or clear it");
                            }
                            RowCodec.write(col, null);
                        }
                    }
                    default -> {
                        generic(i, col, digest);
                        continue;
                    }
                }
                digest.raw(col.array(), at, col.size() - at);
            }
            digest.endRow();
            return true;
        }

        /** The value the general way: read, encoded and checksummed as an object. */
        private void generic(int i, Bytes.Sink col, TableDigest digest) throws SQLException {
            Object v = Values.read(rs, i + 1, types.get(i), engine);
            RowCodec.write(col, v);
            digest.value(v, types.get(i));
        }

        @Override
        public void close() throws SQLException {
            try {
                rs.close();
            } finally {
                ps.close();
            }
        }
    }

    private static Chunk await(Future<Chunk> f) throws IOException {
        try {
            return f.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while storing a chunk", e);
        }
    }

    private static Bytes.Sink[] columns(int n) {
        Bytes.Sink[] out = new Bytes.Sink[n];
        for (int i = 0; i < n; i++) {
            out[i] = new Bytes.Sink(1 << 12);
        }
        return out;
    }

    /**
     * Seals one chunk: its plain form is the column count, each column's byte length, then the columns' values
     * one column after the other (a column's values look alike, so they compress far better than rows).
     */
    private Chunk flush(int tableIndex, int seq, Bytes.Sink[] cols, Bytes.Sink plain, long rows) throws IOException {
        String name = String.format(Locale.ROOT, "data/%04d/%06d.chunk", tableIndex, seq);
        plain.reset();
        plain.writeInt(cols.length);
        for (Bytes.Sink col : cols) {
            plain.writeInt(col.size());
        }
        for (Bytes.Sink col : cols) {
            plain.append(col);
            col.reset();
        }
        byte[] stored = codec.seal(plain.array(), plain.size(), backupId + "/" + name);
        storage.put(object(backupId, name), stored);
        return new Chunk(name, rows, plain.size(), stored.length, ChunkCodec.sha256(stored));
    }

}
