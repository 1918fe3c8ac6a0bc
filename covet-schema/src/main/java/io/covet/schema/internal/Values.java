package io.covet.schema.internal;

import io.covet.schema.ColumnType;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Pattern;

/** Canonical forms of default values and SQL expressions, so that what engines echo back compares equal. */
public final class Values {
    private static final Pattern CAST = Pattern.compile("::[a-z_ ]+(\\[\\])?(\\(\\d+(,\\d+)?\\))?");

    private Values() {
    }

    /** Parses true/false/1/0/t/f/yes/no. */
    public static boolean parseBoolean(String text) {
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "true", "t", "1", "yes", "on" -> true;
            case "false", "f", "0", "no", "off" -> false;
            default -> throw new IllegalArgumentException("'" + text + "' is not a boolean; use true or false");
        };
    }

    /** A constant default as a canonical string for its type (numbers without trailing zeros, booleans true/false). */
    public static String canonicalValue(ColumnType type, String text) {
        if (type.kind().numeric()) {
            try {
                BigDecimal b = new BigDecimal(text.strip()).stripTrailingZeros();
                return b.signum() == 0 ? "0" : b.toPlainString();
            } catch (NumberFormatException e) {
                return text;
            }
        }
        if (type.kind() == ColumnType.Kind.BOOLEAN) {
            try {
                return String.valueOf(parseBoolean(text));
            } catch (IllegalArgumentException e) {
                return text;
            }
        }
        return text;
    }

    /**
     * A comparison key for a SQL expression: lower case, without quotes, casts, parentheses or spaces, with
     * {@code now()} and {@code current_timestamp()} read as {@code current_timestamp}. Not valid SQL; only for
     * comparing what different engines echo back.
     */
    public static String expressionKey(String sql) {
        String s = sql.toLowerCase(Locale.ROOT);
        s = CAST.matcher(s).replaceAll("");
        s = s.replace("\"", "").replace("`", "").replace("[", "").replace("]", "");
        s = s.replaceAll("[()\\s]", "");
        if (s.equals("now") || s.matches("current_timestamp\\d*")) {
            return "current_timestamp";
        }
        return s;
    }
}
