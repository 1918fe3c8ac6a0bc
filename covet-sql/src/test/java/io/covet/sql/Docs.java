package io.covet.sql;

/** Test metamodel of {@code docs}, for full-text search. */
final class Docs extends Table {
    static final Docs DOCS = new Docs(null);

    final Column<Long> ID = column("id", Long.class);
    final Column<String> TITLE = column("title", String.class);
    final Column<String> BODY = column("body", String.class);

    private Docs(String alias) {
        super(null, "docs", alias);
    }

    @Override
    public Docs as(String alias) {
        return new Docs(alias);
    }
}
