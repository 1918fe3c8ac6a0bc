package io.covet.migrate.history.app;

import io.covet.orm.Column;
import io.covet.orm.Entity;
import io.covet.orm.ForeignKey;
import io.covet.orm.History;
import io.covet.orm.Model;
import io.covet.orm.OnDelete;
import io.covet.orm.PrimaryKey;
import io.covet.orm.Ref;

/** A child whose history the ORM writes itself, with a SET_DEFAULT foreign key to {@link Keeper} (default 1). */
@Model(table = "token")
@History(capture = History.Capture.APPLICATION)
public class Token extends Entity {
    @PrimaryKey(auto = true)
    Long id;
    @Column(maxLength = 40)
    String label;
    @ForeignKey(onDelete = OnDelete.SET_DEFAULT)
    @Column(defaultValue = "1")
    Ref<Keeper> keeper;

    public Token() {
    }

    public Token(String label, Keeper keeper) {
        this.label = label;
        this.keeper = Ref.to(keeper);
    }
}
