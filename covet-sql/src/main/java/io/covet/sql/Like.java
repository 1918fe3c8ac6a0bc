package io.covet.sql;

/**
 * {@code field [NOT] LIKE pattern}. With {@code escaped} the pattern was built from literal text whose wildcards
 * were escaped with {@code !}; {@code !} rather than backslash because MariaDB treats a backslash in a string
 * literal as an escape of its own.
 */
record Like(Field<?> field, Field<String> pattern, boolean negated, boolean escaped) implements CondNode {
    static String escape(String literal) {
        if (literal == null) {
            throw new IllegalArgumentException("the text to match must not be null; use isNull()");
        }
        StringBuilder sb = new StringBuilder(literal.length() + 4);
        for (int i = 0; i < literal.length(); i++) {
            char c = literal.charAt(i);
            if (c == '!' || c == '%' || c == '_') {
                sb.append('!');
            }
            sb.append(c);
        }
        return sb.toString();
    }

    @Override
    public void render(Ctx ctx) {
        ctx.visit(field).sql(negated ? " NOT LIKE " : " LIKE ").visit(pattern);
        if (escaped) {
            ctx.sql(" ESCAPE '!'");
        }
    }
}
