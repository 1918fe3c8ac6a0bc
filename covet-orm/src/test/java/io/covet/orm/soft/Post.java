package io.covet.orm.soft;

import io.covet.orm.Column;
import io.covet.orm.Entity;
import io.covet.orm.ForeignKey;
import io.covet.orm.Manager;
import io.covet.orm.ManyToMany;
import io.covet.orm.Model;
import io.covet.orm.OnDelete;
import io.covet.orm.PrimaryKey;
import io.covet.orm.Ref;
import io.covet.orm.Related;
import io.covet.orm.Reverse;
import io.covet.orm.SoftDelete;

import java.time.Instant;

/** A post: soft delete, a custom manager, comments (soft, cascading), bookmarks (hard) and tags (many-to-many). */
@Model(table = "sd_post", ordering = "id")
@SoftDelete
@Manager(PostQuery.class)
public class Post extends Entity {
    @PrimaryKey
    Long id;
    @ForeignKey(onDelete = OnDelete.CASCADE)
    Ref<Author> author;
    String title;
    @Column(nullable = true)
    Instant publishedAt;
    @Column(nullable = true)
    Instant deletedAt;
    @Reverse(field = "post")
    Related<Comment> comments;
    @ManyToMany
    Related<Tag> tags;

    public Post() {
    }

    Post(Author author, String title, Instant publishedAt) {
        this.author = Ref.to(author);
        this.title = title;
        this.publishedAt = publishedAt;
    }
}
