package io.covet.orm.inherit.m2m;

import io.covet.orm.ManyToMany;
import io.covet.orm.Model;
import io.covet.orm.Related;
import io.covet.orm.Reverse;

/**
 * A sibling of Hall (another multi-table child of Venue) whose reverse accessor and through relation name keys that
 * point at Hall, not at it: the registry refuses both (ManyToManyInheritanceErrorsTest); no other test registers it.
 */
@Model(table = "mm_lodge")
public class Lodge extends Venue {
    int beds;
    @Reverse(field = "hall")
    Related<Gig> gigs;
    @ManyToMany(through = Gig.class)
    Related<Band> bands;

    public Lodge() {
    }
}
