package io.covet.orm.inherit;

import io.covet.orm.Column;
import io.covet.orm.ForeignKey;
import io.covet.orm.Model;
import io.covet.orm.OnDelete;
import io.covet.orm.Ref;

/**
 * A single-table subclass of the subclass Book: its rows are in sti_item too, with kind 'ebook'; it needs Book's
 * required fields (isbn) as well as its own (url). Its reader is a foreign key declared below the root.
 */
@Model(discriminatorValue = "ebook")
public class EBook extends Book {
    @Column(maxLength = 80)
    String url;
    @Column(nullable = true)
    Integer sizeKb;
    @ForeignKey(onDelete = OnDelete.CASCADE, nullable = true)
    Ref<Keeper> reader;

    public EBook() {
    }

    EBook(String title, String isbn, int pages, String url) {
        super(title, isbn, pages);
        this.url = url;
    }
}
