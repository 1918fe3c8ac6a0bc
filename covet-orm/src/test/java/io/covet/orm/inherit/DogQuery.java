package io.covet.orm.inherit;

import io.covet.orm.CustomQuerySet;
import io.covet.orm.QuerySet;

/** Dog's manager: its initial rows are the animals of kind "dog". */
public final class DogQuery extends CustomQuerySet<Dog, DogQuery> {
    public DogQuery(QuerySet<Dog> base) {
        super(base, DogQuery::new);
    }

    @Override
    protected QuerySet<Dog> initial(QuerySet<Dog> all) {
        return all.filter(Dog_.KIND.eq("dog"));
    }

    /** Dogs with fewer than four legs. */
    public DogQuery injured() {
        return filter(Dog_.LEGS.lt(4));
    }
}
