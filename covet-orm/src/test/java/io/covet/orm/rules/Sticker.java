package io.covet.orm.rules;

import io.covet.orm.Column;
import io.covet.orm.DbOnDelete;
import io.covet.orm.Entity;
import io.covet.orm.ForeignKey;
import io.covet.orm.Model;
import io.covet.orm.OnDelete;
import io.covet.orm.PrimaryKey;
import io.covet.orm.Ref;

/** Stickers leave their rules to the database's own constraints (CASCADE, SET NULL) and have a fixed-width code. */
@Model(table = "sticker")
public class Sticker extends Entity {
    @PrimaryKey
    Long id;
    @ForeignKey(onDelete = OnDelete.DO_NOTHING, dbOnDelete = DbOnDelete.CASCADE)
    Ref<Book> book;
    @ForeignKey(onDelete = OnDelete.DO_NOTHING, dbOnDelete = DbOnDelete.SET_NULL, nullable = true)
    Ref<Shelf> shelf;
    @Column(nativeType = "char(2)")
    String code;

    public Sticker() {
    }

    Sticker(Book book, Shelf shelf, String code) {
        this.book = Ref.to(book);
        this.shelf = shelf == null ? null : Ref.to(shelf);
        this.code = code;
    }
}
