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
 */
public record InheritanceMeta(Kind kind, String parent, String link) {
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
        MULTI_TABLE
    }

    /** Requires both parts. */
    public InheritanceMeta {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(parent, "parent");
        if (kind == Kind.MULTI_TABLE) {
            Objects.requireNonNull(link, "link");
        }
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
}
