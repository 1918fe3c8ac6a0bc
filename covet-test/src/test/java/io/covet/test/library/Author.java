package io.covet.test.library;

import io.covet.orm.Column;
import io.covet.orm.Entity;
import io.covet.orm.Model;
import io.covet.orm.PrimaryKey;

/** An author: the extension's tests' model. */
@Model(table = "ct_author", ordering = "name")
public class Author extends Entity {
    @PrimaryKey
    Long id;
    @Column(maxLength = 100, unique = true)
    String name;

    /** For the ORM. */
    public Author() {
    }

    /** A new author. */
    public Author(String name) {
        this.name = name;
    }

    /** The key. */
    public Long id() {
        return id;
    }

    /** The name. */
    public String name() {
        return name;
    }
}
