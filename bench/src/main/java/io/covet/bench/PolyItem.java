package io.covet.bench;

import io.covet.orm.Column;
import io.covet.orm.Entity;
import io.covet.orm.Model;
import io.covet.orm.PrimaryKey;

/** The parent of the orm-polymorphic benchmark: every item has a row in poly_item. */
@Model(table = "poly_item", ordering = "id")
public class PolyItem extends Entity {
    @PrimaryKey
    public Long id;
    @Column(maxLength = 60)
    public String title;
    public int price;

    public PolyItem() {
    }

    PolyItem(String title, int price) {
        this.title = title;
        this.price = price;
    }
}
