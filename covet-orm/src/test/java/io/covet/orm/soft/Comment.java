package io.covet.orm.soft;

import io.covet.orm.Column;
import io.covet.orm.Entity;
import io.covet.orm.ForeignKey;
import io.covet.orm.Model;
import io.covet.orm.OnDelete;
import io.covet.orm.PrimaryKey;
import io.covet.orm.Ref;
import io.covet.orm.SoftDelete;

import java.time.Instant;

/** A comment is soft-deleted with its post (CASCADE). */
@Model(table = "sd_comment", ordering = "id")
@SoftDelete
public class Comment extends Entity {
    @PrimaryKey
    Long id;
    @ForeignKey(onDelete = OnDelete.CASCADE)
    Ref<Post> post;
    String body;
    @Column(nullable = true)
    Instant deletedAt;

    public Comment() {
    }

    Comment(Post post, String body) {
        this.post = Ref.to(post);
        this.body = body;
    }
}
