package io.covet.orm.spi;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A model as the schema sees it: table, fields (columns in order), primary key, indexes, unique-together
 * groups, checks, default ordering, many-to-many relations and reverse accessors. Immutable and engine-neutral:
 * migrations build their schema state from it.
 *
 * <p>The primary key is either one field flagged {@link FieldMeta#primaryKey()} or, for a composite key
 * ({@code @Model(primaryKey = {...})}), the fields named in {@link #compositeKey()}, in key order, each flagged too.
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
 * @param compositeKey   the field names of a composite primary key in key order; empty for a single-field key
 * @param readOnly       whether the ORM refuses writes ({@code @Model(readOnly = true)}); such a model may lack a key
 * @param history        the model's {@code @History}; null when its changes are not tracked
 * @param softDelete     the model's {@code @SoftDelete}; null when its deletes remove rows
 * @param inheritance    how the model inherits from a concrete model ({@code @Model(proxy = true)}); null for none
 * @param partitioning   the model's {@code @Partitioned}; null when its table is not partitioned
 */
public record ModelMeta(String name, String table, List<FieldMeta> fields, List<String> ordering,
                        List<IndexMeta> indexes, List<IndexMeta> uniqueTogether, List<CheckMeta> checks,
                        List<ManyToManyMeta> manyToMany, List<ReverseMeta> reverse, List<String> compositeKey,
                        boolean readOnly, HistoryMeta history, SoftDeleteMeta softDelete,
                        InheritanceMeta inheritance, PartitionMeta partitioning) {

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
        compositeKey = List.copyOf(compositeKey == null ? List.of() : compositeKey);
    }

    /** A model whose table is not partitioned. */
    public ModelMeta(String name, String table, List<FieldMeta> fields, List<String> ordering,
                     List<IndexMeta> indexes, List<IndexMeta> uniqueTogether, List<CheckMeta> checks,
                     List<ManyToManyMeta> manyToMany, List<ReverseMeta> reverse, List<String> compositeKey,
                     boolean readOnly, HistoryMeta history, SoftDeleteMeta softDelete,
                     InheritanceMeta inheritance) {
        this(name, table, fields, ordering, indexes, uniqueTogether, checks, manyToMany, reverse, compositeKey,
                readOnly, history, softDelete, inheritance, null);
    }

    /** This model with its table partitioned as given (null: not partitioned). */
    public ModelMeta withPartitioning(PartitionMeta p) {
        return new ModelMeta(name, table, fields, ordering, indexes, uniqueTogether, checks, manyToMany, reverse,
                compositeKey, readOnly, history, softDelete, inheritance, p);
    }

    /** A model that inherits from no concrete model. */
    public ModelMeta(String name, String table, List<FieldMeta> fields, List<String> ordering,
                     List<IndexMeta> indexes, List<IndexMeta> uniqueTogether, List<CheckMeta> checks,
                     List<ManyToManyMeta> manyToMany, List<ReverseMeta> reverse, List<String> compositeKey,
                     boolean readOnly, HistoryMeta history, SoftDeleteMeta softDelete) {
        this(name, table, fields, ordering, indexes, uniqueTogether, checks, manyToMany, reverse, compositeKey,
                readOnly, history, softDelete, null);
    }

    /** This model inheriting as given (null: from no concrete model). */
    public ModelMeta withInheritance(InheritanceMeta i) {
        return new ModelMeta(name, table, fields, ordering, indexes, uniqueTogether, checks, manyToMany, reverse,
                compositeKey, readOnly, history, softDelete, i, partitioning);
    }

    /**
     * Whether this is a proxy model ({@code @Model(proxy = true)}): it shares the table of its concrete model
     * ({@link InheritanceMeta#parent()}), which alone describes that table to migrations.
     */
    public boolean proxy() {
        return inheritance != null && inheritance.kind() == InheritanceMeta.Kind.PROXY;
    }

    /**
     * Whether this is a multi-table child: its own fields (after its parent's) live in its own table, joined to
     * the parent's ({@link InheritanceMeta#parent()}) one-to-one on {@link InheritanceMeta#link()}.
     */
    public boolean multiTable() {
        return inheritance != null && inheritance.kind() == InheritanceMeta.Kind.MULTI_TABLE;
    }

    /**
     * Whether this model is part of a single-table hierarchy (the root or a subclass): its rows live in the root's
     * table, told apart by {@link InheritanceMeta#discriminator()}.
     */
    public boolean singleTable() {
        return inheritance != null && inheritance.kind() == InheritanceMeta.Kind.SINGLE_TABLE;
    }

    /** Whether this is a subclass (not the root) of a single-table hierarchy: the root's table holds its rows. */
    public boolean singleTableSubclass() {
        return singleTable() && !inheritance.parent().equals(name);
    }

    /** A model without {@code @SoftDelete}. */
    public ModelMeta(String name, String table, List<FieldMeta> fields, List<String> ordering,
                     List<IndexMeta> indexes, List<IndexMeta> uniqueTogether, List<CheckMeta> checks,
                     List<ManyToManyMeta> manyToMany, List<ReverseMeta> reverse, List<String> compositeKey,
                     boolean readOnly, HistoryMeta history) {
        this(name, table, fields, ordering, indexes, uniqueTogether, checks, manyToMany, reverse, compositeKey,
                readOnly, history, null);
    }

    /** A model without {@code @History}. */
    public ModelMeta(String name, String table, List<FieldMeta> fields, List<String> ordering,
                     List<IndexMeta> indexes, List<IndexMeta> uniqueTogether, List<CheckMeta> checks,
                     List<ManyToManyMeta> manyToMany, List<ReverseMeta> reverse, List<String> compositeKey,
                     boolean readOnly) {
        this(name, table, fields, ordering, indexes, uniqueTogether, checks, manyToMany, reverse, compositeKey,
                readOnly, null);
    }

    /** This model with {@code @History} as given (null: none). */
    public ModelMeta withHistory(HistoryMeta h) {
        return new ModelMeta(name, table, fields, ordering, indexes, uniqueTogether, checks, manyToMany, reverse,
                compositeKey, readOnly, h, softDelete, inheritance, partitioning);
    }

    /** This model with {@code @SoftDelete} as given (null: none). */
    public ModelMeta withSoftDelete(SoftDeleteMeta s) {
        return new ModelMeta(name, table, fields, ordering, indexes, uniqueTogether, checks, manyToMany, reverse,
                compositeKey, readOnly, history, s, inheritance, partitioning);
    }

    /** Whether deletes only mark rows ({@code @SoftDelete}). */
    public boolean softDeletes() {
        return softDelete != null;
    }

    /** Whether this model's changes are tracked ({@code @History}). */
    public boolean tracked() {
        return history != null;
    }

    /** A model the ORM writes. */
    public ModelMeta(String name, String table, List<FieldMeta> fields, List<String> ordering,
                     List<IndexMeta> indexes, List<IndexMeta> uniqueTogether, List<CheckMeta> checks,
                     List<ManyToManyMeta> manyToMany, List<ReverseMeta> reverse, List<String> compositeKey) {
        this(name, table, fields, ordering, indexes, uniqueTogether, checks, manyToMany, reverse, compositeKey, false);
    }

    /** A model whose primary key is one field (or missing, which the registry refuses). */
    public ModelMeta(String name, String table, List<FieldMeta> fields, List<String> ordering,
                     List<IndexMeta> indexes, List<IndexMeta> uniqueTogether, List<CheckMeta> checks,
                     List<ManyToManyMeta> manyToMany, List<ReverseMeta> reverse) {
        this(name, table, fields, ordering, indexes, uniqueTogether, checks, manyToMany, reverse, List.of());
    }

    /** A model with fields only. */
    public static ModelMeta of(String name, String table, List<FieldMeta> fields) {
        return new ModelMeta(name, table, fields, List.of(), List.of(), List.of(), List.of(), List.of(), List.of());
    }

    /** Whether the primary key is composite ({@code @Model(primaryKey = {...})}). */
    public boolean compositePrimaryKey() {
        return !compositeKey.isEmpty();
    }

    /**
     * The single primary-key field; empty for a composite key (see {@link #primaryKeyFields()}) and for a model
     * without a key (which the registry refuses).
     */
    public Optional<FieldMeta> primaryKey() {
        return compositePrimaryKey() ? Optional.empty() : fields.stream().filter(FieldMeta::primaryKey).findFirst();
    }

    /** The primary-key fields in key order: one for a single key, several for a composite key. */
    public List<FieldMeta> primaryKeyFields() {
        if (!compositePrimaryKey()) {
            return primaryKey().map(List::of).orElse(List.of());
        }
        List<FieldMeta> out = new ArrayList<>();
        for (String f : compositeKey) {
            int i = indexOf(f);
            if (i >= 0) {
                out.add(fields.get(i));
            }
        }
        return List.copyOf(out);
    }

    /** The indexes in {@link #fields()} of the primary-key fields, in key order. */
    public int[] primaryKeyIndexes() {
        if (!compositePrimaryKey()) {
            int i = primaryKeyIndex();
            return i < 0 ? new int[0] : new int[]{i};
        }
        return compositeKey.stream().mapToInt(this::indexOf).filter(i -> i >= 0).toArray();
    }

    /** The index of the single primary-key field in {@link #fields()}; -1 for none or a composite key. */
    public int primaryKeyIndex() {
        if (compositePrimaryKey()) {
            return -1;
        }
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
