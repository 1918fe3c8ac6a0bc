package io.covet.migrate;

import io.covet.core.engine.Engine;
import io.covet.schema.Column;
import io.covet.schema.ColumnType;

import java.util.List;
import java.util.function.UnaryOperator;

/**
 * For {@link ModelWriter}: what inspectdb makes of a PostgreSQL array column. An array of a portable element is a
 * {@code List<E>} field; a column declared with more than one dimension ({@code integer[][]}, which the reader keeps
 * native) is a String in the array's text form, with a comment, since a List holds one dimension.
 */
final class ArrayColumns {
    private ArrayColumns() {
    }

    /**
     * The Java element type of an array field ({@code Integer}, {@code LocalDate}), through {@code imported} for
     * types outside {@code java.lang}.
     */
    static String element(ColumnType e, UnaryOperator<String> imported) {
        return switch (e.kind()) {
            case SMALLINT -> "Short";
            case INTEGER -> "Integer";
            case BIGINT -> "Long";
            case DECIMAL -> imported.apply("java.math.BigDecimal");
            case REAL -> "Float";
            case DOUBLE -> "Double";
            case BOOLEAN -> "Boolean";
            case CHAR, VARCHAR, TEXT -> "String";
            case UUID -> imported.apply("java.util.UUID");
            case DATE -> imported.apply("java.time.LocalDate");
            case TIME -> imported.apply("java.time.LocalTime");
            case TIMESTAMP -> imported.apply("java.time.LocalDateTime");
            // as a scalar timestamptz column is read
            case TIMESTAMPTZ -> imported.apply("java.time.Instant");
            default -> throw new IllegalArgumentException("no array holds " + e);
        };
    }

    /**
     * The {@code @Column} arguments of an array field's element: {@code maxLength} of {@code varchar(n)[]},
     * {@code precision}/{@code scale} of {@code numeric(p,s)[]}, {@code nativeType} of {@code character(n)[]} (as a
     * scalar {@code char(n)} column declares it).
     */
    static void arguments(ColumnType array, List<String> args) {
        ColumnType e = array.elementType();
        switch (e.kind()) {
            // engine fact: PostgreSQL's catalog spells CHAR(n) as character(n)
            case CHAR -> args.add("nativeType = " + JavaNames.literal("character(" + e.length() + ")"));
            case VARCHAR -> args.add("maxLength = " + e.length());
            case DECIMAL -> {
                args.add("precision = " + e.precision());
                args.add("scale = " + e.scale());
            }
            default -> {
            }
        }
    }

    /** The number of dimensions a native type declares ({@code integer[][]}: 2), 0 for none. */
    static int dimensions(ColumnType t) {
        if (t.kind() != ColumnType.Kind.RAW) {
            return 0;
        }
        String s = t.raw().strip();
        int dims = 0;
        while (s.endsWith("[]")) {
            dims++;
            s = s.substring(0, s.length() - 2).strip();
        }
        return dims;
    }

    /**
     * The comment above a field of a multi-dimensional array column, and the class note; null for other columns.
     */
    static String multiDimensional(Engine engine, String table, Column c) {
        int dims = dimensions(c.type());
        if (engine.family() != Engine.POSTGRESQL || dims < 2) {
            return null;
        }
        return "column " + table + "." + c.name() + " is declared " + c.type().raw() + ", a " + dims
                + "-dimensional array; a List field holds one dimension, so the field is the array's text "
                + "({{1,2},{3,4}}), written and compared as " + c.type().raw() + " (or make it a JSON field)";
    }
}
