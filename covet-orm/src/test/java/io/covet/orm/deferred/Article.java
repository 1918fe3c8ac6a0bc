package io.covet.orm.deferred;

import io.covet.orm.Column;
import io.covet.orm.Entity;
import io.covet.orm.FieldType;
import io.covet.orm.ForeignKey;
import io.covet.orm.Model;
import io.covet.orm.OnDelete;
import io.covet.orm.PrimaryKey;
import io.covet.orm.Ref;

/** An article: a model-level deferred body, and fields queries defer with only/defer. */
@Model(table = "dfr_article")
public class Article extends Entity {
    @PrimaryKey
    Long id;
    @Column(unique = true, maxLength = 80)
    String slug;
    String title;
    int views;
    @Column(maxLength = 10)
    Status status = Status.DRAFT;
    @Column(type = FieldType.TEXT, nullable = true)
    String summary;
    @Column(type = FieldType.TEXT, deferred = true)
    String body;
    @ForeignKey(onDelete = OnDelete.CASCADE)
    Ref<Blogger> author;

    public Article() {
    }

    Article(Blogger author, String slug, String title, int views, String summary, String body) {
        this.author = Ref.to(author);
        this.slug = slug;
        this.title = title;
        this.views = views;
        this.summary = summary;
        this.body = body;
        this.status = Status.LIVE;
    }

    String body() {
        ensureLoaded("body");
        return body;
    }

    String summary() {
        ensureLoaded("summary");
        return summary;
    }

    /** A getter with a typo in the field name it guards. */
    String misspelled() {
        ensureLoaded("bodyy");
        return body;
    }
}
