package io.covet.orm.spi;

import io.covet.orm.FieldType;
import io.covet.orm.OnDelete;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How a model inherits from a concrete model, as the generated metamodel records it. Immutable.
 *
 * @param kind   the kind of inheritance
 * @param parent the qualified class name of the concrete model the model extends
 * @param link   for {@link Kind#MULTI_TABLE}: the column of the child's own table that is both its primary key and
 *               its foreign key to the parent's key ({@code <parent>_ptr_id}); null for a proxy
 * @param discriminator for {@link Kind#SINGLE_TABLE}: the discriminator column of the shared table; null otherwise
 * @param value  for {@link Kind#SINGLE_TABLE}: the discriminator value of this model's rows; null otherwise
 */
public record InheritanceMeta(Kind kind, String parent, String link, String discriminator, String value) {
    /** The kinds of inheritance from a concrete model. */
    public enum Kind {
        /**
         * {@code @Model(proxy = true)}: the same table and fields as {@code parent}, another Java type (with its own
         * default ordering and manager); no table of its own.
         */
        PROXY,
        /**
         * Multi-table inheritance: the child's own fields live in its own table, whose primary key {@code link} is
         * a foreign key to the parent's table; the child's fields are the parent's followed by its own.
         */
        MULTI_TABLE,
        /**
         * Single-table inheritance: the root model ({@code parent}, which is the model itself on the root, and the
         * root, not the direct superclass, on a subclass of a subclass) owns the table; every subclass reads and
         * writes it, its rows told apart by {@code discriminator} = {@code value}. A subclass's fields are the
         * root's (the discriminator among them), then those of each subclass between the root and it, then its own.
         */
        SINGLE_TABLE
    }

    /** Requires both parts. */
    public InheritanceMeta {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(parent, "parent");
        if (kind == Kind.MULTI_TABLE) {
            Objects.requireNonNull(link, "link");
        }
        if (kind == Kind.SINGLE_TABLE) {
            Objects.requireNonNull(discriminator, "discriminator");
            Objects.requireNonNull(value, "value");
        }
    }

    /** A proxy ({@code link} null) or a multi-table child. */
    public InheritanceMeta(Kind kind, String parent, String link) {
        this(kind, parent, link, null, null);
    }

    /**
     * A model of a single-table hierarchy whose root is {@code root} (itself on the root), whose rows have
     * {@code value} in column {@code discriminator}.
     */
    public static InheritanceMeta singleTable(String root, String discriminator, String value) {
        return new InheritanceMeta(Kind.SINGLE_TABLE, root, null, discriminator, value);
    }

    /** A proxy of {@code parent}. */
    public InheritanceMeta(Kind kind, String parent) {
        this(kind, parent, null);
    }

    /**
     * The own table of a multi-table child as the schema sees it: the link column {@code <parent>_ptr_id} (the
     * primary key, of the parent key's type without auto-increment, a one-to-one foreign key to the parent's key)
     * followed by the child's own fields, with its own indexes and constraints. The parent's fields stay in the
     * parent's table.
     *
     * @param child  a multi-table child ({@link ModelMeta#multiTable()})
     * @param parent its parent's metadata
     */
    public static ModelMeta ownTable(ModelMeta child, ModelMeta parent) {
        FieldMeta pk = parent.primaryKey().orElseThrow(() -> new IllegalArgumentException(parent.simpleName()
                + " has no single primary key for " + child.simpleName() + " to link to"));
        FieldType type = switch (pk.type()) {
            case AUTO -> FieldType.INTEGER;
            case BIG_AUTO -> FieldType.LONG;
            case SMALL_AUTO -> FieldType.SHORT;
            default -> pk.type();
        };
        String link = child.inheritance().link();
        FieldMeta linkField = new FieldMeta(link, link, type, pk.javaType(), false, true, false, false,
                pk.maxLength(), pk.precision(), pk.scale(), null, null, List.of(), "",
                new ForeignKeyMeta(parent.name(), OnDelete.CASCADE, true), pk.nativeType());
        List<FieldMeta> fields = new ArrayList<>();
        fields.add(linkField);
        fields.addAll(child.fields().subList(parent.fields().size(), child.fields().size()));
        return new ModelMeta(child.name(), child.table(), fields, List.of(), child.indexes(), child.uniqueTogether(),
                child.checks(), child.manyToMany(), List.of(), List.of(), child.readOnly());
    }
    /**
     * The table of a single-table hierarchy as the schema sees it: the root's fields (the discriminator among them),
     * then the fields below the root of every subclass of {@code root} at any depth among {@code models} (in
     * class-name order, a column that several subclasses map once, a subclass of a subclass sharing its parent's), nullable, since the other models' rows leave them empty; a subclass's
     * "not null" is checked by the ORM when it validates an instance. The subclasses' indexes and constraints join
     * the root's.
     *
     * @param root   the root of a single-table hierarchy ({@link ModelMeta#singleTable()}, not a subclass)
     * @param models the registered models, among which its subclasses
     */
    public static ModelMeta sharedTable(ModelMeta root, java.util.Collection<ModelMeta> models) {
        List<ModelMeta> subs = models.stream().filter(m -> m.singleTableSubclass()
                && m.inheritance().parent().equals(root.name()))
                .sorted(java.util.Comparator.comparing(ModelMeta::name)).toList();
        if (subs.isEmpty()) {
            return root;
        }
        List<FieldMeta> fields = new ArrayList<>(root.fields());
        java.util.Set<String> columns = new java.util.HashSet<>();
        fields.forEach(f -> columns.add(f.column().toLowerCase(java.util.Locale.ROOT)));
        List<IndexMeta> indexes = new ArrayList<>(root.indexes());
        List<IndexMeta> uniques = new ArrayList<>(root.uniqueTogether());
        List<CheckMeta> checks = new ArrayList<>(root.checks());
        for (ModelMeta s : subs) {
            for (FieldMeta f : s.fields().subList(root.fields().size(), s.fields().size())) {
                if (columns.add(f.column().toLowerCase(java.util.Locale.ROOT))) {
                    fields.add(f.nullable() ? f : nullable(f));
                }
            }
            indexes.addAll(s.indexes());
            uniques.addAll(s.uniqueTogether());
            checks.addAll(s.checks());
        }
        return new ModelMeta(root.name(), root.table(), fields, root.ordering(), indexes, uniques, checks,
                root.manyToMany(), root.reverse(), root.compositeKey(), root.readOnly(), root.history(),
                root.softDelete(), root.inheritance());
    }

    private static FieldMeta nullable(FieldMeta f) {
        return new FieldMeta(f.name(), f.column(), f.type(), f.javaType(), true, f.primaryKey(), f.unique(),
                f.indexed(), f.maxLength(), f.precision(), f.scale(), f.defaultValue(), f.dbDefault(), f.choices(),
                f.help(), f.foreignKey(), f.nativeType(), f.enumType(), f.enumLabels(), f.generated());
    }

    /** Whether two fields of single-table subclasses can share one column: the same column type and key. */
    public static boolean sameColumn(FieldMeta a, FieldMeta b) {
        return a.type() == b.type() && a.maxLength() == b.maxLength() && a.precision() == b.precision()
                && a.scale() == b.scale() && Objects.equals(a.nativeType(), b.nativeType())
                && Objects.equals(a.foreignKey() == null ? null : a.foreignKey().targetModel(),
                b.foreignKey() == null ? null : b.foreignKey().targetModel());
    }
}
