package io.covet.orm.rules;

import io.covet.orm.Column;
import io.covet.orm.Entity;
import io.covet.orm.ForeignKey;
import io.covet.orm.Model;
import io.covet.orm.OnDelete;
import io.covet.orm.PrimaryKey;
import io.covet.orm.Ref;

/** Books go back to shelf 1 when their shelf is deleted. */
@Model(table = "book")
public class Book extends Entity {
    @PrimaryKey
    Integer id;
    @ForeignKey(onDelete = OnDelete.SET_DEFAULT)
    @Column(defaultValue = "1")
    Ref<Shelf> shelf;
    String title;

    public Book() {
    }

    Book(Shelf shelf, String title) {
        this.shelf = Ref.to(shelf);
        this.title = title;
    }
}
