package io.covet.orm.inherit;

import io.covet.orm.Model;

/**
 * Three levels below Item (Item, Book, EBook, AudioBook), kind 'audio'. Its minutes share Film's column of the
 * same type, required for audio books as for films.
 */
@Model(discriminatorValue = "audio", ordering = "title")
public class AudioBook extends EBook {
    Integer minutes;

    public AudioBook() {
    }

    AudioBook(String title, String isbn, int pages, String url, Integer minutes) {
        super(title, isbn, pages, url);
        this.minutes = minutes;
    }
}
