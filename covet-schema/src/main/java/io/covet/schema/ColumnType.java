package io.covet.schema;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An engine-neutral column type: a {@link Kind} with its length (CHAR, VARCHAR) or precision and scale
 * (DECIMAL). {@link Kind#RAW} carries a native type that has no portable equivalent (introspected only; it is
 * rendered verbatim). Immutable.
 *
 * <p>The text form ({@link #toString()}, {@link #parse(String)}) is what migration files hold:
 * {@code bigint}, {@code varchar(100)}, {@code decimal(10,2)}, {@code raw(tsvector)}.
 */
public record ColumnType(Kind kind, Integer length, Integer precision, Integer scale, String raw) {
    private static final Pattern FORM = Pattern.compile("([a-z_]+)\\s*(?:\\((.*)\\))?");

    /** The portable kinds. */
    public enum Kind {
        SMALLINT, INTEGER, BIGINT, DECIMAL, REAL, DOUBLE, BOOLEAN, CHAR, VARCHAR, TEXT, BYTES, DATE, TIME,
        TIMESTAMP, TIMESTAMPTZ, UUID, JSON, RAW;

        /** Whether values of this kind are integers. */
        public boolean integral() {
            return this == SMALLINT || this == INTEGER || this == BIGINT;
        }

        /** Whether values of this kind are numbers (rendered as bare literals). */
        public boolean numeric() {
            return integral() || this == DECIMAL || this == REAL || this == DOUBLE;
        }
    }

    /**
     * @throws IllegalArgumentException when a length, precision or scale is missing, present where it makes no
     *                                  sense, or out of range
     */
    public ColumnType {
        Objects.requireNonNull(kind, "kind");
        switch (kind) {
            case CHAR, VARCHAR -> {
                if (length == null || length < 1) {
                    throw new IllegalArgumentException(kind.name().toLowerCase(Locale.ROOT)
                            + " needs a positive length, e.g. varchar(100)");
                }
            }
            case DECIMAL -> {
                if (precision == null || precision < 1 || scale == null || scale < 0 || scale > precision) {
                    throw new IllegalArgumentException("decimal needs a precision >= 1 and 0 <= scale <= precision, "
                            + "e.g. decimal(10,2)");
                }
            }
            case RAW -> {
                if (raw == null || raw.isBlank()) {
                    throw new IllegalArgumentException("raw types need their native type name");
                }
            }
            default -> {
                if (length != null || precision != null || scale != null) {
                    throw new IllegalArgumentException(kind.name().toLowerCase(Locale.ROOT) + " takes no size");
                }
            }
        }
    }

    /** A type without size. */
    public static ColumnType of(Kind kind) {
        return new ColumnType(kind, null, null, null, null);
    }

    /** {@code varchar(length)}. */
    public static ColumnType varchar(int length) {
        return new ColumnType(Kind.VARCHAR, length, null, null, null);
    }

    /** {@code char(length)}. */
    public static ColumnType fixedChar(int length) {
        return new ColumnType(Kind.CHAR, length, null, null, null);
    }

    /** {@code decimal(precision, scale)}. */
    public static ColumnType decimal(int precision, int scale) {
        return new ColumnType(Kind.DECIMAL, null, precision, scale, null);
    }

    /** A native type kept verbatim. */
    public static ColumnType raw(String nativeType) {
        return new ColumnType(Kind.RAW, null, null, null, nativeType);
    }

    /** This type with another length (CHAR/VARCHAR). */
    public ColumnType withLength(int newLength) {
        return new ColumnType(kind, newLength, null, null, null);
    }

    /**
     * Parses the text form.
     *
     * @throws IllegalArgumentException naming the accepted forms when the text is not one
     */
    public static ColumnType parse(String text) {
        String t = Objects.requireNonNull(text, "type").strip();
        Matcher m = FORM.matcher(t.toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("unknown column type '" + text + "'");
        }
        String args = m.group(2);
        if (m.group(1).equals("raw")) {
            return raw(t.substring(t.indexOf('(') + 1, t.lastIndexOf(')')));
        }
        Kind kind;
        try {
            kind = Kind.valueOf(m.group(1).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown column type '" + text + "'; known: smallint, integer, bigint, "
                    + "decimal(p,s), real, double, boolean, char(n), varchar(n), text, bytes, date, time, timestamp, "
                    + "timestamptz, uuid, json, raw(native)");
        }
        try {
            if (kind == Kind.DECIMAL) {
                String[] ps = args == null ? new String[0] : args.split(",");
                if (ps.length != 2) {
                    throw new IllegalArgumentException("decimal needs precision and scale, e.g. decimal(10,2), was '"
                            + text + "'");
                }
                return decimal(Integer.parseInt(ps[0].strip()), Integer.parseInt(ps[1].strip()));
            }
            Integer len = args == null ? null : Integer.valueOf(args.strip());
            return new ColumnType(kind, len, null, null, null);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad size in column type '" + text + "'");
        }
    }

    @Override
    public String toString() {
        String k = kind.name().toLowerCase(Locale.ROOT);
        return switch (kind) {
            case CHAR, VARCHAR -> k + "(" + length + ")";
            case DECIMAL -> k + "(" + precision + "," + scale + ")";
            case RAW -> "raw(" + raw + ")";
            default -> k;
        };
    }
}
