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

/**
 * A tracked child the database itself changes: deleted with its {@link Shelf} ({@code ON DELETE CASCADE}), its owner
 * set to NULL with its {@link Owner} ({@code ON DELETE SET NULL}).
 */
@Model(table = "box")
@History
public class Box extends Entity {
    @PrimaryKey(auto = true)
    Long id;
    @Column(maxLength = 40)
    String label;
    @ForeignKey(onDelete = OnDelete.DO_NOTHING, dbOnDelete = DbOnDelete.CASCADE)
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

    /** The owner's key, null when it has none. */
    public Long ownerId() {
        return owner == null || owner.id() == null ? null : ((Number) owner.id()).longValue();
    }
}
