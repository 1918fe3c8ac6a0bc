package io.covet.backup.internal;

import io.covet.backup.internal.Manifest.Chunk;
import io.covet.backup.internal.Manifest.Column;
import io.covet.backup.internal.Manifest.Table;
import io.covet.core.dialect.Dialect;
import io.covet.core.dialect.Engine;

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
 * Streams one table into chunks: rows are read with a bounded fetch size, encoded into a buffer of at most about
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
        for (int i = 0; i < cols.size(); i++) {
            if (i > 0) {
                sql.append(", ");
            }
            dialect.quoteInto(sql, cols.get(i).name());
        }
        sql.append(" FROM ");
        dialect.quoteInto(sql, table.name());
        List<PortableType> types = table.types();
        TableDigest digest = new TableDigest(types);
        List<Chunk> chunks = new ArrayList<>();
        // Two buffers: rows are encoded into one while the other is compressed, encrypted and stored.
        Bytes.Sink[] bufs = {new Bytes.Sink(chunkBytes + (chunkBytes >> 2)), new Bytes.Sink(chunkBytes + (chunkBytes >> 2))};
        int cur = 0;
        Bytes.Sink out = bufs[cur];
        long chunkRows = 0;
        Object[] row = new Object[cols.size()];
        ExecutorService sealer = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "covet-backup-sealer");
            t.setDaemon(true);
            return t;
        });
        Future<Chunk> pending = null;
        try (PreparedStatement ps = c.prepareStatement(sql.toString(), ResultSet.TYPE_FORWARD_ONLY,
                ResultSet.CONCUR_READ_ONLY)) {
            ps.setFetchSize(1000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    for (int i = 0; i < row.length; i++) {
                        row[i] = Values.read(rs, i + 1, types.get(i), engine);
                        RowCodec.write(out, row[i]);
                    }
                    digest.add(row);
                    chunkRows++;
                    if (bufs[cur].size() >= chunkBytes) {
                        if (pending != null) {
                            chunks.add(await(pending));
                        }
                        Bytes.Sink full = bufs[cur];
                        int seq = chunks.size();
                        long rows = chunkRows;
                        pending = sealer.submit(() -> flush(tableIndex, seq, full, rows));
                        cur ^= 1;
                        out = bufs[cur];
                        chunkRows = 0;
                        rowsDone.accept(digest.rows());
                    }
                }
            }
            if (pending != null) {
                chunks.add(await(pending));
            }
            if (chunkRows > 0) {
                chunks.add(flush(tableIndex, chunks.size(), bufs[cur], chunkRows));
            }
        } finally {
            sealer.shutdownNow();
        }
        rowsDone.accept(digest.rows());
        return table.withData(digest.rows(), digest.value(), chunks);
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

    private Chunk flush(int tableIndex, int seq, Bytes.Sink buf, long rows) throws IOException {
        String name = String.format(Locale.ROOT, "data/%04d/%06d.chunk", tableIndex, seq);
        byte[] stored = codec.seal(buf.array(), buf.size(), backupId + "/" + name);
        storage.put(object(backupId, name), stored);
        Chunk chunk = new Chunk(name, rows, buf.size(), stored.length, ChunkCodec.sha256(stored));
        buf.reset();
        return chunk;
    }

}
