package io.covet.orm.rules;

import io.covet.orm.Entity;
import io.covet.orm.ForeignKey;
import io.covet.orm.Model;
import io.covet.orm.OnDelete;
import io.covet.orm.PrimaryKey;
import io.covet.orm.Ref;

/** Notes leave deleting their book to the database (DO_NOTHING). */
@Model(table = "note")
public class Note extends Entity {
    @PrimaryKey
    Short id;
    @ForeignKey(onDelete = OnDelete.DO_NOTHING)
    Ref<Book> book;
    String text;

    public Note() {
    }

    Note(Book book, String text) {
        this.book = Ref.to(book);
        this.text = text;
    }
}
