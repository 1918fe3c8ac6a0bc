package io.covet.orm.inherit;

import io.covet.orm.Column;
import io.covet.orm.Entity;
import io.covet.orm.ForeignKey;
import io.covet.orm.Model;
import io.covet.orm.OnDelete;
import io.covet.orm.PrimaryKey;
import io.covet.orm.Ref;

/** Points at a single-table subclass: its key references sti_item. */
@Model(table = "sti_loan", ordering = "id")
public class Loan extends Entity {
    @PrimaryKey
    Long id;
    @ForeignKey(onDelete = OnDelete.CASCADE)
    Ref<Book> book;
    @Column(maxLength = 40)
    String borrower;

    public Loan() {
    }

    Loan(Book book, String borrower) {
        this.book = Ref.to(book);
        this.borrower = borrower;
    }
}
