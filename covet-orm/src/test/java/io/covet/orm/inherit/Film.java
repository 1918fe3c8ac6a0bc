package io.covet.orm.inherit;

import io.covet.orm.Column;
import io.covet.orm.Model;

/** A single-table subclass of Item with the default discriminator value, "film". */
@Model
public class Film extends Item {
    Integer minutes;
    @Column(nullable = true, maxLength = 40)
    String director;

    public Film() {
    }

    Film(String title, Integer minutes) {
        super(title);
        this.minutes = minutes;
    }
}
