package io.covet.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * A raw SQL fragment: the text split at each {@code ?}, and one argument per {@code ?} that is either a bound
 * value or a {@link Field}/{@link Condition} rendered in its place. Text is never built from the arguments.
 * {@code ?} inside single-quoted literals or double-quoted names does not count.
 */
record Raw<T>(List<String> parts, List<Object> args, Class<T> type) implements FieldNode<T>, CondNode {

    static <T> Raw<T> of(String sql, Class<T> type, Object[] args) {
        List<String> parts = split(sql);
        if (parts.size() - 1 != args.length) {
            throw new IllegalArgumentException("the raw SQL has " + (parts.size() - 1) + " placeholder(s) but "
                    + args.length + " argument(s) were given: " + sql);
        }
        List<Object> wrapped = new ArrayList<>(args.length);
        for (Object a : args) {
            wrapped.add(a instanceof Field<?> || a instanceof Condition ? a : wrap(a));
        }
        return new Raw<>(List.copyOf(parts), List.copyOf(wrapped), type);
    }

    @SuppressWarnings("unchecked")
    private static Param<Object> wrap(Object value) {
        return value == null ? Param.of(null, Object.class) : Param.of(value, (Class<Object>) value.getClass());
    }

    static List<String> split(String sql) {
        List<String> parts = new ArrayList<>();
        int start = 0;
        char quote = 0;
        for (int i = 0; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"' || c == '`') {
                quote = c;
            } else if (c == '?') {
                parts.add(sql.substring(start, i));
                start = i + 1;
            }
        }
        if (quote != 0) {
            throw new IllegalArgumentException("the raw SQL has an unterminated " + quote + " quote: " + sql);
        }
        parts.add(sql.substring(start));
        return parts;
    }

    @Override
    public void render(Ctx ctx) {
        ctx.sql(parts.get(0));
        for (int i = 0; i < args.size(); i++) {
            ctx.visit(args.get(i)).sql(parts.get(i + 1));
        }
    }
}
