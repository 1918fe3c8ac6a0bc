package io.covet.backup.internal;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.PGCopyOutputStream;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Loads rows into a PostgreSQL table with {@code COPY … FROM STDIN (FORMAT binary)}: values go in their binary
 * form, so neither side formats or parses text (timestamps and numerics are the costly ones to parse). Binary COPY
 * needs every column's exact type, so it is used only when all columns are of a type encoded here and the values
 * came from PostgreSQL (typed as the column is); otherwise the caller uses the text COPY.
 */
final class PgBinaryCopy {
    private static final Set<String> SUPPORTED = Set.of("int2", "int4", "int8", "numeric", "float4", "float8", "bool",
            "bpchar", "varchar", "text", "bytea", "date", "time", "timestamp", "timestamptz", "uuid", "json", "jsonb");
    static final long PG_EPOCH_DAY = LocalDate.of(2000, 1, 1).toEpochDay();
    private static final long PG_EPOCH_SECOND = PG_EPOCH_DAY * 86_400L;
    static final Instant PLUS_INFINITY = OffsetDateTime.MAX.toInstant();
    static final Instant MINUS_INFINITY = OffsetDateTime.MIN.toInstant();

    private PgBinaryCopy() {
    }

    /**
     * The base type names ({@code pg_type.typname}) of the listed columns of {@code table} (quoted, possibly
     * qualified), or null when one of them has no binary encoding here.
     */
    static List<String> types(Connection c, String table, List<String> columns) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT t.typname FROM pg_attribute a "
                + "JOIN pg_type t ON t.oid = a.atttypid WHERE a.attrelid = ?::regclass AND a.attname = ?")) {
            for (String col : columns) {
                ps.setString(1, table);
                ps.setString(2, col);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next() || !SUPPORTED.contains(rs.getString(1))) {
                        return null;
                    }
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    /** Copies {@code rows} into {@code table}'s {@code columns}, whose types {@link #types} gave; returns the rows. */
    static long load(Connection c, String table, String columns, List<String> types, Iterator<Object[]> rows)
            throws SQLException {
        return copyIn(c, table, columns, out -> {
            long n = 0;
            int width = types.size();
            while (rows.hasNext()) {
                Object[] row = rows.next();
                out.writeShort(width);
                for (int i = 0; i < width; i++) {
                    write(out, types.get(i), row[i]);
                }
                n++;
            }
            return n;
        });
    }

    /** Writes the tuples of a binary COPY and returns how many it wrote. */
    interface Tuples {
        long write(DataOutputStream out) throws IOException, SQLException;
    }

    /**
     * One {@code COPY … FROM STDIN (FORMAT binary)} into {@code table}: the header, the tuples {@code body} writes,
     * the trailer. A COPY that fails half-way is cancelled, never ended, so nothing it sent stays.
     */
    static long copyIn(Connection c, String table, String columns, Tuples body) throws SQLException {
        CopyIn copyIn = c.unwrap(PGConnection.class).getCopyAPI()
                .copyIn("COPY " + table + " (" + columns + ") FROM STDIN (FORMAT binary)");
        boolean finished = false;
        try {
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(new PGCopyOutputStream(copyIn), 1 << 16));
            out.write("PGCOPY\n\377\r\n\0".getBytes(StandardCharsets.ISO_8859_1));
            out.writeInt(0);
            out.writeInt(0);
            long n = body.write(out);
            out.writeShort(-1);
            out.close(); // ends the COPY; the server reports constraint failures here
            finished = true;
            return n;
        } catch (IOException e) {
            if (e.getCause() instanceof SQLException se) {
                throw se;
            }
            throw new SQLException("binary COPY into " + table + " failed while sending rows: " + e.getMessage(),
                    "08006", e);
        } finally {
            if (!finished && copyIn.isActive()) {
                copyIn.cancelCopy();
            }
        }
    }

    static void write(DataOutputStream out, String type, Object v) throws IOException {
        if (v == null) {
            out.writeInt(-1);
            return;
        }
        switch (type) {
            case "int2" -> {
                out.writeInt(2);
                out.writeShort((int) (long) (Long) v);
            }
            case "int4" -> {
                out.writeInt(4);
                out.writeInt((int) (long) (Long) v);
            }
            case "int8" -> {
                out.writeInt(8);
                out.writeLong((Long) v);
            }
            case "float4" -> {
                out.writeInt(4);
                out.writeInt(Float.floatToRawIntBits((float) (double) (Double) v));
            }
            case "float8" -> {
                out.writeInt(8);
                out.writeLong(Double.doubleToRawLongBits((Double) v));
            }
            case "bool" -> {
                out.writeInt(1);
                out.writeByte((Boolean) v ? 1 : 0);
            }
            case "numeric" -> numeric(out, (BigDecimal) v);
            case "bytea" -> bytes(out, (byte[]) v);
            case "date" -> {
                LocalDate d = (LocalDate) v;
                out.writeInt(4);
                out.writeInt(d.equals(LocalDate.MAX) ? Integer.MAX_VALUE : d.equals(LocalDate.MIN) ? Integer.MIN_VALUE
                        : Math.toIntExact(d.toEpochDay() - PG_EPOCH_DAY));
            }
            case "time" -> {
                LocalTime t = (LocalTime) v;
                out.writeInt(8);
                out.writeLong(t.equals(LocalTime.MAX) ? 86_400_000_000L : t.toNanoOfDay() / 1000);
            }
            case "timestamp" -> {
                LocalDateTime t = (LocalDateTime) v;
                out.writeInt(8);
                out.writeLong(t.equals(LocalDateTime.MAX) ? Long.MAX_VALUE : t.equals(LocalDateTime.MIN) ? Long.MIN_VALUE
                        : micros(t.toEpochSecond(ZoneOffset.UTC), t.getNano()));
            }
            case "timestamptz" -> {
                Instant t = (Instant) v;
                out.writeInt(8);
                out.writeLong(t.equals(PLUS_INFINITY) ? Long.MAX_VALUE : t.equals(MINUS_INFINITY) ? Long.MIN_VALUE
                        : micros(t.getEpochSecond(), t.getNano()));
            }
            case "uuid" -> {
                UUID u = UUID.fromString((String) v);
                out.writeInt(16);
                out.writeLong(u.getMostSignificantBits());
                out.writeLong(u.getLeastSignificantBits());
            }
            case "jsonb" -> {
                byte[] b = ((String) v).getBytes(StandardCharsets.UTF_8);
                out.writeInt(b.length + 1);
                out.writeByte(1); // jsonb binary format version
                out.write(b);
            }
            default -> bytes(out, ((String) v).getBytes(StandardCharsets.UTF_8)); // text, varchar, bpchar, json
        }
    }

    static long micros(long epochSecond, int nano) {
        return (epochSecond - PG_EPOCH_SECOND) * 1_000_000L + nano / 1000;
    }

    private static void bytes(DataOutputStream out, byte[] b) throws IOException {
        out.writeInt(b.length);
        out.write(b);
    }

    private static final long[] POW10 = {1, 10, 100, 1000};

    /** PostgreSQL's binary numeric: base-10000 digits with a weight, a sign and the display scale. */
    static void numeric(DataOutputStream out, BigDecimal v) throws IOException {
        int dscale = Math.max(0, v.scale());
        BigInteger unscaled = (v.scale() < 0 ? v.setScale(0) : v).unscaledValue();
        if (unscaled.bitLength() <= 53) { // times up to 1000 still fits in a long
            numericLong(out, unscaled.longValue(), dscale);
        } else {
            numericDigits(out, v, dscale);
        }
    }

    /** A numeric whose unscaled value is below 2^53 in magnitude, by long arithmetic. */
    static void numericLong(DataOutputStream out, long unscaled, int dscale) throws IOException {
        int fracGroups = (dscale + 3) / 4;
        long x = Math.abs(unscaled) * POW10[fracGroups * 4 - dscale];
        short[] d = new short[5];
        int n = 0;
        while (x != 0) {
            d[n++] = (short) (x % 10_000);
            x /= 10_000;
        }
        int low = 0;
        while (low < n && d[low] == 0) {
            low++;
        }
        int ndigits = n - low;
        out.writeInt(8 + 2 * ndigits);
        out.writeShort(ndigits);
        out.writeShort(ndigits == 0 ? 0 : n - 1 - fracGroups);
        out.writeShort(unscaled < 0 ? 0x4000 : 0);
        out.writeShort(dscale);
        for (int i = n - 1; i >= low; i--) {
            out.writeShort(d[i]);
        }
    }

    /** Any numeric, through its decimal digits. */
    private static void numericDigits(DataOutputStream out, BigDecimal v, int dscale) throws IOException {
        String digits = v.abs().setScale(dscale).unscaledValue().toString();
        int intLen = digits.length() - dscale;
        String intPart = intLen > 0 ? digits.substring(0, intLen) : "";
        String fracPart = intLen >= 0 ? digits.substring(intLen) : "0".repeat(-intLen) + digits;
        intPart = "0".repeat((4 - intPart.length() % 4) % 4) + intPart;
        fracPart = fracPart + "0".repeat((4 - fracPart.length() % 4) % 4);
        String all = intPart + fracPart;
        int groups = all.length() / 4;
        short[] d = new short[groups];
        for (int i = 0; i < groups; i++) {
            d[i] = Short.parseShort(all.substring(4 * i, 4 * i + 4));
        }
        int weight = intPart.length() / 4 - 1;
        int first = 0;
        int last = groups;
        while (first < last && d[first] == 0) {
            first++;
            weight--;
        }
        while (last > first && d[last - 1] == 0) {
            last--;
        }
        int ndigits = last - first;
        out.writeInt(8 + 2 * ndigits);
        out.writeShort(ndigits);
        out.writeShort(ndigits == 0 ? 0 : weight);
        out.writeShort(v.signum() < 0 ? 0x4000 : 0);
        out.writeShort(dscale);
        for (int i = first; i < last; i++) {
            out.writeShort(d[i]);
        }
    }
}
