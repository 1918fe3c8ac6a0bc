package io.covet.sql;

import io.covet.core.dialect.Dialect;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Full-text search over some text columns of one table, behind one API:
 * <ul>
 *   <li>PostgreSQL: {@code to_tsvector(lang, cols) @@ plainto_tsquery(lang, ?)}, ranked by {@code ts_rank}, with a
 *       GIN expression index;</li>
 *   <li>MariaDB/MySQL: {@code MATCH (cols) AGAINST (? IN BOOLEAN MODE)} with a {@code FULLTEXT} index, ranked by
 *       the same MATCH score;</li>
 *   <li>SQLite: an external-content FTS5 table kept in sync by triggers, {@code MATCH} on it, ranked by
 *       {@code bm25} (negated).</li>
 * </ul>
 * {@link #createStatements(Dialect)} writes the DDL for the engine; the query must use the same columns and
 * language as the index, which this one object guarantees.
 *
 * <p>Semantics: a row matches when it contains every word of the search text (letters and digits; punctuation and
 * search operators are dropped, so user input cannot inject query syntax). Stemming is the engine's: PostgreSQL
 * stems with the language, SQLite uses the porter stemmer, MariaDB does not stem and ignores words shorter than
 * three characters and InnoDB's default stopwords. Ranks are "larger is more relevant" on every engine; their
 * scales differ. Immutable.
 */
public final class FullText {
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");
    private static final Pattern LANGUAGE = Pattern.compile("[a-z_]{1,63}");
    // InnoDB's default full-text stopwords (INFORMATION_SCHEMA.INNODB_FT_DEFAULT_STOPWORD): a required stopword
    // would make a boolean-mode search match nothing.
    private static final Set<String> INNODB_STOPWORDS = Set.of("a", "about", "an", "are", "as", "at", "be", "by",
            "com", "de", "en", "for", "from", "how", "i", "in", "is", "it", "la", "of", "on", "or", "that", "the",
            "this", "to", "und", "was", "what", "when", "where", "who", "will", "with", "www");

    private final String name;
    private final Column<?> key;
    private final List<Column<String>> columns;
    private final String language;

    private FullText(String name, Column<?> key, List<Column<String>> columns, String language) {
        this.name = name;
        this.key = key;
        this.columns = columns;
        this.language = language;
    }

    /**
     * A full-text index named {@code name} (the PostgreSQL/MariaDB index, the SQLite FTS5 table) over
     * {@code columns} of the key's table, in English.
     *
     * @param key the table's integer primary key (SQLite links the FTS5 rows to it through rowid)
     */
    @SafeVarargs
    @SuppressWarnings("varargs") // the array is only copied
    public static FullText index(String name, Column<?> key, Column<String>... columns) {
        Objects.requireNonNull(key, "key");
        if (key.table() == null) {
            throw new IllegalArgumentException("the key column must belong to a table");
        }
        if (columns.length == 0) {
            throw new IllegalArgumentException("name at least one text column to index");
        }
        for (Column<String> c : columns) {
            if (!key.table().equals(c.table())) {
                throw new IllegalArgumentException("column " + c + " is not in table " + key.table());
            }
        }
        return new FullText(Objects.requireNonNull(name, "name"), key, List.of(columns), "english");
    }

    /**
     * This index with another PostgreSQL text-search configuration ({@code english}, {@code simple},
     * {@code german}…); only lower-case letters and underscores are accepted, since it is written into the SQL.
     */
    public FullText language(String configuration) {
        if (configuration == null || !LANGUAGE.matcher(configuration).matches()) {
            throw new IllegalArgumentException("a text-search configuration is lower-case letters and underscores, "
                    + "was " + configuration);
        }
        return new FullText(name, key, columns, configuration);
    }

    /** Rows containing every word of {@code text}; see the class comment for the per-engine details. */
    public Condition matches(String text) {
        return new TextSearch(this, Param.of(Objects.requireNonNull(text, "text"), String.class), false);
    }

    /**
     * The relevance of each row for {@code text}, larger is more relevant: {@code ts_rank} on PostgreSQL, the
     * MATCH score on MariaDB, {@code -bm25} on SQLite. Combine it with {@link #matches(String)} in WHERE.
     */
    public Field<Double> rank(String text) {
        return new TextSearch(this, Param.of(Objects.requireNonNull(text, "text"), String.class), true);
    }

    /**
     * The DDL that creates this index on the engine, in order: PostgreSQL a GIN expression index; MariaDB a
     * FULLTEXT index; SQLite the FTS5 table, three triggers that keep it in sync with the table, and a rebuild
     * that indexes the rows already there. Identifiers are validated and quoted.
     */
    public List<String> createStatements(Dialect dialect) {
        Ctx ctx = Ctx.full(dialect);
        Table table = key.table();
        List<String> out = new ArrayList<>();
        switch (dialect.family()) {
            case POSTGRESQL -> {
                ctx.sql("CREATE INDEX ").id(name).sql(" ON ");
                table.renderName(ctx);
                ctx.qualify(false);
                ctx.sql(" USING GIN ((");
                tsvector(ctx);
                ctx.sql("))");
                out.add(ctx.text());
            }
            case MARIADB -> {
                ctx.sql("CREATE FULLTEXT INDEX ").id(name).sql(" ON ");
                table.renderName(ctx);
                ctx.sql(" (").unqualified(columns.get(0));
                for (int i = 1; i < columns.size(); i++) {
                    ctx.sql(", ").unqualified(columns.get(i));
                }
                out.add(ctx.sql(')').text());
            }
            default -> {
                dialect.validate(table.name());
                dialect.validate(key.name());
                out.add(sqlite(dialect, "CREATE VIRTUAL TABLE %f USING fts5(%c, content='" + table.name()
                        + "', content_rowid='" + key.name() + "', tokenize='porter unicode61')"));
                out.add(sqlite(dialect, "CREATE TRIGGER %n_ai AFTER INSERT ON %t BEGIN "
                        + "INSERT INTO %f(rowid, %c) VALUES (new.%k, %new); END"));
                out.add(sqlite(dialect, "CREATE TRIGGER %n_ad AFTER DELETE ON %t BEGIN "
                        + "INSERT INTO %f(%f, rowid, %c) VALUES ('delete', old.%k, %old); END"));
                out.add(sqlite(dialect, "CREATE TRIGGER %n_au AFTER UPDATE ON %t BEGIN "
                        + "INSERT INTO %f(%f, rowid, %c) VALUES ('delete', old.%k, %old); "
                        + "INSERT INTO %f(rowid, %c) VALUES (new.%k, %new); END"));
                out.add(sqlite(dialect, "INSERT INTO %f(%f) VALUES ('rebuild')"));
            }
        }
        return List.copyOf(out);
    }

    private String sqlite(Dialect d, String template) {
        List<String> cols = new ArrayList<>();
        List<String> news = new ArrayList<>();
        List<String> olds = new ArrayList<>();
        for (Column<String> c : columns) {
            cols.add(d.quote(c.name()));
            news.add("new." + d.quote(c.name()));
            olds.add("old." + d.quote(c.name()));
        }
        return template.replace("%new", String.join(", ", news)).replace("%old", String.join(", ", olds))
                .replace("%c", String.join(", ", cols)).replace("%f", d.quote(name))
                .replace("%n_ai", d.quote(name + "_ai")).replace("%n_ad", d.quote(name + "_ad"))
                .replace("%n_au", d.quote(name + "_au")).replace("%t", d.quote(key.table().name()))
                .replace("%k", d.quote(key.name()));
    }

    /** {@code to_tsvector('lang', coalesce(a, '') || ' ' || coalesce(b, ''))}, identical in index and query. */
    void tsvector(Ctx ctx) {
        ctx.sql("to_tsvector('").sql(language).sql("', ");
        for (int i = 0; i < columns.size(); i++) {
            if (i > 0) {
                ctx.sql(" || ' ' || ");
            }
            ctx.sql("coalesce(").visit(columns.get(i)).sql(", '')");
        }
        ctx.sql(')');
    }

    void tsquery(Ctx ctx, String text) {
        ctx.sql("plainto_tsquery('").sql(language).sql("', ").param(text).sql(')');
    }

    void matchAgainst(Ctx ctx, String text) {
        ctx.sql("MATCH (").list(columns).sql(") AGAINST (").param(booleanQuery(text)).sql(" IN BOOLEAN MODE)");
    }

    String ftsTable() {
        return name;
    }

    Column<?> key() {
        return key;
    }

    /** MariaDB boolean-mode query requiring each word: {@code +quick +fox}. */
    static String booleanQuery(String text) {
        StringBuilder sb = new StringBuilder();
        Matcher m = WORD.matcher(text);
        while (m.find()) {
            String w = m.group();
            if (sb.length() > 0) {
                sb.append(' ');
            }
            if (w.length() >= 3 && !INNODB_STOPWORDS.contains(w.toLowerCase(Locale.ROOT))) {
                sb.append('+');
            }
            sb.append(w);
        }
        return sb.toString();
    }

    /** FTS5 query of quoted words (an implicit AND): {@code "quick" "fox"}; {@code ""} matches nothing. */
    static String fts5Query(String text) {
        StringBuilder sb = new StringBuilder();
        Matcher m = WORD.matcher(text);
        while (m.find()) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append('"').append(m.group()).append('"');
        }
        return sb.length() == 0 ? "\"\"" : sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FullText f && f.name.equals(name) && f.key.equals(key) && f.columns.equals(columns)
                && f.language.equals(language);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, key, columns, language);
    }

    @Override
    public String toString() {
        return "FullText[" + name + " on " + columns + "]";
    }
}
