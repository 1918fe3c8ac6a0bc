package io.covet.orm;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A model as the schema sees it: table, fields (columns in order), primary key, indexes, unique-together
 * groups, checks, default ordering, many-to-many relations and reverse accessors. Immutable and engine-neutral:
 * migrations build their schema state from it.
 *
 * @param name           the model's class name
 * @param table          the table name
 * @param fields         the persistent fields, in column order
 * @param ordering       default ordering: field names, {@code -name} for descending
 * @param indexes        multi-column indexes
 * @param uniqueTogether unique-together constraints
 * @param checks         check constraints
 * @param manyToMany     many-to-many relations
 * @param reverse        reverse accessors
 */
public record ModelMeta(String name, String table, List<FieldMeta> fields, List<String> ordering,
                        List<IndexMeta> indexes, List<IndexMeta> uniqueTogether, List<CheckMeta> checks,
                        List<ManyToManyMeta> manyToMany, List<ReverseMeta> reverse) {

    /** Copies every list. */
    public ModelMeta {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(table, "table");
        fields = List.copyOf(fields);
        ordering = List.copyOf(ordering);
        indexes = List.copyOf(indexes);
        uniqueTogether = List.copyOf(uniqueTogether);
        checks = List.copyOf(checks);
        manyToMany = List.copyOf(manyToMany);
        reverse = List.copyOf(reverse);
    }

    /** A model with fields only. */
    public static ModelMeta of(String name, String table, List<FieldMeta> fields) {
        return new ModelMeta(name, table, fields, List.of(), List.of(), List.of(), List.of(), List.of(), List.of());
    }

    /** The primary-key field, if the model has one (the registry refuses a model without). */
    public Optional<FieldMeta> primaryKey() {
        return fields.stream().filter(FieldMeta::primaryKey).findFirst();
    }

    /** The index of the primary-key field in {@link #fields()}, or -1. */
    public int primaryKeyIndex() {
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).primaryKey()) {
                return i;
            }
        }
        return -1;
    }

    /** The index of the field named {@code fieldName} (Java name), or -1. */
    public int indexOf(String fieldName) {
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).name().equals(fieldName)) {
                return i;
            }
        }
        return -1;
    }

    /** The simple class name, for messages. */
    public String simpleName() {
        return name.substring(name.lastIndexOf('.') + 1);
    }
}
