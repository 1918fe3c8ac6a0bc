package io.covet.orm.inherit;

import io.covet.orm.Column;
import io.covet.orm.Model;
import io.covet.orm.Related;
import io.covet.orm.Reverse;

/** A single-table subclass of Item: its own fields are nullable columns of sti_item, required for books. */
@Model(discriminatorValue = "book", ordering = "-pages")
public class Book extends Item {
    @Column(maxLength = 20)
    String isbn;
    int pages;
    @Reverse(field = "book")
    Related<Loan> loans;

    public Book() {
    }

    Book(String title, String isbn, int pages) {
        super(title);
        this.isbn = isbn;
        this.pages = pages;
    }
}
