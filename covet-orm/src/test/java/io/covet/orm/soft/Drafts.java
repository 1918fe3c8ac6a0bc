package io.covet.orm.soft;

import io.covet.orm.CustomQuerySet;
import io.covet.orm.QuerySet;

/** A second manager of Post, without annotation: its initial rows are the unpublished posts. */
public final class Drafts extends CustomQuerySet<Post, Drafts> {
    public Drafts(QuerySet<Post> base) {
        super(base, Drafts::new);
    }

    @Override
    protected QuerySet<Post> initial(QuerySet<Post> all) {
        return all.filter(Post_.PUBLISHED_AT.isNull());
    }

    /** Drafts whose title contains {@code text}. */
    public Drafts titled(String text) {
        return filter(Post_.TITLE.contains(text));
    }
}
