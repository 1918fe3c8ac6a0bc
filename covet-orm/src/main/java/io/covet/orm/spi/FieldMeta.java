package io.covet.orm.spi;

import io.covet.orm.FieldType;
import io.covet.orm.OrmSchema;

import java.util.List;
import java.util.Objects;

/**
 * One persistent field of a model as the schema sees it: column, type, nullability, default, keys, indexes.
 * Immutable and engine-neutral; {@link OrmSchema#column(FieldMeta)} gives its column in the schema state.
 *
 * @param name         the Java field name
 * @param column       the column name
 * @param type         the field type (never {@link FieldType#INFER})
 * @param javaType     the Java type's binary name (the enum or JSON-mapped class for those types)
 * @param nullable     whether NULL is allowed
 * @param primaryKey   whether this is the primary key
 * @param unique       whether values are unique
 * @param indexed      whether the column has an index of its own
 * @param maxLength    maximum length of bounded text types, else 0
 * @param precision    total digits of a decimal, else 0
 * @param scale        fraction digits of a decimal, else 0
 * @param defaultValue the default as a Java literal, or null
 * @param dbDefault    the default as a database expression, or null
 * @param choices      allowed values as text; empty for any
 * @param help         help text, possibly empty
 * @param foreignKey   the relation when this column is a foreign key, else null
 * @param nativeType   the engine-native column type declared with {@code @Column(nativeType = …)}, rendered
 *                     verbatim by migrations instead of the field type's portable column type; null for none
 * @param enumType     the database enum type of an enum field declared with {@code @Column(enumType = …)}; null
 *                     for none
 * @param enumLabels   the labels of {@code enumType}: the Java enum's constants in declaration order; empty for
 *                     none
 */
public record FieldMeta(String name, String column, FieldType type, String javaType, boolean nullable,
                        boolean primaryKey, boolean unique, boolean indexed, int maxLength, int precision, int scale,
                        String defaultValue, String dbDefault, List<String> choices, String help,
                        ForeignKeyMeta foreignKey, String nativeType, String enumType, List<String> enumLabels) {

    /** Copies the choices; checks the required parts. */
    public FieldMeta {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(column, "column");
        Objects.requireNonNull(type, "type");
        choices = List.copyOf(choices == null ? List.of() : choices);
        help = help == null ? "" : help;
        nativeType = nativeType == null || nativeType.isBlank() ? null : nativeType.strip();
        enumType = enumType == null || enumType.isBlank() ? null : enumType.strip();
        enumLabels = List.copyOf(enumLabels == null ? List.of() : enumLabels);
    }

    /** A field without a database enum type. */
    public FieldMeta(String name, String column, FieldType type, String javaType, boolean nullable,
                     boolean primaryKey, boolean unique, boolean indexed, int maxLength, int precision, int scale,
                     String defaultValue, String dbDefault, List<String> choices, String help,
                     ForeignKeyMeta foreignKey, String nativeType) {
        this(name, column, type, javaType, nullable, primaryKey, unique, indexed, maxLength, precision, scale,
                defaultValue, dbDefault, choices, help, foreignKey, nativeType, null, List.of());
    }

    /** A field without a native column type (the portable type of {@code type} applies). */
    public FieldMeta(String name, String column, FieldType type, String javaType, boolean nullable,
                     boolean primaryKey, boolean unique, boolean indexed, int maxLength, int precision, int scale,
                     String defaultValue, String dbDefault, List<String> choices, String help,
                     ForeignKeyMeta foreignKey) {
        this(name, column, type, javaType, nullable, primaryKey, unique, indexed, maxLength, precision, scale,
                defaultValue, dbDefault, choices, help, foreignKey, null, null, List.of());
    }

    /** A plain NOT NULL field with no options; use the withers to add them. */
    public static FieldMeta of(String name, String column, FieldType type, String javaType) {
        return new FieldMeta(name, column, type, javaType, false, false, false, false,
                type.bounded() ? type.defaultMaxLength() : 0, type == FieldType.DECIMAL ? 19 : 0,
                type == FieldType.DECIMAL ? 2 : 0, null, null, List.of(), "", null);
    }

    /** This field as the primary key. */
    public FieldMeta asPrimaryKey() {
        return new FieldMeta(name, column, type, javaType, false, true, unique, indexed, maxLength, precision, scale,
                defaultValue, dbDefault, choices, help, foreignKey, nativeType, enumType, enumLabels);
    }

    /** This field as a foreign key. */
    public FieldMeta withForeignKey(ForeignKeyMeta fk, boolean isNullable) {
        return new FieldMeta(name, column, type, javaType, isNullable, primaryKey, fk.oneToOne() || unique, indexed,
                maxLength, precision, scale, defaultValue, dbDefault, choices, help, fk, nativeType, enumType, enumLabels);
    }

    /** This field with another decimal precision and scale. */
    public FieldMeta withDecimal(int newPrecision, int newScale) {
        return new FieldMeta(name, column, type, javaType, nullable, primaryKey, unique, indexed, maxLength,
                newPrecision, newScale, defaultValue, dbDefault, choices, help, foreignKey, nativeType, enumType, enumLabels);
    }

    /** This field with other uniqueness and index flags. */
    public FieldMeta withKeys(boolean isUnique, boolean isIndexed) {
        return new FieldMeta(name, column, type, javaType, nullable, primaryKey, isUnique, isIndexed, maxLength,
                precision, scale, defaultValue, dbDefault, choices, help, foreignKey, nativeType, enumType, enumLabels);
    }

    /** This field with another maximum length. */
    public FieldMeta withMaxLength(int length) {
        return new FieldMeta(name, column, type, javaType, nullable, primaryKey, unique, indexed, length, precision,
                scale, defaultValue, dbDefault, choices, help, foreignKey, nativeType, enumType, enumLabels);
    }
}
