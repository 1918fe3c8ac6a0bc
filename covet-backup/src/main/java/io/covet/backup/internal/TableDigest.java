package io.covet.backup.internal;

import java.math.BigDecimal;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The per-table checksum: the SHA-256 of each row's canonical encoding, summed modulo 2^256. The sum makes the
 * checksum independent of row order, so a table can be read back from any engine in any order and compared.
 * Not thread-safe.
 */
public final class TableDigest {
    private final List<PortableType> types;
    private final MessageDigest sha;
    private final Bytes.Sink buf = new Bytes.Sink(256);
    private final long[] sum = new long[4];
    private long rows;

    public TableDigest(List<PortableType> types) {
        this.types = types;
        try {
            this.sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Starts a row given value by value ({@link #raw}, {@link #value}, {@link #decimal}); {@link #endRow} ends it. */
    void beginRow() {
        buf.reset();
    }

    /** Appends a value's encoding, already canonical, as bytes. */
    void raw(byte[] b, int off, int len) {
        buf.write(b, off, len);
    }

    /** Appends a value in its canonical encoding. */
    void value(Object v, PortableType type) {
        RowCodec.write(buf, Values.canonical(v, type));
    }

    /** Appends a decimal given by its unscaled value and scale (>= 0), canonical. */
    void decimal(long unscaled, int scale) {
        canonicalDecimal(unscaled, scale);
    }

    /** Ends the row begun by {@link #beginRow}. */
    void endRow() {
        fold();
    }

    /** Adds one row of normalised values. */
    public void add(Object[] row) {
        buf.reset();
        for (int i = 0; i < row.length; i++) {
            Object v = row[i];
            if (v instanceof BigDecimal d && d.scale() >= 0 && d.unscaledValue().bitLength() < 63) {
                canonicalDecimal(d.unscaledValue().longValue(), d.scale());
            } else {
                RowCodec.write(buf, Values.canonical(v, types.get(i)));
            }
        }
        fold();
    }

    private void fold() {
        sha.update(buf.array(), 0, buf.size());
        byte[] h = sha.digest();
        long carry = 0;
        for (int word = 3; word >= 0; word--) {
            long x = 0;
            for (int b = 0; b < 8; b++) {
                x = (x << 8) | (h[word * 8 + b] & 0xff);
            }
            long s = sum[word] + x;
            long c1 = Long.compareUnsigned(s, sum[word]) < 0 ? 1 : 0;
            long s2 = s + carry;
            long c2 = Long.compareUnsigned(s2, s) < 0 ? 1 : 0;
            sum[word] = s2;
            carry = c1 + c2;
        }
        rows++;
    }

    /**
     * Writes what {@code RowCodec.write(Values.canonical(decimal))} writes, without the BigDecimal arithmetic: the
     * unscaled value loses its trailing zeros, then goes out as minimal two's-complement bytes.
     */
    private void canonicalDecimal(long unscaled, int scale) {
        long u = unscaled;
        int s = scale;
        if (u == 0) {
            s = 0;
        }
        while (s > 0 && u % 10 == 0) {
            u /= 10;
            s--;
        }
        int len = (64 - Long.numberOfLeadingZeros(u >= 0 ? u : ~u)) / 8 + 1;
        buf.writeByte(RowCodec.DECIMAL);
        buf.writeInt(s);
        buf.writeInt(len);
        for (int i = len - 1; i >= 0; i--) {
            buf.writeByte((int) (u >>> (8 * i)));
        }
    }

    /** Rows added so far. */
    public long rows() {
        return rows;
    }

    /** The checksum as {@code sha256-sum:<64 hex digits>}. */
    public String value() {
        StringBuilder sb = new StringBuilder("sha256-sum:");
        for (long w : sum) {
            sb.append(HexFormat.of().toHexDigits(w));
        }
        return sb.toString();
    }
}
