package com.example.library;

import io.covet.orm.Column;
import io.covet.orm.Entity;
import io.covet.orm.Model;
import io.covet.orm.PrimaryKey;

/** A book; Covet's annotation processor generates {@code Book_} from it. */
@Model(table = "book")
public class Book extends Entity {
    @PrimaryKey
    Long id;
    @Column(maxLength = 200)
    String title;
    @Column
    int year;

    /** For the ORM. */
    public Book() {
    }

    /** A new book. */
    public Book(String title, int year) {
        this.title = title;
        this.year = year;
    }

    /** The title. */
    public String title() {
        return title;
    }
}
