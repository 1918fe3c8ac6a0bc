package io.covet.orm.inherit;

import io.covet.orm.Column;
import io.covet.orm.Model;

/** A second subclass of Book, beside EBook, with the default discriminator value "comic". */
@Model
public class Comic extends Book {
    @Column(nullable = true, maxLength = 40)
    String artist;

    public Comic() {
    }

    Comic(String title, String isbn, int pages, String artist) {
        super(title, isbn, pages);
        this.artist = artist;
    }
}
