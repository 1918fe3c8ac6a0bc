package io.covet.migrate.history.app;

import io.covet.orm.Column;
import io.covet.orm.Entity;
import io.covet.orm.ForeignKey;
import io.covet.orm.History;
import io.covet.orm.Model;
import io.covet.orm.OnDelete;
import io.covet.orm.PrimaryKey;
import io.covet.orm.Ref;

/** A child whose history the ORM writes itself, with a SET_NULL foreign key to {@link Keeper}. */
@Model(table = "coin")
@History(capture = History.Capture.APPLICATION)
public class Coin extends Entity {
    @PrimaryKey(auto = true)
    Long id;
    @Column(maxLength = 40)
    String mint;
    @ForeignKey(onDelete = OnDelete.SET_NULL, nullable = true)
    Ref<Keeper> keeper;

    public Coin() {
    }

    public Coin(String mint, Keeper keeper) {
        this.mint = mint;
        this.keeper = Ref.to(keeper);
    }

    public Long id() {
        return id;
    }
}
