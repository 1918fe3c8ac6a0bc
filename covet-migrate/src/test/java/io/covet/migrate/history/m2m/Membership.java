package io.covet.migrate.history.m2m;

import io.covet.orm.Entity;
import io.covet.orm.ForeignKey;
import io.covet.orm.History;
import io.covet.orm.Model;
import io.covet.orm.OnDelete;
import io.covet.orm.PrimaryKey;
import io.covet.orm.Ref;

/** The tracked through model of {@link Club#members}: its history says who was a member when. */
@Model(table = "membership")
@History
public class Membership extends Entity {
    @PrimaryKey(auto = true)
    Long id;
    @ForeignKey(onDelete = OnDelete.CASCADE)
    Ref<Club> club;
    @ForeignKey(onDelete = OnDelete.CASCADE)
    Ref<Player> player;

    public Membership() {
    }

    public Membership(Club c, Player p) {
        this.club = Ref.to(c);
        this.player = Ref.to(p);
    }

    public void player(Player p) {
        this.player = Ref.to(p);
    }
}
