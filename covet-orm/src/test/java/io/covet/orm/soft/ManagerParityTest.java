package io.covet.orm.soft;

import io.covet.core.dialect.Feature;
import io.covet.orm.ForUpdate;
import io.covet.orm.Orm;
import io.covet.orm.Prefetch;
import io.covet.testing.AllEngines;
import io.covet.testing.Scratch;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The parity additions through a custom manager ({@link PostQuery}) and over {@code @SoftDelete} models: a
 * {@link Prefetch} of soft-deleted comments sees live ones only, and {@code selectForUpdate(ForUpdate)} chains
 * with the manager's own methods.
 */
class ManagerParityTest {
    @AllEngines
    void prefetchAndRowLockOptionsChainThroughAManagerAndKeepSoftDeletedRowsOut(Scratch s) {
        Orm orm = ManagerTest.orm(s);
        Author ann = orm.save(new Author("Ann"));
        Post p = orm.save(new Post(ann, "a1", Instant.parse("2026-01-01T00:00:00Z")));
        orm.save(new Post(ann, "draft", null));
        orm.save(new Comment(p, "first"));
        Comment gone = orm.save(new Comment(p, "spam"));
        orm.save(new Comment(p, "second"));
        orm.delete(gone);

        Prefetch<Post, Comment> latest = Prefetch.of(Post_.COMMENTS,
                orm.objects(Comment_.TYPE).orderBy(Comment_.ID.desc())).toAttr("latest");
        List<Post> posts = orm.objects(Post_.TYPE).published().prefetchRelated(latest).list();
        assertThat(posts).singleElement().satisfies(post ->
                assertThat(latest.get(post)).extracting(c -> c.body).containsExactly("second", "first"));

        if (s.db().supports(Feature.SKIP_LOCKED)) {
            List<Post> locked = s.db().atomic(tx -> orm.objects(Post_.TYPE)
                    .selectForUpdate(ForUpdate.skipLocked()).published().list());
            assertThat(locked).extracting(x -> x.title).containsExactly("a1");
        }
    }
}
