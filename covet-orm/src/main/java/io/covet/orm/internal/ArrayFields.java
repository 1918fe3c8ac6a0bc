package io.covet.orm.internal;

import io.covet.core.Database;
import io.covet.core.SqlArray;
import io.covet.core.dialect.Feature;
import io.covet.core.error.UnsupportedFeature;
import io.covet.orm.FieldType;
import io.covet.orm.spi.FieldMeta;
import io.covet.orm.spi.ModelMeta;
import io.covet.orm.spi.ModelType;
import io.covet.schema.ColumnType;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * ARRAY fields ({@code List<E>} on a PostgreSQL array column): the element's column type, the array literal COPY sends, and the refusal on engines without arrays. Not an API.
 */
public final class ArrayFields {
    /** The element types an array field holds, as messages list them. */
    private static final String ELEMENTS = "String, Integer, Long, Short, BigDecimal, Double, Float, Boolean, UUID, "
            + "LocalDate, LocalDateTime, Instant, OffsetDateTime or LocalTime";
    /** The native type a {@code List<String>} of fixed-length elements declares: {@code char(3)}. */
    private static final java.util.regex.Pattern CHAR_N = java.util.regex.Pattern.compile(
            "(?i)\\s*(?:char|character|bpchar)\\s*\\(\\s*(\\d+)\\s*\\)\\s*");

    private ArrayFields() {
    }

    /** The portable column type of an ARRAY field: {@code array(integer)}, {@code array(varchar(20))}, … */
    public static ColumnType columnType(FieldMeta f) {
        ColumnType element = switch (f.javaType()) {
            case "java.lang.String" -> f.nativeType() != null ? fixedChar(f)
                    : f.maxLength() > 0 ? ColumnType.varchar(f.maxLength()) : ColumnType.of(ColumnType.Kind.TEXT);
            case "java.lang.Integer" -> ColumnType.of(ColumnType.Kind.INTEGER);
            case "java.lang.Long" -> ColumnType.of(ColumnType.Kind.BIGINT);
            case "java.lang.Short" -> ColumnType.of(ColumnType.Kind.SMALLINT);
            case "java.math.BigDecimal" -> ColumnType.decimal(f.precision() > 0 ? f.precision() : 19,
                    f.precision() > 0 ? f.scale() : 2);
            case "java.lang.Double" -> ColumnType.of(ColumnType.Kind.DOUBLE);
            case "java.lang.Float" -> ColumnType.of(ColumnType.Kind.REAL);
            case "java.lang.Boolean" -> ColumnType.of(ColumnType.Kind.BOOLEAN);
            case "java.util.UUID" -> ColumnType.of(ColumnType.Kind.UUID);
            case "java.time.LocalDate" -> ColumnType.of(ColumnType.Kind.DATE);
            case "java.time.LocalDateTime" -> ColumnType.of(ColumnType.Kind.TIMESTAMP);
            case "java.time.Instant", "java.time.OffsetDateTime" -> ColumnType.of(ColumnType.Kind.TIMESTAMPTZ);
            case "java.time.LocalTime" -> ColumnType.of(ColumnType.Kind.TIME);
            default -> throw new IllegalArgumentException("array field " + f.name() + " holds " + f.javaType()
                    + "; an array field is a List of " + ELEMENTS);
        };
        return ColumnType.array(element);
    }

    /** {@code char(n)} of a {@code List<String>} declared {@code @Column(nativeType = "char(n)")}. */
    private static ColumnType fixedChar(FieldMeta f) {
        java.util.regex.Matcher m = CHAR_N.matcher(f.nativeType());
        if (!m.matches()) {
            throw new IllegalArgumentException("array field " + f.name() + " declares nativeType = \"" + f.nativeType()
                    + "\"; on a List<String> the native type is the element's fixed length, char(n)");
        }
        return ColumnType.fixedChar(Integer.parseInt(m.group(1)));
    }

    /**
     * Refuses models with an ARRAY field when one of the databases has no arrays ({@link Feature#ARRAYS}: MariaDB,
     * SQLite), before anything runs, naming the field, the engine and the alternative.
     *
     * @throws UnsupportedFeature for the first such field
     */
    public static void refuseWithout(Map<String, ModelType<?>> types, Collection<Database> databases) {
        for (Database db : databases) {
            if (db.supports(Feature.ARRAYS)) {
                continue;
            }
            for (ModelType<?> t : types.values()) {
                ModelMeta m = t.meta();
                for (FieldMeta f : m.fields()) {
                    if (f.type() == FieldType.ARRAY) {
                        throw new UnsupportedFeature(db.engine(), "array field " + m.simpleName() + "." + f.name()
                                + " (List<" + f.javaType().substring(f.javaType().lastIndexOf('.') + 1) + ">, a "
                                + "PostgreSQL array column)", "Store the list in a JSON field (@Column(type = "
                                + "FieldType.JSON) on the List), or in a model of its own with a foreign key to "
                                + m.simpleName() + ".");
                    }
                }
            }
        }
    }

    /** A list as PostgreSQL's array literal, what COPY reads into an array column ({@link SqlArray#literal}). */
    public static String literal(List<?> values) {
        return SqlArray.literal(values);
    }
}
