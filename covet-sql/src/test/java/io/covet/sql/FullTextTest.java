package io.covet.sql;

import io.covet.core.Database;
import io.covet.core.Row;
import io.covet.core.engine.Engine;
import io.covet.testing.AllEngines;
import io.covet.testing.Scratch;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;

import static io.covet.sql.Docs.DOCS;
import static io.covet.sql.Rows.longs;
import static io.covet.sql.Sql.select;
import static org.assertj.core.api.Assertions.assertThat;

/** Full-text search through one API, each engine with its real index: GIN tsvector, FULLTEXT, FTS5. */
class FullTextTest {
    private static final FullText SEARCH = FullText.index("docs_search", DOCS.ID, DOCS.TITLE, DOCS.BODY);

    private static void createDocs(Database db) {
        String key = db.dialect().family() == Engine.SQLITE ? "INTEGER PRIMARY KEY" : "BIGINT PRIMARY KEY";
        db.sql("CREATE TABLE docs (id " + key + ", title VARCHAR(200), body TEXT)").execute();
        Sql.insertInto(DOCS).columns(DOCS.ID, DOCS.TITLE, DOCS.BODY)
                .values(1L, "The quick brown fox", "jumps over the lazy dog")
                .values(2L, "Lazy afternoon", "a dog sleeps in the sun")
                .execute(db);
        for (String ddl : SEARCH.createStatements(db.dialect())) {
            db.sql(ddl).execute();
        }
        // Rows added after the index exists are indexed too (SQLite through the triggers).
        Sql.insertInto(DOCS).columns(DOCS.ID, DOCS.TITLE, DOCS.BODY)
                .values(3L, "Quick thinking", "quick quick quick answers")
                .values(4L, "Unrelated", null)
                .execute(db);
    }

    private static List<Long> search(Database db, String text) {
        return longs(select(DOCS.ID).from(DOCS).where(SEARCH.matches(text)).orderBy(DOCS.ID).fetch(db), 0);
    }

    @AllEngines
    void matchesEveryWordAndRanksByRelevance(Scratch s) {
        Database db = s.db();
        createDocs(db);
        assertThat(search(db, "lazy dog")).containsExactly(1L, 2L);
        assertThat(search(db, "lazy fox")).containsExactly(1L);
        assertThat(search(db, "nothing like this")).isEmpty();
        // Search operators and punctuation in user input are plain words, never query syntax.
        assertThat(search(db, "\"lazy\" -dog* OR (NEAR)")).isEmpty();
        assertThat(search(db, "  lazy,   dog! ")).containsExactly(1L, 2L);
        assertThat(search(db, "")).isEmpty();

        Field<Double> rank = SEARCH.rank("quick").as("rank");
        List<Row> ranked = select(DOCS.ID, rank).from(DOCS).where(SEARCH.matches("quick"))
                .orderBy(rank.desc()).fetch(db);
        assertThat(longs(ranked, 0)).containsExactly(3L, 1L);
        assertThat(((Number) ranked.get(0).get(1)).doubleValue())
                .isGreaterThan(((Number) ranked.get(1).get(1)).doubleValue());
    }

    @AllEngines
    void theIndexFollowsUpdatesAndDeletes(Scratch s) {
        Database db = s.db();
        createDocs(db);
        Sql.update(DOCS).set(DOCS.BODY, "a sleepy cat").where(DOCS.ID.eq(2L)).execute(db);
        Sql.deleteFrom(DOCS).where(DOCS.ID.eq(1L)).execute(db);
        assertThat(search(db, "dog")).isEmpty();
        assertThat(search(db, "sleepy cat")).containsExactly(2L);
    }

    @AllEngines
    void theQueryUsesTheIndex(Scratch s) throws Exception {
        Database db = s.db();
        createDocs(db);
        RenderedSql q = select(DOCS.ID).from(DOCS).where(SEARCH.matches("lazy dog")).render(db.dialect());
        String plan = db.withConnection(c -> {
            if (s.engine() == Engine.POSTGRESQL) {
                // Four rows would be scanned anyway; forbid that to see whether the index can serve the query.
                c.createStatement().execute("SET enable_seqscan = off");
            }
            String explain = (s.engine() == Engine.SQLITE ? "EXPLAIN QUERY PLAN " : "EXPLAIN ") + q.sql();
            StringBuilder sb = new StringBuilder();
            try (PreparedStatement ps = c.prepareStatement(explain)) {
                for (int i = 0; i < q.params().size(); i++) {
                    ps.setObject(i + 1, q.params().get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                            sb.append(rs.getString(i)).append(' ');
                        }
                    }
                }
            } finally {
                if (s.engine() == Engine.POSTGRESQL) {
                    c.createStatement().execute("RESET enable_seqscan");
                }
            }
            return sb.toString();
        });
        switch (s.engine()) {
            case POSTGRESQL -> assertThat(plan).contains("Bitmap Index Scan on docs_search");
            case MARIADB -> assertThat(plan).contains("fulltext").contains("docs_search");
            default -> assertThat(plan).contains("VIRTUAL TABLE INDEX").contains("docs_search");
        }
    }
}
