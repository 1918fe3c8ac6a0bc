package io.covet.backup.internal;

import java.io.DataOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * PostgreSQL to PostgreSQL restore of columnar chunks: each value is re-encoded from its chunk bytes into binary
 * COPY and fed to the table checksum as bytes, without becoming a Java object ({@link PgBinaryCopy} encodes the
 * values that take the object path).
 */
final class PgChunkCopy {
    private PgChunkCopy() {
    }

    /**
     * Like {@link PgBinaryCopy#load}, but takes the values straight from the chunk bytes of {@code rows} (columnar chunks):
     * common values are re-encoded for COPY and fed to the checksum without becoming Java objects; the others
     * (CHAR text, whose checksum form drops the padding, wide decimals, values of an unexpected kind) go through
     * the object path. The checksum is the same either way.
     */
    static long copy(Connection c, String table, String columns, List<String> types, List<PortableType> portable,
                          ChunkReader rows) throws SQLException {
        TableDigest digest = rows.digest();
        return PgBinaryCopy.copyIn(c, table, columns, out -> {
            long n = 0;
            int width = types.size();
            while (rows.advance()) {
                out.writeShort(width);
                digest.beginRow();
                for (int i = 0; i < width; i++) {
                    Bytes.Source col = rows.column(i);
                    try {
                        if (!fast(out, digest, col, types.get(i), portable.get(i))) {
                            Object v = RowCodec.read(col);
                            digest.value(v, portable.get(i));
                            PgBinaryCopy.write(out, types.get(i), v);
                        }
                    } catch (java.io.EOFException e) {
                        throw rows.undecodable(e);
                    }
                }
                digest.endRow();
                n++;
            }
            return n;
        });
    }

    private static final long MAX_DAY = LocalDate.MAX.toEpochDay();
    private static final long MIN_DAY = LocalDate.MIN.toEpochDay();
    private static final long MAX_SECOND = LocalDateTime.MAX.toEpochSecond(ZoneOffset.UTC);
    private static final long MIN_SECOND = LocalDateTime.MIN.toEpochSecond(ZoneOffset.UTC);

    /** Re-encodes one value from its chunk bytes when its kind and the column type allow; false to take the slow way. */
    private static boolean fast(DataOutputStream out, TableDigest digest, Bytes.Source col, String pg, PortableType pt)
            throws IOException {
        byte[] a = col.array();
        int p = col.position();
        int tag = col.peek();
        switch (tag) {
            case RowCodec.NULL -> {
                col.skip(1);
                digest.raw(a, p, 1);
                out.writeInt(-1);
                return true;
            }
            case RowCodec.TRUE, RowCodec.FALSE -> {
                if (!pg.equals("bool")) {
                    return false;
                }
                col.skip(1);
                digest.raw(a, p, 1);
                out.writeInt(1);
                out.writeByte(tag == RowCodec.TRUE ? 1 : 0);
                return true;
            }
            case RowCodec.LONG -> {
                int size = switch (pg) {
                    case "int2" -> 2;
                    case "int4" -> 4;
                    case "int8" -> 8;
                    default -> 0;
                };
                if (size == 0) {
                    return false;
                }
                col.skip(9);
                digest.raw(a, p, 9);
                long v = Bytes.longAt(a, p + 1);
                out.writeInt(size);
                if (size == 2) {
                    out.writeShort((int) v);
                } else if (size == 4) {
                    out.writeInt((int) v);
                } else {
                    out.writeLong(v);
                }
                return true;
            }
            case RowCodec.DOUBLE -> {
                if (!pg.equals("float8") && !pg.equals("float4")) {
                    return false;
                }
                col.skip(9);
                digest.raw(a, p, 9);
                double d = Double.longBitsToDouble(Bytes.longAt(a, p + 1));
                if (pg.equals("float8")) {
                    out.writeInt(8);
                    out.writeLong(Double.doubleToRawLongBits(d));
                } else {
                    out.writeInt(4);
                    out.writeInt(Float.floatToRawIntBits((float) d));
                }
                return true;
            }
            case RowCodec.STRING, RowCodec.BYTES -> {
                boolean text = tag == RowCodec.STRING && pt != PortableType.CHAR
                        && (pg.equals("text") || pg.equals("varchar") || pg.equals("bpchar") || pg.equals("json")
                        || pg.equals("jsonb"));
                if (!text && !(tag == RowCodec.BYTES && pg.equals("bytea"))) {
                    return false;
                }
                col.skip(5);
                int len = Bytes.intAt(a, p + 1);
                col.skip(len);
                digest.raw(a, p, 5 + len);
                if (pg.equals("jsonb")) {
                    out.writeInt(len + 1);
                    out.writeByte(1);
                } else {
                    out.writeInt(len);
                }
                out.write(a, p + 5, len);
                return true;
            }
            case RowCodec.DATE -> {
                if (!pg.equals("date")) {
                    return false;
                }
                col.skip(9);
                digest.raw(a, p, 9);
                long day = Bytes.longAt(a, p + 1);
                out.writeInt(4);
                out.writeInt(day == MAX_DAY ? Integer.MAX_VALUE : day == MIN_DAY ? Integer.MIN_VALUE
                        : Math.toIntExact(day - PgBinaryCopy.PG_EPOCH_DAY));
                return true;
            }
            case RowCodec.TIME -> {
                if (!pg.equals("time")) {
                    return false;
                }
                col.skip(9);
                digest.raw(a, p, 9);
                long nanos = Bytes.longAt(a, p + 1);
                out.writeInt(8);
                out.writeLong(nanos == LocalTime.MAX.toNanoOfDay() ? 86_400_000_000L : nanos / 1000);
                return true;
            }
            case RowCodec.TIMESTAMP, RowCodec.INSTANT -> {
                if (!pg.equals(tag == RowCodec.TIMESTAMP ? "timestamp" : "timestamptz")) {
                    return false;
                }
                col.skip(13);
                digest.raw(a, p, 13);
                long second = Bytes.longAt(a, p + 1);
                int nano = Bytes.intAt(a, p + 9);
                out.writeInt(8);
                if (tag == RowCodec.TIMESTAMP) {
                    out.writeLong(second == MAX_SECOND && nano == 999_999_999 ? Long.MAX_VALUE
                            : second == MIN_SECOND && nano == 0 ? Long.MIN_VALUE : PgBinaryCopy.micros(second, nano));
                } else {
                    out.writeLong(second == PgBinaryCopy.PLUS_INFINITY.getEpochSecond() && nano == PgBinaryCopy.PLUS_INFINITY.getNano()
                            ? Long.MAX_VALUE : second == PgBinaryCopy.MINUS_INFINITY.getEpochSecond()
                            && nano == PgBinaryCopy.MINUS_INFINITY.getNano() ? Long.MIN_VALUE : PgBinaryCopy.micros(second, nano));
                }
                return true;
            }
            case RowCodec.DECIMAL -> {
                if (!pg.equals("numeric")) {
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
                if (Math.abs(u) < (1L << 53)) {
                    PgBinaryCopy.numericLong(out, u, scale);
                } else {
                    PgBinaryCopy.numeric(out, BigDecimal.valueOf(u, scale));
                }
                return true;
            }
            default -> {
                return false;
            }
        }
    }

}
