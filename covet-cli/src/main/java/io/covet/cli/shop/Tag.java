package io.covet.cli.shop;

import io.covet.orm.Column;
import io.covet.orm.Model;
import io.covet.orm.PrimaryKey;

/** A label for products (many-to-many with {@link Product}). */
@Model(table = "tag", ordering = "name")
public class Tag extends io.covet.orm.Entity {
    @PrimaryKey
    Long id;
    @Column(maxLength = 50, unique = true)
    String name;

    /** For the ORM. */
    public Tag() {
    }

    /** A new tag. */
    public Tag(String name) {
        this.name = name;
    }
}
