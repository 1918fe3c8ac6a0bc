package io.covet.backup.internal;

import java.io.EOFException;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;

/**
 * The row encoding inside a chunk (see docs/backup.md): per value one tag byte, then a big-endian payload. Values
 * are the normalised Java forms {@link Values} produces, so every engine's rows encode the same way.
 */
public final class RowCodec {
    static final int NULL = 0, LONG = 1, DOUBLE = 2, DECIMAL = 3, STRING = 4, BYTES = 5, TRUE = 6, FALSE = 7,
            DATE = 8, TIME = 9, TIMESTAMP = 10, INSTANT = 11;

    private RowCodec() {
    }

    /** Writes one value. */
    public static void write(Bytes.Sink out, Object v) {
        if (v == null) {
            out.writeByte(NULL);
        } else if (v instanceof Long n) {
            out.writeByte(LONG);
            out.writeLong(n);
        } else if (v instanceof String s) {
            out.writeByte(STRING);
            out.writeString(s);
        } else if (v instanceof Double d) {
            out.writeByte(DOUBLE);
            out.writeLong(Double.doubleToRawLongBits(d));
        } else if (v instanceof BigDecimal d) {
            out.writeByte(DECIMAL);
            out.writeInt(d.scale());
            byte[] unscaled = d.unscaledValue().toByteArray();
            out.writeInt(unscaled.length);
            out.write(unscaled);
        } else if (v instanceof Boolean b) {
            out.writeByte(b ? TRUE : FALSE);
        } else if (v instanceof byte[] b) {
            out.writeByte(BYTES);
            out.writeInt(b.length);
            out.write(b);
        } else if (v instanceof LocalDate d) {
            out.writeByte(DATE);
            out.writeLong(d.toEpochDay());
        } else if (v instanceof LocalTime t) {
            out.writeByte(TIME);
            out.writeLong(t.toNanoOfDay());
        } else if (v instanceof LocalDateTime t) {
            out.writeByte(TIMESTAMP);
            out.writeLong(t.toEpochSecond(ZoneOffset.UTC));
            out.writeInt(t.getNano());
        } else if (v instanceof Instant t) {
            out.writeByte(INSTANT);
            out.writeLong(t.getEpochSecond());
            out.writeInt(t.getNano());
        } else {
            throw new IllegalArgumentException("cannot encode a " + v.getClass().getName());
        }
    }

    /**
     * Reads one value.
     *
     * @throws EOFException when the bytes end inside a value
     * @throws IOException  when the bytes are not a valid encoding
     */
    public static Object read(Bytes.Source in) throws IOException {
        int tag = in.readByte();
        return switch (tag) {
            case NULL -> null;
            case LONG -> in.readLong();
            case DOUBLE -> Double.longBitsToDouble(in.readLong());
            case DECIMAL -> {
                int scale = in.readInt();
                int n = length(in);
                if (n > 0 && n <= 8) { // fits a long: no BigInteger on the way
                    long u = in.readByte() << 24 >> 24; // sign-extended first byte
                    for (int i = 1; i < n; i++) {
                        u = (u << 8) | in.readByte();
                    }
                    yield BigDecimal.valueOf(u, scale);
                }
                yield new BigDecimal(new BigInteger(in.readBytes(n)), scale);
            }
            case STRING -> in.readString(length(in));
            case BYTES -> in.readBytes(length(in));
            case TRUE -> Boolean.TRUE;
            case FALSE -> Boolean.FALSE;
            case DATE -> LocalDate.ofEpochDay(in.readLong());
            case TIME -> LocalTime.ofNanoOfDay(in.readLong());
            case TIMESTAMP -> LocalDateTime.ofEpochSecond(in.readLong(), nanos(in), ZoneOffset.UTC);
            case INSTANT -> Instant.ofEpochSecond(in.readLong(), nanos(in));
            default -> throw new IOException("unknown value tag " + tag + ": the chunk is damaged");
        };
    }

    private static int length(Bytes.Source in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > (1 << 30)) {
            throw new IOException("value length " + n + " is impossible: the chunk is damaged");
        }
        return n;
    }

    private static int nanos(Bytes.Source in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > 999_999_999) {
            throw new IOException("nanosecond field " + n + " is impossible: the chunk is damaged");
        }
        return n;
    }
}
