package io.covet.orm.soft;

import io.covet.orm.Orm;
import io.covet.orm.QuerySet;
import io.covet.testing.AllEngines;
import io.covet.testing.Scratch;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Custom query sets: the model's default manager, a second manager, chaining both ways, soft delete below them. */
class ManagerTest {
    static Orm orm(Scratch s) {
        Orm orm = Orm.builder().database(s.db())
                .models(Author_.TYPE, Post_.TYPE, Comment_.TYPE, Bookmark_.TYPE, Tag_.TYPE).build();
        orm.createTables();
        return orm;
    }

    private static List<String> titles(List<Post> posts) {
        return posts.stream().map(p -> p.title).toList();
    }

    @AllEngines
    void theDefaultManagersMethodsChainWithEachOtherAndWithTheBuiltInOnes(Scratch s) {
        Orm orm = orm(s);
        Author ann = orm.save(new Author("Ann"));
        Author bob = orm.save(new Author("Bob"));
        orm.save(new Post(ann, "a1", Instant.parse("2026-01-01T00:00:00Z")));
        orm.save(new Post(ann, "a2", Instant.parse("2026-03-01T00:00:00Z")));
        orm.save(new Post(bob, "b1", null));
        orm.save(new Post(bob, "b2", Instant.parse("2026-02-01T00:00:00Z")));

        PostQuery posts = orm.objects(Post_.TYPE);   // typed by @Manager: no cast
        assertThat(titles(posts.published().recent(2).list())).containsExactly("a2", "b2");
        assertThat(titles(posts.recent(10).published().list())).containsExactly("a2", "b2", "a1");
        assertThat(posts.byAuthorsStartingWith("B").published().count()).isEqualTo(1);
        assertThat(titles(posts.filter(Post_.TITLE.startsWith("a")).published().recent(1).list()))
                .containsExactly("a2");
        // the wrapped query set for what the manager does not repeat, and the plain query set by class
        assertThat(posts.published().query().valuesFlat(Post_.TITLE)).containsExactly("a1", "a2", "b2");
        QuerySet<Post> plain = orm.objects(Post.class);
        assertThat(plain.count()).isEqualTo(4);
    }

    @AllEngines
    void aSecondManagerStartsFromItsInitialRowsOnce(Scratch s) {
        Orm orm = orm(s);
        Author ann = orm.save(new Author("Ann"));
        orm.save(new Post(ann, "draft one", null));
        orm.save(new Post(ann, "draft two", null));
        orm.save(new Post(ann, "out", Instant.parse("2026-01-01T00:00:00Z")));

        Drafts drafts = orm.objects(Post_.TYPE, Drafts::new);
        assertThat(drafts.count()).isEqualTo(2);
        assertThat(titles(drafts.titled("two").list())).containsExactly("draft two");
        // chaining keeps the initial filter without applying it again: allObjects widens deletion, not drafts
        assertThat(titles(drafts.orderBy(Post_.TITLE.desc()).list())).containsExactly("draft two", "draft one");
        assertThat(drafts.titled("out").exists()).isFalse();
    }

    @AllEngines
    void managersHideSoftDeletedRowsUnlessAsked(Scratch s) {
        Orm orm = orm(s);
        Author ann = orm.save(new Author("Ann"));
        Post gone = orm.save(new Post(ann, "gone", Instant.parse("2026-01-01T00:00:00Z")));
        orm.save(new Post(ann, "kept", Instant.parse("2026-02-01T00:00:00Z")));
        orm.save(new Post(ann, "draft", null));
        assertThat(orm.delete(gone)).isEqualTo(1);

        assertThat(titles(orm.objects(Post_.TYPE).published().list())).containsExactly("kept");
        assertThat(titles(orm.objects(Post_.TYPE).allObjects().published().list())).containsExactly("gone", "kept");
        assertThat(titles(orm.objects(Post_.TYPE).published().deletedOnly().list())).containsExactly("gone");
        assertThat(orm.objects(Post_.TYPE, Drafts::new).allObjects().count()).isEqualTo(1);
        assertThat(orm.objects(Post_.TYPE).deletedOnly().restore()).isEqualTo(1);
        assertThat(orm.objects(Post_.TYPE).published().count()).isEqualTo(2);
    }
}
