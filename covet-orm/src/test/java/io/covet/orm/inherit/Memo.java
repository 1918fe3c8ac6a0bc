package io.covet.orm.inherit;

import io.covet.orm.Column;
import io.covet.orm.Model;

/** A single-table subclass of the soft-delete root Note. */
@Model
public class Memo extends Note {
    @Column(maxLength = 40)
    String recipient;

    public Memo() {
    }

    Memo(String title, String recipient) {
        super(title);
        this.recipient = recipient;
    }
}
