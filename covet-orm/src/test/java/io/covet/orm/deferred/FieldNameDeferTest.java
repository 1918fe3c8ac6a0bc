package io.covet.orm.deferred;

import io.covet.core.Database;
import io.covet.core.pipeline.StatementKind;
import io.covet.orm.Orm;
import io.covet.orm.OrmUsageException;
import io.covet.orm.QuerySet;
import io.covet.testing.AllEngines;
import io.covet.testing.Recorder;
import io.covet.testing.Scratch;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code only("…")}/{@code defer("…")} by Django-style field names, next to the typed column overloads: the same
 * columns selected (recorded SQL), relation paths {@code author__email} through {@code selectRelated}, and unknown
 * names refused before any statement with the model and its valid fields named.
 */
class FieldNameDeferTest {
    private final Recorder rec = new Recorder();

    private Orm orm(Scratch s) {
        Database db = s.open(b -> b.interceptor(rec));
        Orm orm = Orm.builder().database(db).models(Blogger_.TYPE, Article_.TYPE).build();
        orm.createTables();
        Blogger ada = orm.save(new Blogger("Ada", "ada@example.com", "Wrote the first program."));
        orm.save(new Article(ada, "engines", "On engines", 7, "Short", "A long body about engines."));
        orm.save(new Article(ada, "notes", "Notes", 3, null, "Notes on the analytical engine."));
        rec.statements.clear();
        return orm;
    }

    private List<String> queries() {
        List<String> out = new ArrayList<>();
        rec.of(StatementKind.QUERY).forEach(x -> out.add(x.context().sql()));
        rec.statements.clear();
        return out;
    }

    @AllEngines
    void namesSelectTheSameColumnsAsTheTypedOverloads(Scratch s) {
        Orm orm = orm(s);
        QuerySet<Article> articles = orm.objects(Article_.TYPE);
        Article typed = articles.only(Article_.TITLE, Article_.VIEWS).get(Article_.SLUG.eq("engines"));
        String typedSql = queries().get(0);
        Article named = articles.only("title", "views").get(Article_.SLUG.eq("engines"));
        assertThat(queries()).containsExactly(typedSql);
        assertThat(named.title).isEqualTo("On engines");
        assertThat(named.views).isEqualTo(7);
        assertThat(named.summary).isNull();
        assertThat(named.deferredFields()).isEqualTo(typed.deferredFields())
                .containsExactly("slug", "status", "summary", "body", "author");

        // a foreign key by its field name, and defer by names
        Article withAuthorKey = articles.only("title", "author").get(Article_.SLUG.eq("notes"));
        assertThat(withAuthorKey.author.id()).isNotNull();
        assertThat(withAuthorKey.deferredFields()).containsExactly("slug", "views", "status", "summary", "body");
        queries();
        Article deferred = articles.defer("summary", "views").get(Article_.SLUG.eq("engines"));
        assertThat(queries()).singleElement().satisfies(sql -> assertThat(sql.substring(0, sql.indexOf("FROM")))
                .contains("title").doesNotContain("summary").doesNotContain("views"));
        assertThat(deferred.deferredFields()).containsExactly("views", "summary", "body");
        assertThat(deferred.summary()).isEqualTo("Short");   // loads on access, as for the typed form
    }

    @AllEngines
    void aRelationPathNamesTheRelatedModelsColumnThroughSelectRelated(Scratch s) {
        Orm orm = orm(s);
        Article a = orm.objects(Article_.TYPE).selectRelated(Article_.AUTHOR).only("title", "author__email")
                .get(Article_.SLUG.eq("engines"));
        assertThat(queries()).singleElement().satisfies(sql ->
                assertThat(sql.substring(0, sql.indexOf("FROM"))).contains("email").doesNotContain("bio")
                        .doesNotContain("name").doesNotContain("body").doesNotContain("summary"));
        Blogger b = a.author.peek();
        assertThat(b).isNotNull();
        assertThat(b.email).isEqualTo("ada@example.com");
        assertThat(b.name).isNull();
        assertThat(b.deferredFields()).containsExactly("name", "bio");
        assertThat(a.title).isEqualTo("On engines");

        Article d = orm.objects(Article_.TYPE).selectRelated(Article_.AUTHOR).defer("author__name")
                .get(Article_.SLUG.eq("notes"));
        assertThat(d.author.peek().deferredFields()).containsExactly("name", "bio");
        assertThat(d.author.peek().email).isEqualTo("ada@example.com");
        assertThat(d.title).isEqualTo("Notes");
    }

    @AllEngines
    void unknownNamesAreRefusedBeforeAnyQueryNamingTheModelAndItsFields(Scratch s) {
        Orm orm = orm(s);
        QuerySet<Article> articles = orm.objects(Article_.TYPE);
        assertThatThrownBy(() -> articles.only("titel")).isInstanceOf(OrmUsageException.class)
                .hasMessageContaining("only(\"titel\") on a query of Article: Article has no field 'titel'")
                .hasMessageContaining("valid fields of Article: [id, slug, title, views, status, summary, body, "
                        + "author]");
        assertThatThrownBy(() -> articles.defer("title", "author__emial")).isInstanceOf(OrmUsageException.class)
                .hasMessageContaining("defer(\"author__emial\") on a query of Article: Blogger (reached through "
                        + "author) has no field 'emial'; valid fields of Blogger: [id, name, email, bio]");
        assertThatThrownBy(() -> articles.only("title__length")).isInstanceOf(OrmUsageException.class)
                .hasMessageContaining("'title' is not a foreign-key or one-to-one field of Article")
                .hasMessageContaining("its relations: [author]");
        assertThatThrownBy(() -> articles.only("")).isInstanceOf(OrmUsageException.class)
                .hasMessageContaining("empty field name");
        assertThatThrownBy(() -> articles.defer("id")).isInstanceOf(OrmUsageException.class)
                .hasMessageContaining("Article.id is the primary key");
        assertThat(rec.statements).isEmpty();
    }
}
