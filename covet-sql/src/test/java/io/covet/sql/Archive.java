package io.covet.sql;

/** Test metamodel of {@code users_archive}, used by the documentation snippets. */
final class Archive extends Table {
    static final Archive ARCHIVE = new Archive(null);

    final Column<Long> ID = column("id", Long.class);
    final Column<String> EMAIL = column("email", String.class);

    private Archive(String alias) {
        super(null, "users_archive", alias);
    }

    @Override
    public Archive as(String alias) {
        return new Archive(alias);
    }
}
