package io.covet.orm.deferred;

import io.covet.core.Database;
import io.covet.core.pipeline.StatementKind;
import io.covet.orm.DeferredFieldException;
import io.covet.orm.DoesNotExist;
import io.covet.orm.Orm;
import io.covet.orm.OrmUsageException;
import io.covet.testing.AllEngines;
import io.covet.testing.Recorder;
import io.covet.testing.Scratch;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code only}/{@code defer}/{@code deferNone} and {@code @Column(deferred = true)}: the columns selected, loading on
 * access and explicitly, the strict mode, saves that never overwrite deferred columns (read back with raw SQL), and
 * {@code only} through a {@code selectRelated} path.
 */
class DeferOnlyTest {
    private final Recorder rec = new Recorder();

    private Orm orm(Scratch s, boolean strict) {
        Database db = s.open(b -> b.interceptor(rec));
        Orm orm = Orm.builder().database(db).models(Blogger_.TYPE, Article_.TYPE).strictDeferredFields(strict)
                .build();
        orm.createTables();
        Blogger ada = orm.save(new Blogger("Ada", "ada@example.com", "Wrote the first program."));
        orm.save(new Article(ada, "engines", "On engines", 7, "Short", "A long body about engines."));
        orm.save(new Article(ada, "notes", "Notes", 3, null, "Notes on the analytical engine."));
        orm.save(new Article(ada, "poetry", "Poetical science", 11, "Shorter", "Imagination is the discovering faculty."));
        rec.statements.clear();
        return orm;
    }

    private List<String> queries() {
        List<String> out = new ArrayList<>();
        rec.of(StatementKind.QUERY).forEach(x -> out.add(x.context().sql()));
        return out;
    }

    /** The row as the database holds it, read without Covet. */
    private static List<Object> raw(Scratch s, String slug) throws Exception {
        try (Connection c = s.rawConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT title, views, status, summary, body FROM dfr_article WHERE slug = '"
                     + slug + "'")) {
            assertThat(rs.next()).isTrue();
            List<Object> row = new ArrayList<>();
            row.add(rs.getString(1));
            row.add(rs.getInt(2));
            row.add(rs.getString(3));
            row.add(rs.getString(4));
            row.add(rs.getString(5));
            return row;
        }
    }

    @AllEngines
    void onlySelectsTheKeyAndTheNamedColumnsAndLeavesTheRestDeferred(Scratch s) {
        Orm orm = orm(s, false);
        Article a = orm.objects(Article_.TYPE).only(Article_.TITLE).get(Article_.SLUG.eq("engines"));
        assertThat(queries()).singleElement().satisfies(sql -> {
            assertThat(sql).contains("title").doesNotContain("summary").doesNotContain("views");
            assertThat(sql.substring(0, sql.indexOf("FROM"))).doesNotContain("body").doesNotContain("slug")
                    .doesNotContain("status");
        });
        assertThat(a.id).isNotNull();
        assertThat(a.title).isEqualTo("On engines");
        // deferred: null, a primitive its constructor value, an initialised field cleared, no reference
        assertThat(a.summary).isNull();
        assertThat(a.body).isNull();
        assertThat(a.views).isZero();
        assertThat(a.status).isNull();
        assertThat(a.author).isNull();
        assertThat(a.deferredFields()).containsExactly("slug", "views", "status", "summary", "body", "author");
    }

    @AllEngines
    void aGetterLoadsEveryDeferredFieldOfTheInstanceWithOneQueryMarkedAsALazyLoad(Scratch s) {
        Orm orm = orm(s, false);
        List<Article> list = orm.objects(Article_.TYPE).defer(Article_.SUMMARY, Article_.VIEWS)
                .orderBy(Article_.SLUG.asc()).list();
        Article a = list.get(0);
        assertThat(a.deferredFields()).containsExactly("views", "summary", "body");
        rec.statements.clear();

        assertThat(a.body()).isEqualTo("A long body about engines.");
        assertThat(rec.statements).singleElement().satisfies(x -> {
            assertThat(x.context().lazyLoad()).hasValueSatisfying(l -> {
                assertThat(l.model()).isEqualTo("Article");
                assertThat(l.relation()).isEqualTo("body");
                assertThat(l.deferred()).isTrue();
            });
            assertThat(x.context().sql()).contains("summary").contains("views").contains("body");
        });
        // the other deferred fields came with it: no more queries
        assertThat(a.summary()).isEqualTo("Short");
        assertThat(a.views).isEqualTo(7);
        assertThat(a.deferredFields()).isEmpty();
        assertThat(rec.statements).hasSize(1);
        // the other instances still lack theirs
        assertThat(list.get(1).deferredFields()).containsExactly("views", "summary", "body");
    }

    @AllEngines
    void aModelLevelDeferredFieldIsLeftOutUntilAskedFor(Scratch s) {
        Orm orm = orm(s, false);
        Article plain = orm.objects(Article_.TYPE).get(Article_.SLUG.eq("notes"));
        assertThat(plain.body).isNull();
        assertThat(plain.title).isEqualTo("Notes");
        assertThat(plain.deferredFields()).containsExactly("body");
        // the lookup by key (a cached plan) defers it too
        Article byKey = orm.objects(Article_.TYPE).get(plain.id);
        assertThat(byKey.body).isNull();
        assertThat(byKey.deferredFields()).containsExactly("body");

        Article named = orm.objects(Article_.TYPE).only(Article_.BODY).get(plain.id);
        assertThat(named.body).isEqualTo("Notes on the analytical engine.");
        assertThat(named.deferredFields()).doesNotContain("body").contains("title");

        Article all = orm.objects(Article_.TYPE).deferNone().get(plain.id);
        assertThat(all.body).isEqualTo("Notes on the analytical engine.");
        assertThat(all.deferredFields()).isEmpty();

        orm.refresh(plain);
        assertThat(plain.body).isEqualTo("Notes on the analytical engine.");
        assertThat(plain.deferredFields()).isEmpty();
    }

    @AllEngines
    void savingAPartialInstanceWritesOnlyLoadedChangedOrSetFieldsAndNeverNullsDeferredColumns(Scratch s)
            throws Exception {
        Orm orm = orm(s, false);
        List<Object> before = raw(s, "engines");
        Article a = orm.objects(Article_.TYPE).only(Article_.TITLE).get(Article_.SLUG.eq("engines"));
        a.title = "On difference engines";
        rec.statements.clear();
        orm.save(a);   // validation passes although NOT NULL fields hold null: they are deferred, not written
        assertThat(rec.last("UPDATE").context().sql()).contains("title").doesNotContain("body")
                .doesNotContain("summary").doesNotContain("views").doesNotContain("status");
        List<Object> after = raw(s, "engines");
        assertThat(after.get(0)).isEqualTo("On difference engines");
        assertThat(after.subList(1, 5)).isEqualTo(before.subList(1, 5));

        // a deferred field set by the code is written; the others still are not
        a.summary = "Set while deferred";
        orm.save(a);
        after = raw(s, "engines");
        assertThat(after).containsExactly("On difference engines", 7, "LIVE", "Set while deferred",
                "A long body about engines.");
        assertThat(a.deferredFields()).doesNotContain("summary").contains("body");

        // a model-level deferred field: saving the plain instance leaves it alone
        Article notes = orm.objects(Article_.TYPE).get(Article_.SLUG.eq("notes"));
        notes.views = 4;
        orm.save(notes);
        assertThat(raw(s, "notes")).containsExactly("Notes", 4, "LIVE", null, "Notes on the analytical engine.");
    }

    @AllEngines
    void aDeferredFieldSetBeforeTheLoadKeepsTheSetValueAndIsSaved(Scratch s) throws Exception {
        Orm orm = orm(s, false);
        Article a = orm.objects(Article_.TYPE).defer(Article_.SUMMARY).get(Article_.SLUG.eq("poetry"));
        a.summary = "Mine";
        assertThat(a.body()).isEqualTo("Imagination is the discovering faculty.");
        assertThat(a.summary).isEqualTo("Mine");
        orm.save(a);
        assertThat(raw(s, "poetry").get(3)).isEqualTo("Mine");
    }

    @AllEngines
    void onlyReachesASelectRelatedPathInTheSameQuery(Scratch s) {
        Orm orm = orm(s, false);
        Article a = orm.objects(Article_.TYPE).selectRelated(Article_.AUTHOR)
                .only(Article_.TITLE, Article_.AUTHOR.table().email).get(Article_.SLUG.eq("engines"));
        assertThat(queries()).singleElement().satisfies(sql ->
                assertThat(sql.substring(0, sql.indexOf("FROM"))).contains("email").doesNotContain("bio")
                        .doesNotContain("name").doesNotContain("body"));
        // the followed foreign key is loaded although only() did not name it
        assertThat(a.author).isNotNull();
        Blogger b = a.author.peek();
        assertThat(b).isNotNull();
        assertThat(b.email).isEqualTo("ada@example.com");
        assertThat(b.name).isNull();
        assertThat(b.deferredFields()).containsExactly("name", "bio");
        rec.statements.clear();
        assertThat(b.bio()).isEqualTo("Wrote the first program.");
        assertThat(b.name).isEqualTo("Ada");
        assertThat(rec.statements).hasSize(1);
        // and a related model's default deferral applies through selectRelated
        Article full = orm.objects(Article_.TYPE).selectRelated(Article_.AUTHOR).get(Article_.SLUG.eq("notes"));
        assertThat(full.author.peek().deferredFields()).containsExactly("bio");
        assertThat(full.author.peek().name).isEqualTo("Ada");
    }

    @AllEngines
    void aStrictOrmRefusesToLoadOnAccessButLoadsExplicitlyAndForAListInOneQuery(Scratch s) {
        Orm orm = orm(s, true);
        List<Article> list = orm.objects(Article_.TYPE).only(Article_.TITLE).orderBy(Article_.SLUG.asc()).list();
        Article a = list.get(0);
        assertThatThrownBy(a::body).isInstanceOf(DeferredFieldException.class)
                .hasMessageContaining("Article#" + a.id + ".body is deferred")
                .hasMessageContaining("strict")
                .hasMessageContaining("orm.loadDeferred");
        rec.statements.clear();
        orm.loadDeferred(list);
        assertThat(rec.statements).hasSize(1);
        assertThat(list).extracting(x -> x.body).containsExactly("A long body about engines.",
                "Notes on the analytical engine.", "Imagination is the discovering faculty.");
        assertThat(list).allSatisfy(x -> assertThat(x.deferredFields()).isEmpty());
        assertThat(list.get(2).views).isEqualTo(11);
        assertThat(list.get(0).author.id()).isEqualTo(list.get(1).author.id());
        assertThat(a.body()).isEqualTo("A long body about engines.");   // loaded: strict has nothing to refuse

        Article one = orm.objects(Article_.TYPE).get(Article_.SLUG.eq("notes"));
        assertThat(orm.loadDeferred(one).body).isEqualTo("Notes on the analytical engine.");
    }

    @AllEngines
    void badInputIsRefusedWithMessagesAndWritesNothing(Scratch s) throws Exception {
        Orm orm = orm(s, false);
        var articles = orm.objects(Article_.TYPE);
        assertThatThrownBy(() -> articles.only(Blogger_.EMAIL)).isInstanceOf(OrmUsageException.class)
                .hasMessageContaining("only(dfr_blogger.email) on a query of Article: not a field of Article");
        assertThatThrownBy(() -> articles.defer(Article_.ID)).isInstanceOf(OrmUsageException.class)
                .hasMessageContaining("Article.id is the primary key, which is always loaded");
        assertThatThrownBy(() -> articles.defer(Article_.AUTHOR.table().id)).isInstanceOf(OrmUsageException.class)
                .hasMessageContaining("Blogger.id is the primary key");
        assertThatThrownBy(articles::only).isInstanceOf(OrmUsageException.class)
                .hasMessageContaining("only() names no field");
        assertThatThrownBy(() -> articles.only(Article_.AUTHOR.table().email).list())
                .isInstanceOf(OrmUsageException.class)
                .hasMessageContaining("dfr_blogger AS r_author.email, which is not a column this query of Article reads")
                .hasMessageContaining("selectRelated");
        assertThatThrownBy(() -> articles.defer(Article_.AUTHOR_ID).selectRelated(Article_.AUTHOR).list())
                .isInstanceOf(OrmUsageException.class)
                .hasMessageContaining("defer(dfr_article.author_id) contradicts following Article.author");

        Article a = articles.only(Article_.TITLE).get(Article_.SLUG.eq("engines"));
        assertThatThrownBy(a::misspelled).isInstanceOf(OrmUsageException.class)
                .hasMessageContaining("ensureLoaded(\"bodyy\"): Article has no field 'bodyy'");
        List<Object> before = raw(s, "engines");
        assertThatThrownBy(() -> articles.bulkUpdate(List.of(a), "title", "summary"))
                .isInstanceOf(OrmUsageException.class)
                .hasMessageContaining(".summary is deferred (not loaded) and not set");
        assertThat(raw(s, "engines")).isEqualTo(before);

        // an instance deleted through the ORM has no row to load from
        Article gone = articles.only(Article_.TITLE).get(Article_.SLUG.eq("poetry"));
        orm.delete(gone);
        assertThatThrownBy(gone::body).isInstanceOf(OrmUsageException.class)
                .hasMessageContaining("cannot be loaded: the instance was deleted");

        // the row is gone before the deferred fields are loaded
        orm.objects(Article_.TYPE).filter(Article_.SLUG.eq("engines")).delete();
        assertThatThrownBy(a::body).isInstanceOf(DoesNotExist.class)
                .hasMessageContaining("deferred fields [slug, views, status, summary, body, author] cannot be loaded");
    }
}
