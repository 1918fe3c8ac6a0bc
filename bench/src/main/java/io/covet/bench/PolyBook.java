package io.covet.bench;

import io.covet.orm.Column;
import io.covet.orm.Model;

/** A multi-table child: poly_book holds the link and its own fields. */
@Model(table = "poly_book")
public class PolyBook extends PolyItem {
    public int pages;
    @Column(maxLength = 40)
    public String author;

    public PolyBook() {
    }

    PolyBook(String title, int price, int pages, String author) {
        super(title, price);
        this.pages = pages;
        this.author = author;
    }
}
