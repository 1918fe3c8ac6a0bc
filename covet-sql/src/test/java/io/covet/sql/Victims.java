package io.covet.sql;

/** Test metamodel of {@code victims}, the table the injection payloads try to damage. */
final class Victims extends Table {
    static final Victims VICTIMS = new Victims(null);

    final Column<Long> ID = column("id", Long.class);
    final Column<String> NAME = column("name", String.class);

    private Victims(String alias) {
        super(null, "victims", alias);
    }

    @Override
    public Victims as(String alias) {
        return new Victims(alias);
    }
}
