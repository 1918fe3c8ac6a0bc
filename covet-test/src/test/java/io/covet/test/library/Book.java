package io.covet.test.library;

import io.covet.orm.Column;
import io.covet.orm.Entity;
import io.covet.orm.ForeignKey;
import io.covet.orm.Model;
import io.covet.orm.OnDelete;
import io.covet.orm.PrimaryKey;
import io.covet.orm.Ref;

/** A book by an author. */
@Model(table = "ct_book", ordering = "title")
public class Book extends Entity {
    @PrimaryKey
    Long id;
    @Column(maxLength = 200)
    String title;
    @ForeignKey(onDelete = OnDelete.CASCADE)
    Ref<Author> author;

    /** For the ORM. */
    public Book() {
    }

    /** A new book. */
    public Book(String title, Author author) {
        this.title = title;
        this.author = Ref.to(author);
    }

    /** The title. */
    public String title() {
        return title;
    }
}
