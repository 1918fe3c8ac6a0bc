package io.covet.backup.internal;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;

/**
 * The row encoding inside a chunk (see docs/backup.md): per value one tag byte, then the payload. Values are the
 * normalised Java forms {@link Values} produces, so every engine's rows encode the same way.
 */
public final class RowCodec {
    static final int NULL = 0, LONG = 1, DOUBLE = 2, DECIMAL = 3, STRING = 4, BYTES = 5, TRUE = 6, FALSE = 7,
            DATE = 8, TIME = 9, TIMESTAMP = 10, INSTANT = 11;

    private RowCodec() {
    }

    /** Writes one value. */
    public static void write(DataOutputStream out, Object v) throws IOException {
        if (v == null) {
            out.writeByte(NULL);
        } else if (v instanceof Long n) {
            out.writeByte(LONG);
            out.writeLong(n);
        } else if (v instanceof Double d) {
            out.writeByte(DOUBLE);
            out.writeDouble(d);
        } else if (v instanceof BigDecimal d) {
            text(out, DECIMAL, d.toString());
        } else if (v instanceof String s) {
            text(out, STRING, s);
        } else if (v instanceof byte[] b) {
            out.writeByte(BYTES);
            out.writeInt(b.length);
            out.write(b);
        } else if (v instanceof Boolean b) {
            out.writeByte(b ? TRUE : FALSE);
        } else if (v instanceof LocalDate d) {
            text(out, DATE, d.toString());
        } else if (v instanceof LocalTime t) {
            text(out, TIME, t.toString());
        } else if (v instanceof LocalDateTime t) {
            text(out, TIMESTAMP, t.toString());
        } else if (v instanceof Instant t) {
            text(out, INSTANT, t.toString());
        } else {
            throw new IllegalArgumentException("cannot encode a " + v.getClass().getName());
        }
    }

    private static void text(DataOutputStream out, int tag, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeByte(tag);
        out.writeInt(b.length);
        out.write(b);
    }

    /**
     * Reads one value.
     *
     * @throws EOFException at the clean end of the stream (before a tag)
     * @throws IOException  when the bytes are not a valid encoding
     */
    public static Object read(DataInputStream in) throws IOException {
        int tag = in.read();
        if (tag < 0) {
            throw new EOFException();
        }
        return switch (tag) {
            case NULL -> null;
            case LONG -> in.readLong();
            case DOUBLE -> in.readDouble();
            case DECIMAL -> new BigDecimal(string(in));
            case STRING -> string(in);
            case BYTES -> bytes(in);
            case TRUE -> Boolean.TRUE;
            case FALSE -> Boolean.FALSE;
            case DATE -> LocalDate.parse(string(in));
            case TIME -> LocalTime.parse(string(in));
            case TIMESTAMP -> LocalDateTime.parse(string(in));
            case INSTANT -> Instant.parse(string(in));
            default -> throw new IOException("unknown value tag " + tag + ": the chunk is damaged");
        };
    }

    private static String string(DataInputStream in) throws IOException {
        return new String(bytes(in), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > (1 << 30)) {
            throw new IOException("value length " + n + " is impossible: the chunk is damaged");
        }
        return in.readNBytes(n);
    }
}
