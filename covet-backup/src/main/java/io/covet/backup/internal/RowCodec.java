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

    /** Writes a long as {@link #write} writes a {@code Long}, without boxing it. */
    static void writeLong(Bytes.Sink out, long v) {
        out.writeByte(LONG);
        out.writeLong(v);
    }

    /**
     * Writes text given as the UTF-8 bytes the driver received exactly as {@link #write} writes the string the
     * driver would decode from them (null as NULL): ASCII is copied as it is; anything else goes through a
     * {@code String}, so a malformed sequence becomes U+FFFD as it would there.
     */
    static void writeText(Bytes.Sink out, byte[] utf8) {
        if (utf8 == null) {
            out.writeByte(NULL);
            return;
        }
        for (byte b : utf8) {
            if (b < 0) {
                out.writeByte(STRING);
                out.writeString(new String(utf8, java.nio.charset.StandardCharsets.UTF_8));
                return;
            }
        }
        out.writeByte(STRING);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    /**
     * Writes a decimal given as plain text ({@code -123.45}, as MariaDB sends it) exactly as {@link #write} writes
     * {@code new BigDecimal(text)}, and gives the digest its canonical form; false, with nothing written, for null,
     * for text in another form or for more than 18 digits (the caller then takes the object path).
     */
    static boolean writeDecimal(Bytes.Sink out, String s, TableDigest digest) {
        if (s == null || s.isEmpty()) {
            return false;
        }
        int i = 0;
        boolean negative = s.charAt(0) == '-';
        if (negative || s.charAt(0) == '+') {
            i++;
        }
        long u = 0;
        int digits = 0;
        int scale = -1;
        for (; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '.' && scale < 0) {
                scale = 0;
            } else if (ch >= '0' && ch <= '9' && digits < 18) {
                u = u * 10 + (ch - '0');
                digits++;
                if (scale >= 0) {
                    scale++;
                }
            } else {
                return false;
            }
        }
        if (digits == 0) {
            return false;
        }
        if (negative) {
            u = -u;
        }
        int sc = Math.max(scale, 0);
        int len = (64 - Long.numberOfLeadingZeros(u >= 0 ? u : ~u)) / 8 + 1;
        out.writeByte(DECIMAL);
        out.writeInt(sc);
        out.writeInt(len);
        for (int b = len - 1; b >= 0; b--) {
            out.writeByte((int) (u >>> (8 * b)));
        }
        digest.decimal(u, sc);
        return true;
    }

    /**
     * Writes a date-time given as {@code yyyy-MM-dd HH:mm:ss[.fraction]} text exactly as {@link #write} writes the
     * {@code LocalDateTime} it names (null as NULL); false, with nothing written, for text in another form, out of
     * range, or a zero date (the caller then takes the object path, which decides what those mean).
     */
    static boolean writeDateTime(Bytes.Sink out, String s) {
        if (s == null) {
            out.writeByte(NULL);
            return true;
        }
        if (s.length() < 19 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != ' ' || s.charAt(13) != ':'
                || s.charAt(16) != ':') {
            return false;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        int nano = 0;
        if (s.length() > 19) {
            int n = s.length() - 20;
            if (s.charAt(19) != '.' || n < 1 || n > 9) {
                return false;
            }
            nano = digits(s, 20, n);
            for (int k = n; k < 9; k++) {
                nano *= 10;
            }
        }
        if (year < 1 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59
                || second < 0 || second > 59 || nano < 0 || day > java.time.YearMonth.of(year, month).lengthOfMonth()) {
            return false;
        }
        long epochDay = LocalDate.of(year, month, day).toEpochDay();
        out.writeByte(TIMESTAMP);
        out.writeLong(epochDay * 86_400 + hour * 3600L + minute * 60L + second);
        out.writeInt(nano);
        return true;
    }

    /** The decimal number of {@code n} digits at {@code from}; -1 when one is not a digit. */
    private static int digits(String s, int from, int n) {
        int v = 0;
        for (int i = from; i < from + n; i++) {
            char ch = s.charAt(i);
            if (ch < '0' || ch > '9') {
                return -1;
            }
            v = v * 10 + (ch - '0');
        }
        return v;
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
