package io.covet.examples.shop;

import io.covet.orm.Column;
import io.covet.orm.Model;

/** A label for products (many-to-many with {@link Product}). */
@Model(table = "tag", ordering = "name")
public class Tag extends ShopModel {
    @Column(maxLength = 50, unique = true)
    String name;

    /** For the ORM. */
    public Tag() {
    }

    /** A new tag. */
    public Tag(String name) {
        this.name = name;
    }

    /** The {@code name} of this tag. */
    public String name() {
        return name;
    }
}
