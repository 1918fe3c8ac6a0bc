package io.covet.orm.soft;

import io.covet.orm.CustomQuerySet;
import io.covet.orm.QuerySet;

/** Post's default manager: query methods that chain with each other and with the built-in ones. */
public final class PostQuery extends CustomQuerySet<Post, PostQuery> {
    public PostQuery(QuerySet<Post> base) {
        super(base, PostQuery::new);
    }

    /** Posts with a publication time. */
    public PostQuery published() {
        return filter(Post_.PUBLISHED_AT.isNotNull());
    }

    /** Newest first, at most {@code n}. */
    public PostQuery recent(int n) {
        return orderBy(Post_.PUBLISHED_AT.desc()).limit(n);
    }

    /** Posts by authors whose name starts with {@code prefix}. */
    public PostQuery byAuthorsStartingWith(String prefix) {
        return filter(Post_.AUTHOR, a -> a.name.startsWith(prefix));
    }
}
