package io.covet.migrate.history.cascade.v2;

import io.covet.migrate.history.cascade.Owner;
import io.covet.migrate.history.cascade.Shelf;
import io.covet.orm.Column;
import io.covet.orm.DbOnDelete;
import io.covet.orm.Entity;
import io.covet.orm.ForeignKey;
import io.covet.orm.History;
import io.covet.orm.Model;
import io.covet.orm.OnDelete;
import io.covet.orm.PrimaryKey;
import io.covet.orm.Ref;

/**
 * {@link io.covet.migrate.history.cascade.Box} after a later migration: the shelf key no longer cascades (the
 * database refuses to delete a shelf that still has boxes); the owner key still sets NULL.
 */
@Model(table = "box")
@History
public class Box extends Entity {
    @PrimaryKey(auto = true)
    Long id;
    @Column(maxLength = 40)
    String label;
    @ForeignKey(onDelete = OnDelete.DO_NOTHING)
    Ref<Shelf> shelf;
    @ForeignKey(onDelete = OnDelete.DO_NOTHING, dbOnDelete = DbOnDelete.SET_NULL, nullable = true)
    Ref<Owner> owner;

    public Box() {
    }

    public Box(String label, Shelf shelf, Owner owner) {
        this.label = label;
        this.shelf = Ref.to(shelf);
        this.owner = owner == null ? null : Ref.to(owner);
    }

    public Long id() {
        return id;
    }
}
