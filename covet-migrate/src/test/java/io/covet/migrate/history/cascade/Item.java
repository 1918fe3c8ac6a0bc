package io.covet.migrate.history.cascade;

import io.covet.orm.Column;
import io.covet.orm.DbOnDelete;
import io.covet.orm.Entity;
import io.covet.orm.ForeignKey;
import io.covet.orm.History;
import io.covet.orm.Model;
import io.covet.orm.OnDelete;
import io.covet.orm.PrimaryKey;
import io.covet.orm.Ref;

/** A tracked grandchild: the database deletes it with its {@link Box}, itself deleted with its {@link Shelf}. */
@Model(table = "item")
@History
public class Item extends Entity {
    @PrimaryKey(auto = true)
    Long id;
    @Column(maxLength = 40)
    String name;
    @ForeignKey(onDelete = OnDelete.DO_NOTHING, dbOnDelete = DbOnDelete.CASCADE)
    Ref<Box> box;

    public Item() {
    }

    public Item(String name, Box box) {
        this.name = name;
        this.box = Ref.to(box);
    }

    public Long id() {
        return id;
    }
}
