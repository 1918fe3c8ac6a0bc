package io.covet.backup.internal;

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

    /** Adds one row of normalised values. */
    public void add(Object[] row) {
        buf.reset();
        for (int i = 0; i < row.length; i++) {
            RowCodec.write(buf, Values.canonical(row[i], types.get(i)));
        }
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
