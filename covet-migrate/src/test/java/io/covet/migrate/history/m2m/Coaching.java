package io.covet.migrate.history.m2m;

import io.covet.orm.Entity;
import io.covet.orm.ForeignKey;
import io.covet.orm.Model;
import io.covet.orm.OnDelete;
import io.covet.orm.PrimaryKey;
import io.covet.orm.Ref;

/** The untracked through model of {@link Club}'s coaches: which rows were linked in the past is unknown. */
@Model(table = "coaching")
public class Coaching extends Entity {
    @PrimaryKey(auto = true)
    Long id;
    @ForeignKey(onDelete = OnDelete.CASCADE)
    Ref<Club> club;
    @ForeignKey(onDelete = OnDelete.CASCADE)
    Ref<Player> player;

    public Coaching() {
    }
}
