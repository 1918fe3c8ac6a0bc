package io.covet.orm.inherit;

import io.covet.orm.Model;

/** A single-table subclass of the subclass Memo, under the soft-delete root Note. */
@Model(discriminatorValue = "urgent")
public class UrgentMemo extends Memo {
    int level;

    public UrgentMemo() {
    }

    UrgentMemo(String title, String recipient, int level) {
        super(title, recipient);
        this.level = level;
    }
}
