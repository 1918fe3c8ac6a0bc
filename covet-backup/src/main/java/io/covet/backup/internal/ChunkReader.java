package io.covet.backup.internal;

import io.covet.backup.internal.Manifest.Chunk;
import io.covet.backup.internal.Manifest.Table;

import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Iterates a table's rows from its chunks, one chunk in memory at a time. Each chunk's stored bytes are checked
 * against the manifest's SHA-256 before they are decrypted; each chunk must hold exactly the rows the manifest
 * says. Every row passes through the table digest, so {@link #digest()} can be compared with the manifest at the end.
 */
public final class ChunkReader implements Iterator<Object[]> {
    private final Storage storage;
    private final ChunkCodec codec;
    private final String backupId;
    private final Table table;
    private final TableDigest digest;
    private int nextChunk;
    private final boolean columnar;
    private Bytes.Source in;
    private Bytes.Source[] columns;
    private long leftInChunk;
    private Chunk current;
    private java.util.concurrent.CompletableFuture<byte[]> prefetch;

    /**
     * @param columnar whether chunks hold one column after the other ({@code covet-backup/2}) or rows one after
     *                 the other ({@code covet-backup/1})
     */
    public ChunkReader(Storage storage, ChunkCodec codec, String backupId, Table table, boolean columnar) {
        this.columnar = columnar;
        this.storage = storage;
        this.codec = codec;
        this.backupId = backupId;
        this.table = table;
        this.digest = new TableDigest(table.types());
    }

    /** The digest of the rows returned so far. */
    public TableDigest digest() {
        return digest;
    }

    @Override
    public boolean hasNext() {
        while (leftInChunk == 0) {
            if (in != null) {
                requireEnd();
                in = null;
            }
            if (nextChunk == table.chunks().size()) {
                return false;
            }
            load(table.chunks().get(nextChunk++));
        }
        return true;
    }

    /** The portable type of each column. */
    List<PortableType> portableTypes() {
        return table.types();
    }

    /** Whether chunks are columnar, so {@link #advance()} and {@link #column(int)} may be used. */
    boolean columnar() {
        return columnar;
    }

    /**
     * Moves to the next row for a caller that reads its values straight from {@link #column(int)} (one value from
     * each column, in order) and feeds the digest itself; false at the end.
     */
    boolean advance() {
        if (!hasNext()) {
            return false;
        }
        leftInChunk--;
        return true;
    }

    /** The current chunk's values of column {@code i}, positioned at the current row's value. */
    Bytes.Source column(int i) {
        return columns[i];
    }

    /** A chunk whose bytes do not decode, named. */
    ChunkCodec.CorruptChunk undecodable(Exception e) {
        return e instanceof EOFException ? new ChunkCodec.CorruptChunk(where() + " ends in the middle of a row")
                : new ChunkCodec.CorruptChunk(where() + " holds an undecodable row: " + e.getMessage());
    }

    @Override
    public Object[] next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Object[] row = new Object[table.columns().size()];
        try {
            for (int i = 0; i < row.length; i++) {
                row[i] = RowCodec.read(columnar ? columns[i] : in);
            }
        } catch (EOFException e) {
            throw new ChunkCodec.CorruptChunk(where() + " ends in the middle of a row");
        } catch (IOException | RuntimeException e) {
            throw new ChunkCodec.CorruptChunk(where() + " holds an undecodable row: " + e.getMessage());
        }
        leftInChunk--;
        digest.add(row);
        return row;
    }

    private void load(Chunk chunk) {
        current = chunk;
        byte[] plain;
        if (prefetch != null) {
            try {
                plain = prefetch.join();
            } catch (java.util.concurrent.CompletionException e) {
                throw e.getCause() instanceof RuntimeException re ? re : e;
            }
        } else {
            plain = plain(chunk);
        }
        // The next chunk is fetched, checked and decrypted while this one's rows are loaded.
        Chunk following = nextChunk < table.chunks().size() ? table.chunks().get(nextChunk) : null;
        prefetch = following == null ? null
                : java.util.concurrent.CompletableFuture.supplyAsync(() -> plain(following));
        in = new Bytes.Source(plain);
        if (columnar) {
            columns = columns(plain);
        }
        leftInChunk = chunk.rows();
    }

    private byte[] plain(Chunk chunk) {
        String where = "chunk " + chunk.name() + " of table " + table.name();
        byte[] stored;
        try {
            stored = storage.get(Dumper.object(backupId, chunk.name()));
        } catch (NoSuchFileException e) {
            throw new MissingChunk(where + " is missing from the repository");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + where + ": " + e.getMessage(), e);
        }
        if (stored.length != chunk.storedBytes()) {
            throw new ChunkCodec.CorruptChunk(where + " is " + stored.length + " bytes, the manifest says "
                    + chunk.storedBytes() + ": it is truncated or altered");
        }
        if (!ChunkCodec.sha256(stored).equals(chunk.sha256())) {
            throw new ChunkCodec.CorruptChunk(where + " does not match its SHA-256 in the manifest: it was altered");
        }
        return codec.open(stored, chunk.plainBytes(), backupId + "/" + chunk.name());
    }

    /** Splits a columnar chunk at the byte lengths its header gives. */
    private Bytes.Source[] columns(byte[] plain) {
        int n = table.columns().size();
        try {
            if (in.readInt() != n) {
                throw new ChunkCodec.CorruptChunk(where() + " does not hold " + n + " columns");
            }
            Bytes.Source[] out = new Bytes.Source[n];
            long at = 4L + 4L * n;
            int[] lengths = new int[n];
            for (int i = 0; i < n; i++) {
                lengths[i] = in.readInt();
            }
            for (int i = 0; i < n; i++) {
                if (lengths[i] < 0 || at + lengths[i] > plain.length) {
                    throw new ChunkCodec.CorruptChunk(where() + " has impossible column lengths");
                }
                out[i] = new Bytes.Source(plain, (int) at, (int) (at + lengths[i]));
                at += lengths[i];
            }
            if (at != plain.length) {
                throw new ChunkCodec.CorruptChunk(where() + " has bytes after its last column");
            }
            return out;
        } catch (EOFException e) {
            throw new ChunkCodec.CorruptChunk(where() + " ends inside its column header");
        }
    }

    private void requireEnd() {
        boolean more = in.hasMore();
        if (columnar) {
            more = false;
            for (Bytes.Source c : columns) {
                more |= c.hasMore();
            }
        }
        if (more) {
            throw new ChunkCodec.CorruptChunk(where() + " holds more rows than the manifest says");
        }
    }

    private String where() {
        return "chunk " + current.name() + " of table " + table.name();
    }

    /** A chunk named in the manifest is not in the repository. */
    public static final class MissingChunk extends RuntimeException {
        public MissingChunk(String message) {
            super(message);
        }
    }
}
