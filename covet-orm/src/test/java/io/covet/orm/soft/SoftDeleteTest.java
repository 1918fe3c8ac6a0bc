package io.covet.orm.soft;

import io.covet.core.error.UniqueViolation;
import io.covet.orm.Audit;
import io.covet.orm.DeletedReference;
import io.covet.orm.Orm;
import io.covet.orm.OrmUsageException;
import io.covet.sql.Functions;
import io.covet.testing.AllEngines;
import io.covet.testing.Scratch;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code @SoftDelete}: deletes mark, every read path hides marked rows, cascades, restore and purge. */
class SoftDeleteTest {

    private static List<String> names(List<Tag> tags) {
        return tags.stream().map(t -> t.name).toList();
    }

    @AllEngines
    void deleteMarksTheRowAndEveryReadPathHidesIt(Scratch s) {
        Orm orm = ManagerTest.orm(s);
        Author ann = orm.save(new Author("Ann"));
        Author bob = orm.save(new Author("Bob"));
        Post p1 = orm.save(new Post(ann, "p1", null));
        Post p2 = orm.save(new Post(ann, "p2", null));
        Post p3 = orm.save(new Post(bob, "p3", null));
        orm.save(new Comment(p1, "c1"));
        Comment c3 = orm.save(new Comment(p3, "c3"));
        orm.save(new Bookmark(p3, "zoe"));
        Tag t1 = orm.save(new Tag("t1"));
        Tag t2 = orm.save(new Tag("t2"));
        p1.tags.add(t1, t2);

        // many-to-many: accessor, prefetch and lookups across the relation
        assertThat(orm.delete(t2)).isEqualTo(1);
        assertThat(t2.deletedAt).isNotNull();
        assertThat(orm.objects(Tag_.TYPE).count()).isEqualTo(1);
        assertThat(names(p1.tags.all())).containsExactly("t1");
        Post prefetched = orm.objects(Post_.TYPE).prefetchRelated(Post_.TAGS).get(p1.id);
        assertThat(names(prefetched.tags.all())).containsExactly("t1");
        assertThat(orm.objects(Post_.TYPE).filter(Post_.TAGS, t -> t.name.eq("t2")).count()).isZero();

        // who deleted, from Audit's current user; the delete cascades to bob's post and its comment
        assertThat(Audit.as(orm, "alice", "cleanup", () -> orm.delete(bob))).isEqualTo(3);
        Author bobNow = orm.objects(Author_.TYPE).allObjects().get(bob.id);
        assertThat(bobNow.deletedBy).isEqualTo("alice");
        assertThat(bobNow.deletedAt).isEqualTo(bob.deletedAt).isNotNull();
        assertThat(orm.objects(Author_.TYPE).count()).isEqualTo(1);
        assertThat(orm.objects(Author_.TYPE).allObjects().count()).isEqualTo(2);
        assertThat(orm.objects(Author_.TYPE).deletedOnly().valuesFlat(Author_.NAME)).containsExactly("Bob");
        assertThat(orm.objects(Post_.TYPE).query().valuesFlat(Post_.TITLE)).containsExactly("p1", "p2");
        assertThat(orm.objects(Comment_.TYPE).count()).isEqualTo(1);
        assertThat(orm.objects(Bookmark_.TYPE).count()).as("a model without soft delete is left alone").isEqualTo(1);

        // reverse accessor and an aggregate over the reverse relation
        orm.delete(p2);
        assertThat(ann.posts.all()).extracting(p -> p.title).containsExactly("p1");
        Author counted = orm.objects(Author_.TYPE).annotate("posts", Author_.POSTS, p -> Functions.count(p.id))
                .get(ann.id);
        assertThat(((Number) counted.annotation("posts")).longValue()).isEqualTo(1);

        // lookups across a forward relation never match a deleted target, even over every comment
        assertThat(orm.objects(Comment_.TYPE).allObjects().filter(Comment_.POST, p -> p.title.eq("p3")).count())
                .isZero();
        assertThat(orm.objects(Comment_.TYPE).allObjects().count()).isEqualTo(2);

        // a to-one relation to a deleted row: selectRelated leaves it unloaded, get() says what happened
        Comment read = orm.objects(Comment_.TYPE).allObjects().selectRelated(Comment_.POST).get(c3.id);
        assertThat(read.post.loaded()).isFalse();
        assertThatThrownBy(read.post::get).isInstanceOf(DeletedReference.class)
                .hasMessage("Comment.post (id " + p3.id + ") points at Post " + p3.id + ", which is soft-deleted: "
                        + "read it with orm.objects(Post_.TYPE).allObjects().get(id), or restore it");
        assertThat(orm.objects(Post_.TYPE).allObjects().get(read.post.id()).title).isEqualTo("p3");

        // a bulk update leaves deleted rows alone
        assertThat(orm.objects(Post_.TYPE).query().update(Post_.TITLE.set("renamed"))).isEqualTo(1);
        assertThat(orm.objects(Post_.TYPE).deletedOnly().query().valuesFlat(Post_.TITLE))
                .containsExactlyInAnyOrder("p2", "p3");
    }

    @AllEngines
    void cascadesDoNotRestampDeletedChildrenAndRestoreBringsBackTheCascade(Scratch s) {
        Orm orm = ManagerTest.orm(s);
        Author ann = orm.save(new Author("Ann"));
        Post post = orm.save(new Post(ann, "p", null));
        Comment early = orm.save(new Comment(post, "deleted before"));
        Comment late = orm.save(new Comment(post, "deleted with the post"));
        Instant before = Instant.parse("2020-01-01T00:00:00Z");
        orm.objects(Comment_.TYPE).filter(Comment_.ID.eq(early.id)).update(Comment_.DELETED_AT.set(before));

        assertThat(orm.delete(post)).as("the post and the live comment").isEqualTo(2);
        assertThat(orm.delete(post)).as("a deleted row keeps its stamp").isZero();
        assertThat(orm.refresh(early).deletedAt).isEqualTo(before);
        assertThat(orm.refresh(late).deletedAt).isEqualTo(orm.refresh(post).deletedAt).isNotNull();

        assertThat(orm.restore(post)).as("the post and what its delete cascaded to").isEqualTo(2);
        assertThat(post.deletedAt).isNull();
        assertThat(orm.objects(Comment_.TYPE).valuesFlat(Comment_.BODY)).containsExactly("deleted with the post");
        assertThat(orm.refresh(early).deletedAt).isEqualTo(before);

        // QuerySet.delete marks in bulk, deletedOnly().restore() undoes it
        assertThat(orm.objects(Comment_.TYPE).delete()).isEqualTo(1);
        assertThat(orm.objects(Comment_.TYPE).count()).isZero();
        assertThat(orm.objects(Comment_.TYPE).filter(Comment_.BODY.startsWith("deleted")).restore()).isEqualTo(2);
        assertThat(orm.objects(Comment_.TYPE).count()).isEqualTo(2);
    }

    @AllEngines
    void purgeRemovesRowsForGoodWithHardCascades(Scratch s) {
        Orm orm = ManagerTest.orm(s);
        Author ann = orm.save(new Author("Ann"));
        Post post = orm.save(new Post(ann, "p", null));
        orm.save(new Comment(post, "c"));
        orm.save(new Bookmark(post, "zoe"));
        orm.delete(post);
        assertThat(orm.objects(Bookmark_.TYPE).count()).isEqualTo(1);

        assertThat(orm.purge(post)).as("post, its deleted comment, the bookmark").isEqualTo(3);
        assertThat(orm.objects(Post_.TYPE).allObjects().count()).isZero();
        assertThat(orm.objects(Comment_.TYPE).allObjects().count()).isZero();
        assertThat(orm.objects(Bookmark_.TYPE).count()).isZero();

        orm.save(new Tag("keep"));
        Tag drop = orm.save(new Tag("drop"));
        orm.delete(drop);
        assertThat(orm.objects(Tag_.TYPE).deletedOnly().purge()).isEqualTo(1);
        assertThat(names(orm.objects(Tag_.TYPE).allObjects().list())).containsExactly("keep");
    }

    @AllEngines
    void uniqueFieldsHoldAmongLiveRowsOnly(Scratch s) {
        Orm orm = ManagerTest.orm(s);
        Author first = orm.save(new Author("Ann"));
        orm.delete(first);
        Author second = orm.save(new Author("Ann"));   // the deleted row does not hold the name
        assertThatThrownBy(() -> orm.save(new Author("Ann"))).isInstanceOf(UniqueViolation.class);
        // restoring the first would make two live rows with one name: refused by the database, nothing changed
        assertThatThrownBy(() -> orm.restore(first)).isInstanceOf(UniqueViolation.class);
        assertThat(orm.objects(Author_.TYPE).get(Author_.NAME.eq("Ann")).id).isEqualTo(second.id);
        assertThat(orm.objects(Author_.TYPE).deletedOnly().count()).isEqualTo(1);
    }

    @AllEngines
    void restoreOnAModelWithoutSoftDeleteIsRefused(Scratch s) {
        Orm orm = ManagerTest.orm(s);
        Author ann = orm.save(new Author("Ann"));
        Bookmark b = orm.save(new Bookmark(orm.save(new Post(ann, "p", null)), "zoe"));
        assertThatThrownBy(() -> orm.restore(b)).isInstanceOf(OrmUsageException.class)
                .hasMessage("restore() needs a @SoftDelete model; Bookmark has none, so its deletes remove rows and "
                        + "there is nothing to restore");
        assertThatThrownBy(() -> orm.objects(Bookmark_.TYPE).restore()).isInstanceOf(OrmUsageException.class);
        assertThat(orm.objects(Bookmark_.TYPE).count()).isEqualTo(1);
    }
}
