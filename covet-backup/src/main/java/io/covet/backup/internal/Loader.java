package io.covet.backup.internal;

import io.covet.core.dialect.Dialect;
import io.covet.core.dialect.Feature;
import io.covet.core.engine.Engine;
import io.covet.core.BulkLoad;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Iterator;
import java.util.List;

/**
 * Loads restored rows on a connection the caller's transaction owns without committing, so a whole restore stays
 * one unit of work: PostgreSQL to PostgreSQL by binary {@code COPY FROM STDIN} ({@link PgBinaryCopy}), otherwise
 * through {@code LOAD DATA LOCAL INFILE} where the server allows it ({@link LocalInfileLoad}), otherwise through
 * the core's bulk loader (PostgreSQL text {@code COPY}, MariaDB multi-row {@code INSERT}s, SQLite a prepared batch).
 */
public final class Loader {
    private Loader() {
    }

    /**
     * Loads {@code rows} into {@code table} (already quoted and qualified); returns the row count. From a
     * PostgreSQL backup into PostgreSQL the rows go through a binary COPY when every column's type allows it.
     */
    public static long load(Connection c, Engine engine, Engine source, String table, List<String> columns,
                            Iterator<Object[]> rows) throws SQLException {
        return load(c, engine, source, table, columns, null, rows, false);
    }

    /**
     * As {@link #load(Connection, Engine, Engine, String, List, Iterator)}; with {@code loadDataLocal} (the target
     * server has {@link Feature#LOAD_DATA_LOCAL}) and the columns' portable {@code types}, the rows are streamed
     * as {@code LOAD DATA LOCAL INFILE} text instead of multi-row INSERTs, falling back to INSERTs when the
     * server refuses it before reading a row.
     */
    public static long load(Connection c, Engine engine, Engine source, String table, List<String> columns,
                            List<PortableType> types, Iterator<Object[]> rows, boolean loadDataLocal)
            throws SQLException {
        Dialect d = Dialect.of(engine.family());
        StringBuilder cols = new StringBuilder();
        for (String col : columns) {
            if (cols.length() > 0) {
                cols.append(", ");
            }
            d.quoteExistingInto(cols, col);
        }
        // binary COPY needs the archive's values in PostgreSQL's own forms, so only a PostgreSQL backup qualifies
        if (d.supports(Feature.COPY) && source.family() == Engine.POSTGRESQL) {
            List<String> pgTypes = PgBinaryCopy.types(c, table, columns);
            if (pgTypes != null && rows instanceof ChunkReader chunks && chunks.columnar()) {
                return PgChunkCopy.copy(c, table, cols.toString(), pgTypes, chunks.portableTypes(), chunks);
            }
            if (pgTypes != null) {
                return PgBinaryCopy.load(c, table, cols.toString(), pgTypes, rows);
            }
        }
        if (loadDataLocal && types != null && d.supports(Feature.LOAD_DATA_LOCAL)) {
            try {
                return LocalInfileLoad.load(c, engine, table, columns, types, rows);
            } catch (LocalInfileLoad.Refused e) {
                // refused before the first row was read (local_infile off, say): the same rows go as INSERTs below
            }
        }
        // COPY takes the archive's values as text; bound parameters need them as the target engine stores them.
        Iterator<Object[]> values = d.supports(Feature.COPY) ? rows : new Iterator<>() {
            @Override
            public boolean hasNext() {
                return rows.hasNext();
            }

            @Override
            public Object[] next() {
                Object[] row = rows.next();
                Object[] mapped = new Object[row.length];
                for (int i = 0; i < row.length; i++) {
                    mapped[i] = Values.forTarget(row[i], engine);
                }
                return mapped;
            }
        };
        return BulkLoad.onConnection(c, engine, table, columns, values);
    }
}
