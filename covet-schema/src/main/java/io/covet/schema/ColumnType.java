package io.covet.schema;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An engine-neutral column type: a {@link Kind} with its length (CHAR, VARCHAR) or precision and scale
 * (DECIMAL). {@link Kind#RAW} carries a native type that has no portable equivalent (introspected only; it is
 * rendered verbatim). {@link Kind#ENUM} is a named enumerated type with its labels in order ({@code raw} holds
 * the name): a type of its own on PostgreSQL ({@code CREATE TYPE name AS ENUM (…)}), an inline {@code ENUM(…)} on
 * MariaDB, text with a check of the labels on SQLite. {@link Kind#ARRAY} is a PostgreSQL array of a portable element
 * type ({@code raw} holds the element's text form): {@code integer[]}, {@code varchar(20)[]}; MariaDB and SQLite
 * have no arrays and refuse it. Immutable.
 *
 * <p>The text form ({@link #toString()}, {@link #parse(String)}) is what migration files hold:
 * {@code bigint}, {@code varchar(100)}, {@code decimal(10,2)}, {@code raw(tsvector)},
 * {@code enum(mood:'sad','ok','happy')}, {@code array(varchar(20))}.
 */
public record ColumnType(Kind kind, Integer length, Integer precision, Integer scale, String raw,
                         List<String> labels) {
    private static final Pattern FORM = Pattern.compile("([a-z_]+)\\s*(?:\\((.*)\\))?");
    private static final java.util.Set<Kind> ARRAY_ELEMENTS = java.util.EnumSet.of(Kind.SMALLINT, Kind.INTEGER,
            Kind.BIGINT, Kind.DECIMAL, Kind.REAL, Kind.DOUBLE, Kind.BOOLEAN, Kind.CHAR, Kind.VARCHAR, Kind.TEXT,
            Kind.UUID, Kind.DATE, Kind.TIME, Kind.TIMESTAMP, Kind.TIMESTAMPTZ);
    private static final Pattern ENUM_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]*");

    /** The portable kinds. */
    public enum Kind {
        SMALLINT, INTEGER, BIGINT, DECIMAL, REAL, DOUBLE, BOOLEAN, CHAR, VARCHAR, TEXT, BYTES, DATE, TIME,
        TIMESTAMP, TIMESTAMPTZ, UUID, JSON, RAW, ENUM,
        /** A PostgreSQL array; {@link ColumnType#elementType()} is its element. */
        ARRAY;

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
        labels = labels == null ? List.of() : List.copyOf(labels);
        if (kind != Kind.ENUM && !labels.isEmpty()) {
            throw new IllegalArgumentException("only enum types have labels");
        }
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
            case ENUM -> {
                if (raw == null || !ENUM_NAME.matcher(raw).matches()) {
                    throw new IllegalArgumentException("an enum type needs a name of letters, digits and underscores "
                            + "that starts with a letter, e.g. mood; was '" + raw + "'");
                }
                if (labels.isEmpty() || new HashSet<>(labels).size() != labels.size()
                        || labels.stream().anyMatch(String::isEmpty)) {
                    throw new IllegalArgumentException("enum type " + raw + " needs distinct, non-empty labels; was "
                            + labels);
                }
            }
            case ARRAY -> {
                if (raw == null || length != null || precision != null || scale != null) {
                    throw new IllegalArgumentException("an array type needs its element type, e.g. array(integer)");
                }
                ColumnType e = parse(raw);
                if (!ARRAY_ELEMENTS.contains(e.kind())) {
                    throw new IllegalArgumentException("array(" + raw + ") has an element type no array of Covet holds; "
                            + "an element is one of smallint, integer, bigint, decimal(p,s), real, double, boolean, "
                            + "char(n), varchar(n), text, uuid, date, time, timestamp, timestamptz (keep other arrays as "
                            + "raw(type[]))");
                }
                raw = e.toString();
            }
            default -> {
                if (length != null || precision != null || scale != null) {
                    throw new IllegalArgumentException(kind.name().toLowerCase(Locale.ROOT) + " takes no size");
                }
            }
        }
    }

    /** A type without labels (every kind but {@link Kind#ENUM}). */
    public ColumnType(Kind kind, Integer length, Integer precision, Integer scale, String raw) {
        this(kind, length, precision, scale, raw, List.of());
    }

    /**
     * The enumerated type {@code name} with its labels in order.
     *
     * @throws IllegalArgumentException when the name is not a plain identifier or the labels are empty or repeat
     */
    public static ColumnType enumType(String name, List<String> labels) {
        return new ColumnType(Kind.ENUM, null, null, null, name, labels);
    }

    /** The name of an enum type ({@link Kind#ENUM}); null for other kinds. */
    public String enumName() {
        return kind == Kind.ENUM ? raw : null;
    }

    /** The labels as SQL string literals, comma-separated: {@code 'sad', 'ok'} (quotes doubled inside). */
    public String labelList() {
        List<String> out = new ArrayList<>();
        labels.forEach(l -> out.add("'" + l.replace("'", "''") + "'"));
        return String.join(", ", out);
    }

    /**
     * A PostgreSQL array of {@code element}: {@code array(integer)} is {@code integer[]}.
     *
     * @throws IllegalArgumentException when the element is not a scalar portable type (an array, enum, JSON, bytes
     *                                  or raw type)
     */
    public static ColumnType array(ColumnType element) {
        return new ColumnType(Kind.ARRAY, null, null, null, element.toString());
    }

    /** The element type of an array ({@link Kind#ARRAY}); null for other kinds. */
    public ColumnType elementType() {
        return kind == Kind.ARRAY ? parse(raw) : null;
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
        return new ColumnType(kind, newLength, null, null, null, List.of());
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
        if (m.group(1).equals("array") && args != null) {
            return array(parse(t.substring(t.indexOf('(') + 1, t.lastIndexOf(')'))));
        }
        if (m.group(1).equals("enum") && args != null && t.indexOf(':') > 0) {
            String inner = t.substring(t.indexOf('(') + 1, t.lastIndexOf(')'));
            int colon = inner.indexOf(':');
            List<String> labels = splitLabels(inner.substring(colon + 1));
            if (labels == null) {
                throw new IllegalArgumentException("bad labels in enum type '" + text + "'; write them as SQL string "
                        + "literals, e.g. enum(mood:'sad','ok')");
            }
            return enumType(inner.substring(0, colon).strip(), labels);
        }
        Kind kind;
        try {
            kind = Kind.valueOf(m.group(1).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown column type '" + text + "'; known: smallint, integer, bigint, "
                    + "decimal(p,s), real, double, boolean, char(n), varchar(n), text, bytes, date, time, timestamp, "
                    + "timestamptz, uuid, json, raw(native), enum(name:'label',…), array(element)");
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

    /**
     * The labels of a comma-separated list of SQL string literals ({@code 'a','b''c'}), or null when the text is
     * not one.
     */
    public static List<String> splitLabels(String literals) {
        String s = literals.strip();
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            if (s.charAt(i) != '\'') {
                return null;
            }
            StringBuilder label = new StringBuilder();
            i++;
            while (true) {
                if (i >= s.length()) {
                    return null;
                }
                char ch = s.charAt(i);
                if (ch == '\'' && i + 1 < s.length() && s.charAt(i + 1) == '\'') {
                    label.append('\'');
                    i += 2;
                } else if (ch == '\'') {
                    i++;
                    break;
                } else {
                    label.append(ch);
                    i++;
                }
            }
            out.add(label.toString());
            while (i < s.length() && s.charAt(i) == ' ') {
                i++;
            }
            if (i < s.length()) {
                if (s.charAt(i) != ',') {
                    return null;
                }
                i++;
                while (i < s.length() && s.charAt(i) == ' ') {
                    i++;
                }
            }
        }
        return out;
    }

    @Override
    public String toString() {
        String k = kind.name().toLowerCase(Locale.ROOT);
        return switch (kind) {
            case CHAR, VARCHAR -> k + "(" + length + ")";
            case DECIMAL -> k + "(" + precision + "," + scale + ")";
            case RAW -> "raw(" + raw + ")";
            case ENUM -> "enum(" + raw + ":" + labelList().replace(", ", ",") + ")";
            case ARRAY -> "array(" + raw + ")";
            default -> k;
        };
    }
}
