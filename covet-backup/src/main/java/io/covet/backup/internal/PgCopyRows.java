package io.covet.backup.internal;

import io.covet.backup.internal.Manifest.Column;
import io.covet.backup.internal.Manifest.Table;
import io.covet.core.dialect.Dialect;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyInputStream;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Reads a PostgreSQL table with {@code COPY (SELECT …) TO STDOUT (FORMAT binary)}: the server streams rows while
 * they are decoded here, instead of waiting for each fetch-size round trip of a cursor, and binary fields decode
 * without parsing. Each column is cast to a type whose binary form is decoded here, and values come out in the
 * same normalised forms {@link Values#read} gives, so archives do not depend on the read path.
 */
final class PgCopyRows implements AutoCloseable {
    private static final long PG_EPOCH_DAY = LocalDate.of(2000, 1, 1).toEpochDay();
    private static final long PG_EPOCH_SECOND = PG_EPOCH_DAY * 86_400L;
    private static final byte[] SIGNATURE = "PGCOPY\n\377\r\n\0".getBytes(StandardCharsets.ISO_8859_1);

    private final PGCopyInputStream copy;
    private final DataInputStream in;
    private final List<PortableType> types;
    private byte[] text = new byte[256];

    PgCopyRows(Connection c, Dialect dialect, Table table) throws SQLException, IOException {
        this.types = table.types();
        StringBuilder sql = new StringBuilder("COPY (SELECT ");
        List<Column> cols = table.columns();
        for (int i = 0; i < cols.size(); i++) {
            String col = dialect.quoteExisting(cols.get(i).name());
            sql.append(i == 0 ? "" : ", ");
            if (types.get(i) == PortableType.OTHER) {
                // the type's output function, as the JDBC driver's getString gives it: a cast to text may differ
                // (inet::text shows the netmask, boolean::text spells 'true')
                sql.append("CASE WHEN ").append(col).append(" IS NULL THEN NULL ELSE format('%s', ").append(col)
                        .append(") END");
            } else {
                sql.append(col).append(cast(types.get(i)));
            }
        }
        sql.append(" FROM ").append(Ddl.ref(dialect, table.schema(), table.name()));
        sql.append(") TO STDOUT (FORMAT binary)");
        this.copy = new PGCopyInputStream(c.unwrap(PGConnection.class), sql.toString());
        this.in = new DataInputStream(new BufferedInputStream(copy, 1 << 16));
        byte[] sig = new byte[SIGNATURE.length];
        in.readFully(sig);
        if (!java.util.Arrays.equals(sig, SIGNATURE)) {
            throw new IOException("PostgreSQL sent an unexpected COPY header for " + table.name());
        }
        in.readInt(); // flags: no OIDs
        in.skipNBytes(in.readInt()); // header extension
    }

    /** The cast that makes the column's binary form one decoded here ({@code CHAR} keeps its padding uncast). */
    private static String cast(PortableType t) {
        return switch (t) {
            case SMALLINT, INTEGER, BIGINT -> "::int8";
            case BOOLEAN -> "::bool";
            case REAL -> "::float4";
            case DOUBLE -> "::float8";
            case BYTES -> "::bytea";
            case DATE -> "::date";
            case TIME -> "::time";
            case TIMESTAMP -> "::timestamp";
            case TIMESTAMPTZ -> "::timestamptz";
            case CHAR -> "";
            default -> "::text"; // DECIMAL (exact digits), text types, uuid, json: their output function's text
        };
    }

    /** Reads the next row into {@code row}; false at the end. */
    boolean next(Object[] row) throws IOException {
        short fields = in.readShort();
        if (fields == -1) {
            // read to the end so the COPY completes normally; closing it early would cancel it and abort the
            // snapshot transaction the next tables are read in
            if (in.read() != -1) {
                throw new IOException("PostgreSQL sent data after the end of the COPY");
            }
            return false;
        }
        if (fields != row.length) {
            throw new IOException("PostgreSQL sent a row of " + fields + " fields, expected " + row.length);
        }
        for (int i = 0; i < row.length; i++) {
            int len = in.readInt();
            row[i] = len < 0 ? null : value(types.get(i), len);
        }
        return true;
    }

    private Object value(PortableType t, int len) throws IOException {
        switch (t) {
            case SMALLINT, INTEGER, BIGINT:
                return in.readLong();
            case BOOLEAN:
                return in.readByte() != 0;
            case REAL:
                return (double) Float.intBitsToFloat(in.readInt());
            case DOUBLE:
                return Double.longBitsToDouble(in.readLong());
            case BYTES: {
                byte[] b = new byte[len];
                in.readFully(b);
                return b;
            }
            case DATE: {
                int days = in.readInt();
                // the driver's (and so the JDBC path's) forms of 'infinity' and '-infinity'
                return days == Integer.MAX_VALUE ? LocalDate.MAX : days == Integer.MIN_VALUE ? LocalDate.MIN
                        : LocalDate.ofEpochDay(PG_EPOCH_DAY + days);
            }
            case TIME: {
                long micros = in.readLong();
                return micros >= 86_400_000_000L ? LocalTime.MAX : LocalTime.ofNanoOfDay(micros * 1000);
            }
            case TIMESTAMP: {
                long micros = in.readLong();
                if (micros == Long.MAX_VALUE || micros == Long.MIN_VALUE) {
                    return micros == Long.MAX_VALUE ? LocalDateTime.MAX : LocalDateTime.MIN;
                }
                return LocalDateTime.ofEpochSecond(PG_EPOCH_SECOND + Math.floorDiv(micros, 1_000_000L),
                        (int) Math.floorMod(micros, 1_000_000L) * 1000, ZoneOffset.UTC);
            }
            case TIMESTAMPTZ: {
                long micros = in.readLong();
                if (micros == Long.MAX_VALUE || micros == Long.MIN_VALUE) {
                    return (micros == Long.MAX_VALUE ? OffsetDateTime.MAX : OffsetDateTime.MIN).toInstant();
                }
                return Instant.ofEpochSecond(PG_EPOCH_SECOND + Math.floorDiv(micros, 1_000_000L),
                        Math.floorMod(micros, 1_000_000L) * 1000);
            }
            case DECIMAL:
                return new BigDecimal(string(len));
            default:
                return string(len);
        }
    }

    private String string(int len) throws IOException {
        if (text.length < len) {
            text = new byte[Math.max(len, text.length * 2)];
        }
        in.readFully(text, 0, len);
        return new String(text, 0, len, StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        // Ends the COPY (cancelling it when the rows were not all read) so the connection is usable again.
        copy.close();
    }
}
