package io.covet.sql;

import io.covet.core.dialect.Dialect;
import io.covet.core.engine.Engine;
import io.covet.core.dialect.Feature;
import io.covet.core.dialect.InvalidIdentifierException;
import io.covet.core.error.UnsupportedFeature;

import java.util.ArrayList;
import java.util.List;

/**
 * Where nodes write SQL text and bound values, in order. One per render; not thread-safe.
 *
 * <p>In dry mode (a render-cache hit) no text is written and identifiers are not re-validated: the cached text of
 * the identical shape was produced, and its identifiers validated, on the miss. Only the parameters are collected,
 * by the very same render code, so their order always matches the cached text.
 */
final class Ctx {
    private final Dialect dialect;
    private final Engine family;
    private final StringBuilder sb;
    private final ArrayList<Object> params = new ArrayList<>();
    /** The named tables written, in first-seen order; only collected when text is written (not in dry mode). */
    private final ArrayList<String> tables;
    private Clause clause = Clause.OTHER;
    private boolean qualify = true;

    private Ctx(Dialect dialect, boolean dry) {
        this.dialect = dialect;
        this.family = dialect.family();
        this.sb = dry ? null : new StringBuilder(256);
        this.tables = dry ? null : new ArrayList<>(2);
    }

    /** Records a named table the statement touches, for the runtime's interceptors (full renders only). */
    void table(String schema, String name) {
        if (tables != null) {
            String t = schema == null ? name : schema + "." + name;
            if (!tables.contains(t)) {
                tables.add(t);
            }
        }
    }

    /** The named tables written, in first-seen order; empty in dry mode. */
    List<String> tables() {
        return tables == null ? List.of() : List.copyOf(tables);
    }

    static Ctx full(Dialect dialect) {
        return new Ctx(dialect, false);
    }

    static Ctx dry(Dialect dialect) {
        return new Ctx(dialect, true);
    }

    Dialect dialect() {
        return dialect;
    }

    /** The dialect family: {@link Engine#POSTGRESQL}, {@link Engine#MARIADB} or {@link Engine#SQLITE}. */
    Engine family() {
        return family;
    }

    boolean supports(Feature feature) {
        return dialect.supports(feature);
    }

    /** An {@link UnsupportedFeature} naming this engine, what was asked and what to do instead. */
    UnsupportedFeature unsupported(String feature, String alternative) {
        return new UnsupportedFeature(dialect.engine(), feature, alternative);
    }

    Ctx sql(String text) {
        if (sb != null) {
            sb.append(text);
        }
        return this;
    }

    Ctx sql(char c) {
        if (sb != null) {
            sb.append(c);
        }
        return this;
    }

    /** Writes an identifier, validated and quoted by the dialect. */
    Ctx id(String name) {
        if (sb != null) {
            dialect.quoteInto(sb, name);
        }
        return this;
    }

    /** Writes a {@code ?} and records its value. */
    Ctx param(Object value) {
        params.add(value);
        return sql('?');
    }

    Ctx visit(Object node) {
        if (node instanceof Node n) {
            n.render(this);
        } else if (node instanceof SortField s) {
            s.render(this);
        } else if (node instanceof Asterisk a) {
            a.render(this);
        } else if (node instanceof Assignment a) {
            a.render(this);
        } else if (node instanceof WindowSpec w) {
            w.render(this);
        } else {
            // The public value classes above keep their rendering package-private; every other node is a Node.
            ((Frame) node).render(this);
        }
        return this;
    }

    /** Renders nodes separated by {@code ", "}. */
    Ctx list(List<?> nodes) {
        for (int i = 0, n = nodes.size(); i < n; i++) {
            if (i > 0) {
                sql(", ");
            }
            visit(nodes.get(i));
        }
        return this;
    }

    Clause clause() {
        return clause;
    }

    /** Sets the clause being written and returns the previous one, to restore afterwards. */
    Clause clause(Clause next) {
        Clause previous = clause;
        clause = next;
        return previous;
    }

    boolean qualify() {
        return qualify;
    }

    /** Sets whether columns are written with their table qualifier; returns the previous setting. */
    boolean qualify(boolean next) {
        boolean previous = qualify;
        qualify = next;
        return previous;
    }

    /** Renders a node with column qualifiers switched off (INSERT column lists, SET targets, USING lists). */
    Ctx unqualified(Object node) {
        boolean previous = qualify(false);
        visit(node);
        qualify(previous);
        return this;
    }

    List<Object> params() {
        return params;
    }

    /** The text written; only in full mode. */
    String text() {
        return sb.toString();
    }
}
