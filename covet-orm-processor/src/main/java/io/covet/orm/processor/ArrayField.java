package io.covet.orm.processor;

import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import java.util.Map;
import java.util.function.Consumer;

/** An ARRAY field: a {@code List<E>} mapped to a PostgreSQL array of E. */
final class ArrayField {
    /** The element types an array field holds, with the driver's name of each (for {@code createArrayOf}). */
    private static final Map<String, String> ELEMENTS = Map.ofEntries(
            Map.entry("java.lang.String", "text"), Map.entry("java.lang.Integer", "int4"),
            Map.entry("java.lang.Long", "int8"), Map.entry("java.lang.Short", "int2"),
            Map.entry("java.math.BigDecimal", "numeric"), Map.entry("java.lang.Double", "float8"),
            Map.entry("java.lang.Float", "float4"), Map.entry("java.lang.Boolean", "bool"),
            Map.entry("java.util.UUID", "uuid"), Map.entry("java.time.LocalDate", "date"),
            Map.entry("java.time.LocalDateTime", "timestamp"), Map.entry("java.time.Instant", "timestamptz"),
            Map.entry("java.time.OffsetDateTime", "timestamptz"), Map.entry("java.time.LocalTime", "time"));
    /** What a scalar {@code char(n)} field declares, and so a {@code List<String>} of fixed-length elements. */
    private static final java.util.regex.Pattern CHAR_N = java.util.regex.Pattern.compile(
            "(?i)\\s*(?:char|character|bpchar)\\s*\\(\\s*\\d+\\s*\\)\\s*");
    private static final String LISTED = "String, Integer, Long, Short, BigDecimal, Double, Float, Boolean, UUID, "
            + "LocalDate, LocalDateTime, Instant, OffsetDateTime or LocalTime";

    private ArrayField() {
    }

    /**
     * {fieldType, queryType, element} of a {@code List<E>} field stored as an array, or null after reporting why
     * it cannot be one.
     */
    static String[] infer(TypeMirror t, String explicit, String where, Consumer<String> error) {
        if (!explicit.equals("INFER") && !explicit.equals("ARRAY")) {
            error.accept("field " + where + " of type " + t + " cannot be stored as " + explicit + "; a List is an "
                    + "array (FieldType.ARRAY, PostgreSQL) or a JSON document (@Column(type = FieldType.JSON))");
            return null;
        }
        var args = ((DeclaredType) t).getTypeArguments();
        TypeMirror arg = args.size() == 1 ? args.get(0) : null;
        String element = arg != null && arg.getKind() == TypeKind.DECLARED ? arg.toString() : "";
        if (!ELEMENTS.containsKey(element)) {
            error.accept("field " + where + " has type " + t + "; an array field is a List of " + LISTED
                    + " (a PostgreSQL array); for other lists use @Column(type = FieldType.JSON)");
            return null;
        }
        return new String[]{"ARRAY", "java.util.List<" + element + ">", element};
    }

    /**
     * Whether {@code nativeType} fits an array field of {@code element}: none, or {@code char(n)} on a
     * {@code List<String>} (fixed-length elements, declared as a scalar {@code char(n)} field is); else reports why.
     */
    static boolean nativeTypeFits(String element, String nativeType, String where, Consumer<String> error) {
        if (nativeType.isEmpty() || element.equals("java.lang.String") && CHAR_N.matcher(nativeType).matches()) {
            return true;
        }
        error.accept("array field " + where + " declares nativeType = \"" + nativeType + "\"; an array field takes "
                + "only char(n), on a List<String> (a character(n)[] column); the element type follows from the "
                + "List's type argument otherwise");
        return false;
    }

    /** Whether an array field of {@code element} takes a precision and scale (a list of decimals). */
    static boolean decimal(String fieldType, String element) {
        return fieldType.equals("ARRAY") && "java.math.BigDecimal".equals(element);
    }

    /**
     * The driver's name of the element type; strings with a maximum length are {@code varchar} (PostgreSQL has no
     * operator between {@code varchar[]} and {@code text[]}), of a fixed length {@code bpchar}.
     */
    static String driverName(String element, int maxLength, String nativeType) {
        if (element.equals("java.lang.String") && !nativeType.isEmpty()) {
            return "bpchar"; // char(n): PostgreSQL's internal name of the fixed-length type
        }
        return element.equals("java.lang.String") && maxLength > 0 ? "varchar" : ELEMENTS.get(element);
    }
}
