package io.covet.orm.inherit;

import io.covet.orm.Column;
import io.covet.orm.Entity;
import io.covet.orm.ForeignKey;
import io.covet.orm.InheritanceType;
import io.covet.orm.Model;
import io.covet.orm.OnDelete;
import io.covet.orm.PrimaryKey;
import io.covet.orm.Ref;

/** The root of the single-table tests: every item's row, books' and films' too, is in sti_item. */
@Model(table = "sti_item", ordering = "title", inheritance = InheritanceType.SINGLE_TABLE, discriminator = "kind")
public class Item extends Entity {
    @PrimaryKey
    Long id;
    @Column(maxLength = 60)
    String title;
    @ForeignKey(onDelete = OnDelete.CASCADE, nullable = true)
    Ref<Keeper> owner;

    public Item() {
    }

    Item(String title) {
        this.title = title;
    }
}
