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
 * through the core's bulk loader (PostgreSQL text {@code COPY}, MariaDB multi-row {@code INSERT}s, SQLite a
 * prepared batch).
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
            List<String> types = PgBinaryCopy.types(c, table, columns);
            if (types != null && rows instanceof ChunkReader chunks && chunks.columnar()) {
                return PgChunkCopy.copy(c, table, cols.toString(), types, chunks.portableTypes(), chunks);
            }
            if (types != null) {
                return PgBinaryCopy.load(c, table, cols.toString(), types, rows);
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
