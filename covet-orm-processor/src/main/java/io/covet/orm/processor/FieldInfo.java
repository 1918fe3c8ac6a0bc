package io.covet.orm.processor;

import java.util.List;

/** One persistent field as analysed from the model's source. */
record FieldInfo(
        String name,            // Java field name
        String member,          // the metamodel's instance column name (customerId for a foreign key customer)
        String sourceType,      // the field's declared type as source text
        boolean primitive,
        String fieldType,       // FieldType constant
        String queryType,       // Java type of the metamodel column, as source text
        String binaryType,      // FieldMeta.javaType
        String column,
        boolean nullable,
        boolean primaryKey,
        boolean unique,
        boolean indexed,
        int maxLength,
        int precision,
        int scale,
        String defaultValue,
        String dbDefault,
        List<String> choices,
        String help,
        List<String> validators,
        String fkTarget,        // qualified name of the target model, or null
        String onDelete,
        String fkConstraint,    // the foreign-key constraint's name, empty for the default
        boolean oneToOne,
        String typeArgument,    // enum class, JSON-mapped class or foreign-key target, as source text
        String getter,          // accessor method name when the field is private, else null; "=expr": no Java field,
                                // expr is its value (a single-table discriminator)
        String setter,          // mutator method name when the field is private, else null; "=": assignments dropped
        String dbOnDelete,      // DbOnDelete constant of a foreign key, else null
        String nativeType,      // @Column(nativeType), empty for none
        String enumType,        // @Column(enumType), empty for none
        List<String> enumLabels, // the enum's constants when enumType is set
        String generated,       // @Generated expression, null for none
        boolean generatedStored) {

    /** This field as a member of a composite primary key. */
    FieldInfo asKeyMember() {
        return new FieldInfo(name, member, sourceType, primitive, fieldType, queryType, binaryType, column, nullable,
                true, unique, indexed, maxLength, precision, scale, defaultValue, dbDefault, choices, help, validators,
                fkTarget, onDelete, fkConstraint, oneToOne, typeArgument, getter, setter, dbOnDelete, nativeType, enumType,
                enumLabels, generated, generatedStored);
    }

    /** The expression reading this field of {@code o}. */
    String read() {
        if (getter != null && getter.startsWith("=")) {
            return getter.substring(1);
        }
        return getter == null ? "o." + name + "" : "o." + getter + "()";
    }

    /** The statement assigning {@code value} to this field of {@code o}. */
    String assign(String value) {
        if ("=".equals(setter)) {
            return "";
        }
        return setter == null ? "o." + name + " = " + value + ";" : "o." + setter + "(" + value + ");";
    }
}
