package io.covet.backup.internal;

import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Rows as the text of {@code LOAD DATA}'s default format ({@link LocalInfileLoad}), produced as the driver reads:
 * the value encoders (escaped text, hex, numbers, decimals, dates and times without java.time formatting) and the
 * buffering. A failure while producing it is kept for {@link #rethrow}, and the stream ends.
 */
abstract class InfileText extends InputStream {
    /** Bytes encoded ahead of what the driver has read. */
    private static final int BATCH = 1 << 16;
    /**
     * The most handed to the driver per read: it sends each read as one packet from its 8 KiB buffer, and a larger
     * read makes it grow (and later shrink) that buffer every time.
     */
    private static final int READ = 8192 - 64;

    private byte[] buf = new byte[BATCH + 1024];
    private int pos;
    private int lim;
    private boolean done;
    private RuntimeException failure;
    /** Whether the driver has asked for any bytes. */
    boolean started;
    final List<PortableType> types;

    InfileText(List<PortableType> types) {
        this.types = types;
    }

    /** Appends one row's text (newline included) with {@link #put}; false when there are no more rows. */
    abstract boolean row();

    @Override
    public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        started = true;
        if (pos == lim && !fill()) {
            return -1;
        }
        int n = Math.min(Math.min(len, READ), lim - pos);
        System.arraycopy(buf, pos, b, off, n);
        pos += n;
        return n;
    }

    private boolean fill() {
        if (done) {
            return false;
        }
        pos = 0;
        lim = 0;
        try {
            while (lim < BATCH) {
                if (!row()) {
                    done = true;
                    break;
                }
            }
        } catch (RuntimeException e) {
            // Ending the stream here makes the server finish the statement; the failure is rethrown after it,
            // so the caller's transaction is rolled back rather than committing a partial table.
            failure = e;
            done = true;
            lim = 0;
        }
        return lim > 0;
    }

    void rethrow() {
        if (failure != null) {
            throw failure;
        }
    }

    final void ensure(int more) {
        if (lim + more > buf.length) {
            buf = java.util.Arrays.copyOf(buf, Math.max(buf.length * 2, lim + more));
        }
    }

    final void put(int b) {
        ensure(1);
        buf[lim++] = (byte) b;
    }

    final void ascii(String s) {
        ensure(s.length());
        for (int i = 0; i < s.length(); i++) {
            buf[lim++] = (byte) s.charAt(i);
        }
    }

    final void nul() {
        put('\\');
        put('N');
    }

    /** Text bytes (UTF-8) with the field and line separators and the escape character escaped. */
    final void text(byte[] a, int off, int len) {
        ensure(2 * len);
        for (int i = off; i < off + len; i++) {
            byte x = a[i];
            switch (x) {
                case '\\' -> {
                    buf[lim++] = '\\';
                    buf[lim++] = '\\';
                }
                case '\t' -> {
                    buf[lim++] = '\\';
                    buf[lim++] = 't';
                }
                case '\n' -> {
                    buf[lim++] = '\\';
                    buf[lim++] = 'n';
                }
                case 0 -> {
                    buf[lim++] = '\\';
                    buf[lim++] = '0';
                }
                default -> buf[lim++] = x;
            }
        }
    }

    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

    final void hex(byte[] a, int off, int len) {
        ensure(2 * len);
        for (int i = off; i < off + len; i++) {
            buf[lim++] = HEX[(a[i] >> 4) & 0xf];
            buf[lim++] = HEX[a[i] & 0xf];
        }
    }

    final void number(long v) {
        if (v == Long.MIN_VALUE) {
            ascii(Long.toString(v));
            return;
        }
        ensure(20);
        if (v < 0) {
            buf[lim++] = '-';
            v = -v;
        }
        int start = lim;
        do {
            buf[lim++] = (byte) ('0' + v % 10);
            v /= 10;
        } while (v != 0);
        for (int i = start, j = lim - 1; i < j; i++, j--) {
            byte t = buf[i];
            buf[i] = buf[j];
            buf[j] = t;
        }
    }

    /** {@code unscaled × 10^-scale} in plain notation, scale >= 0. */
    final void decimal(long unscaled, int scale) {
        if (scale == 0) {
            number(unscaled);
            return;
        }
        if (unscaled == Long.MIN_VALUE || scale > 18) {
            ascii(BigDecimal.valueOf(unscaled, scale).toPlainString());
            return;
        }
        ensure(42);
        if (unscaled < 0) {
            buf[lim++] = '-';
            unscaled = -unscaled;
        }
        int start = lim;
        number(unscaled);
        int digits = lim - start;
        if (digits <= scale) { // 0.00ddd: the digits move right past "0." and the leading zeros
            int shift = 2 + scale - digits;
            System.arraycopy(buf, start, buf, start + shift, digits);
            buf[start] = '0';
            buf[start + 1] = '.';
            java.util.Arrays.fill(buf, start + 2, start + shift, (byte) '0');
            lim += shift;
        } else { // ddd.dd: the last scale digits move right by one for the point
            int point = lim - scale;
            System.arraycopy(buf, point, buf, point + 1, scale);
            buf[point] = '.';
            lim++;
        }
    }

    private void two(int v) {
        buf[lim++] = (byte) ('0' + v / 10);
        buf[lim++] = (byte) ('0' + v % 10);
    }

    final void date(LocalDate d) {
        if (d.getYear() < 0 || d.getYear() > 9999) {
            ascii(d.toString());
            return;
        }
        ensure(10);
        int y = d.getYear();
        two(y / 100);
        two(y % 100);
        buf[lim++] = '-';
        two(d.getMonthValue());
        buf[lim++] = '-';
        two(d.getDayOfMonth());
    }

    final void time(long secondOfDay, int nano) {
        ensure(19);
        nano -= nano % 1000; // microseconds, what MariaDB keeps and what the driver binds of a java.time value
        two((int) (secondOfDay / 3600));
        buf[lim++] = ':';
        two((int) (secondOfDay / 60 % 60));
        buf[lim++] = ':';
        two((int) (secondOfDay % 60));
        if (nano != 0) {
            // without trailing zeros: more fraction digits than the column keeps is a warning, even zeros
            buf[lim++] = '.';
            int div = 100_000_000;
            int rest = nano;
            while (rest != 0) {
                buf[lim++] = (byte) ('0' + rest / div);
                rest %= div;
                div /= 10;
            }
        }
    }

    /** A date-time as {@code yyyy-MM-dd HH:mm:ss[.fffffffff]}: the wall clock a bound parameter sends too. */
    final void dateTime(long epochSecond, int nano) {
        date(LocalDate.ofEpochDay(Math.floorDiv(epochSecond, 86_400)));
        put(' ');
        time(Math.floorMod(epochSecond, 86_400), nano);
    }

    /** One value from its Java object, the form {@link Values} reads and {@link RowCodec} decodes. */
    final void object(Object v, PortableType type) {
        if (v == null) {
            nul();
        } else if (v instanceof byte[] b) {
            if (type == PortableType.BYTES) {
                hex(b, 0, b.length);
            } else {
                text(b, 0, b.length);
            }
        } else if (type == PortableType.BYTES) {
            // a byte column is read through UNHEX, so a value of another kind goes as the hex of its text
            byte[] b = v.toString().getBytes(StandardCharsets.UTF_8);
            hex(b, 0, b.length);
        } else if (v instanceof Long n) {
            number(n);
        } else if (v instanceof Boolean b) {
            put(b ? '1' : '0');
        } else if (v instanceof BigDecimal d) {
            ascii(d.toPlainString());
        } else if (v instanceof Double d) {
            ascii(Double.toString(d));
        } else if (v instanceof LocalDateTime t) {
            dateTime(t.toEpochSecond(ZoneOffset.UTC), t.getNano());
        } else if (v instanceof Instant t) {
            // as the driver binds an Instant: its UTC wall clock
            dateTime(t.getEpochSecond(), t.getNano());
        } else if (v instanceof LocalDate d) {
            date(d);
        } else if (v instanceof LocalTime t) {
            time(t.toSecondOfDay(), t.getNano());
        } else {
            byte[] b = v.toString().getBytes(StandardCharsets.UTF_8);
            text(b, 0, b.length);
        }
    }
}
