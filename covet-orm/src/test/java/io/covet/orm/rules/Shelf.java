package io.covet.orm.rules;

import io.covet.orm.Entity;
import io.covet.orm.Model;
import io.covet.orm.PrimaryKey;

@Model(table = "shelf")
public class Shelf extends Entity {
    @PrimaryKey(auto = false)
    Integer id;
    String label;

    public Shelf() {
    }

    Shelf(int id, String label) {
        this.id = id;
        this.label = label;
    }
}
