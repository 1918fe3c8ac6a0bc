package io.covet.sql;

import io.covet.core.dialect.Dialect;
import io.covet.core.engine.Engine;
import io.covet.core.error.UnsupportedFeature;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Exact-text assertions of rendered SQL per dialect, offline. */
final class Golden {
    static final Dialect PG = Dialect.of(Engine.POSTGRESQL);
    static final Dialect MARIADB = Dialect.of(Engine.MARIADB);
    static final Dialect SQLITE = Dialect.of(Engine.SQLITE);
    /** Prefix of an expectation that rendering is refused; the rest is the exact message. */
    static final String REFUSED = "REFUSED: ";

    private Golden() {
    }

    /** Expects the same text on PostgreSQL and SQLite, and on MariaDB with backticks instead of double quotes. */
    static void same(Query q, String pgText) {
        check(q, pgText, pgText.replace('"', '`'), pgText);
    }

    static void check(Query q, String pg, String mariadb, String sqlite) {
        expect(q, PG, pg);
        expect(q, MARIADB, mariadb);
        expect(q, SQLITE, sqlite);
    }

    static void expect(Query q, Dialect d, String expected) {
        if (expected.equals("TODO")) {
            // Tooling for new goldens: print the text with the call's line, then fail so nothing passes unchecked.
            String actual;
            try {
                actual = q.render(d).sql();
            } catch (UnsupportedFeature e) {
                actual = REFUSED + e.getMessage();
            }
            int line = 0;
            for (StackTraceElement e : new Throwable().getStackTrace()) {
                String c = e.getClassName();
                if (c.startsWith("io.covet.sql.Golden") && !c.equals(Golden.class.getName())) {
                    line = e.getLineNumber();
                    break;
                }
            }
            System.out.println("GOLDEN " + line + " " + d.engine() + " " + actual);
            throw new AssertionError("no golden text yet for " + d.engine() + " at line " + line);
        }
        if (expected.startsWith(REFUSED)) {
            assertThatThrownBy(() -> q.render(d)).as(d.engine().displayName()).isInstanceOf(UnsupportedFeature.class)
                    .hasMessage(expected.substring(REFUSED.length()));
        } else {
            RenderedSql r = q.render(d);
            assertThat(r.sql()).as(d.engine().displayName()).isEqualTo(expected);
            assertThat(placeholders(r.sql())).as("placeholders vs parameters on %s", d.engine().displayName())
                    .isEqualTo(r.params().size());
        }
    }

    static void params(Query q, Dialect d, Object... expected) {
        assertThat(q.render(d).params()).containsExactlyElementsOf(java.util.Arrays.asList(expected));
    }

    /** Counts {@code ?} outside quotes, reading PostgreSQL's {@code ??} (escaped operator) as none. */
    static int placeholders(String sql) {
        int n = 0;
        char quote = 0;
        for (int i = 0; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (quote != 0) {
                quote = c == quote ? 0 : quote;
            } else if (c == '\'' || c == '"' || c == '`') {
                quote = c;
            } else if (c == '?') {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == '?') {
                    i++;
                } else {
                    n++;
                }
            }
        }
        return n;
    }

    static List<Dialect> all() {
        return List.of(PG, MARIADB, SQLITE);
    }
}
