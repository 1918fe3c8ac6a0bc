package io.covet.orm.soft;

import io.covet.orm.Entity;
import io.covet.orm.ForeignKey;
import io.covet.orm.Model;
import io.covet.orm.OnDelete;
import io.covet.orm.PrimaryKey;
import io.covet.orm.Ref;

/** A model without soft delete pointing at a soft-deleted one: a soft delete leaves it, a purge cascades. */
@Model(table = "sd_bookmark", ordering = "id")
public class Bookmark extends Entity {
    @PrimaryKey
    Long id;
    @ForeignKey(onDelete = OnDelete.CASCADE)
    Ref<Post> post;
    String who;

    public Bookmark() {
    }

    Bookmark(Post post, String who) {
        this.post = Ref.to(post);
        this.who = who;
    }
}
