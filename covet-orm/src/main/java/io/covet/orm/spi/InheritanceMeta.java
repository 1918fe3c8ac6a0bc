package io.covet.orm.spi;

import java.util.Objects;

/**
 * How a model inherits from a concrete model, as the generated metamodel records it. Immutable.
 *
 * @param kind   the kind of inheritance
 * @param parent the qualified class name of the concrete model whose table the model uses
 */
public record InheritanceMeta(Kind kind, String parent) {
    /** The kinds of inheritance from a concrete model. */
    public enum Kind {
        /**
         * {@code @Model(proxy = true)}: the same table and fields as {@code parent}, another Java type (with its own
         * default ordering and manager); no table of its own.
         */
        PROXY
    }

    /** Requires both parts. */
    public InheritanceMeta {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(parent, "parent");
    }
}
