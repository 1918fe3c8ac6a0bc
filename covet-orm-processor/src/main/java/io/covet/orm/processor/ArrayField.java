package io.covet.orm.processor;

import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import java.util.Map;
import java.util.function.Consumer;

/** An ARRAY field: a {@code List<E>} mapped to a PostgreSQL array of E. */
final class ArrayField {
    /** The element types an array field holds, with the driver's name of each (for {@code createArrayOf}). */
    private static final Map<String, String> ELEMENTS = Map.of(
            "java.lang.String", "text", "java.lang.Integer", "int4", "java.lang.Long", "int8",
            "java.lang.Short", "int2", "java.math.BigDecimal", "numeric", "java.lang.Double", "float8",
            "java.lang.Float", "float4", "java.lang.Boolean", "bool", "java.util.UUID", "uuid");

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
            error.accept("field " + where + " has type " + t + "; an array field is a List of String, Integer, Long, "
                    + "Short, BigDecimal, Double, Float, Boolean or UUID (a PostgreSQL array); for other lists use "
                    + "@Column(type = FieldType.JSON)");
            return null;
        }
        return new String[]{"ARRAY", "java.util.List<" + element + ">", element};
    }

    /** Whether an array field of {@code element} takes a precision and scale (a list of decimals). */
    static boolean decimal(String fieldType, String element) {
        return fieldType.equals("ARRAY") && "java.math.BigDecimal".equals(element);
    }

    /**
     * The driver's name of the element type; strings with a maximum length are {@code varchar} (PostgreSQL has no
     * operator between {@code varchar[]} and {@code text[]}).
     */
    static String driverName(String element, int maxLength) {
        return element.equals("java.lang.String") && maxLength > 0 ? "varchar" : ELEMENTS.get(element);
    }
}
