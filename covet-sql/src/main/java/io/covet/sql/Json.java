package io.covet.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * JSON: a value type for JSON documents and the JSON operations, mapped to JSONB operators on PostgreSQL,
 * {@code JSON_*} functions on MariaDB and json1 on SQLite. Declare JSON columns as {@code Column<Json>}
 * ({@code jsonb} on PostgreSQL, {@code JSON} on MariaDB, {@code TEXT} on SQLite); a bound {@code Json} is sent
 * as text and cast to {@code jsonb} on PostgreSQL.
 *
 * <p>Paths are lists of object keys ({@code String}) and array indexes ({@code Integer}); they are bound
 * parameters, never SQL text. Keys may not contain {@code "} or {@code \}, which would change the meaning of
 * a MariaDB or SQLite path.
 */
public final class Json {
    private final String text;

    private Json(String text) {
        this.text = text;
    }

    /** A JSON document from its text; the engine validates it when it is stored or used. */
    public static Json of(String text) {
        return new Json(Objects.requireNonNull(text, "text"));
    }

    /** The document's text. */
    public String text() {
        return text;
    }

    /**
     * The JSON value at a path, as JSON ({@code jsonb} on PostgreSQL, JSON text elsewhere); NULL when absent:
     * {@code (doc -> ? -> ?)} on PostgreSQL, {@code JSON_EXTRACT(doc, ?)} on MariaDB, {@code (doc -> ?)} on SQLite.
     */
    public static Field<Json> extract(Field<Json> document, Object... path) {
        return new JsonExtract<>(document, path(path), false, Json.class);
    }

    /**
     * The value at a path as text (a JSON string unquoted; numbers and booleans as their text), NULL when absent or
     * JSON null: {@code ->>} on PostgreSQL, {@code JSON_UNQUOTE(JSON_EXTRACT(…))} on MariaDB, {@code ->>} cast to
     * TEXT on SQLite.
     */
    public static Field<String> extractText(Field<Json> document, Object... path) {
        return new JsonExtract<>(document, path(path), true, String.class);
    }

    /**
     * Whether the document contains {@code candidate}: every key/value of the candidate appears at the same place
     * in the document. PostgreSQL {@code @>}, MariaDB {@code JSON_CONTAINS}; on SQLite (no such function) the
     * candidate's scalar leaves are matched by path through {@code json_tree}, so arrays match element by position
     * there, while PostgreSQL and MariaDB accept array elements in any position.
     */
    public static Condition contains(Field<Json> document, Json candidate) {
        return new JsonContains(document, Param.of(Objects.requireNonNull(candidate, "candidate"), Json.class));
    }

    /**
     * Whether a top-level key exists (also when its value is JSON null): PostgreSQL {@code ?} (written {@code ??}
     * for the JDBC driver), MariaDB {@code JSON_CONTAINS_PATH}, SQLite {@code json_type(…) IS NOT NULL}.
     */
    public static Condition hasKey(Field<Json> document, String key) {
        return new JsonHasKey(document, checkKey(key));
    }

    /**
     * The values of a group as a JSON array, in the given order: {@code jsonb_agg} / {@code JSON_ARRAYAGG} /
     * {@code json_group_array}. An ORDER BY needs MariaDB 10.5+ and SQLite 3.44+.
     */
    public static AggregateFunction<Json> arrayAgg(Field<?> value, OrderField... orderBy) {
        List<SortField> order = new ArrayList<>();
        for (OrderField f : orderBy) {
            order.add(SortField.of(f));
        }
        return new Agg<>(List.of("jsonb_agg", "JSON_ARRAYAGG", "json_group_array"), List.of(value), false,
                List.copyOf(order), NoCondition.INSTANCE, Json.class);
    }

    /**
     * The key/value pairs of a group as a JSON object: {@code jsonb_object_agg} / {@code JSON_OBJECTAGG} /
     * {@code json_group_object}.
     */
    public static AggregateFunction<Json> objectAgg(Field<String> key, Field<?> value) {
        return new Agg<>(List.of("jsonb_object_agg", "JSON_OBJECTAGG", "json_group_object"), List.of(key, value),
                false, List.of(), NoCondition.INSTANCE, Json.class);
    }

    private static List<Object> path(Object[] path) {
        if (path.length == 0) {
            throw new IllegalArgumentException("a JSON path needs at least one key or index");
        }
        List<Object> out = new ArrayList<>(path.length);
        for (Object p : path) {
            if (p instanceof String s) {
                out.add(checkKey(s));
            } else if (p instanceof Integer i && i >= 0) {
                out.add(i);
            } else {
                throw new IllegalArgumentException("a JSON path step must be a String key or a non-negative Integer "
                        + "index, was " + p);
            }
        }
        return out;
    }

    private static String checkKey(String key) {
        Objects.requireNonNull(key, "key");
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c == '"' || c == '\\' || Character.isISOControl(c)) {
                throw new IllegalArgumentException("JSON key " + key.replaceAll("\\p{Cntrl}", "?")
                        + " contains a quote, backslash or control character, which MariaDB and SQLite paths cannot "
                        + "express safely");
            }
        }
        return key;
    }

    /** The path as MariaDB/SQLite path text: {@code $."a"[0]."b"}; keys were checked by {@link #checkKey}. */
    static String pathText(List<Object> steps) {
        StringBuilder sb = new StringBuilder("$");
        for (Object s : steps) {
            if (s instanceof Integer i) {
                sb.append('[').append(i).append(']');
            } else {
                sb.append(".\"").append(s).append('"');
            }
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Json j && j.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
