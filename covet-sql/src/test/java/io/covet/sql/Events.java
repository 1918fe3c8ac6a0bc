package io.covet.sql;

/** Test metamodel of {@code events}, with a JSON document column. */
final class Events extends Table {
    static final Events EVENTS = new Events(null);

    final Column<Long> ID = column("id", Long.class);
    final Column<String> KIND = column("kind", String.class);
    final Column<Json> DATA = column("data", Json.class);

    private Events(String alias) {
        super(null, "events", alias);
    }

    @Override
    public Events as(String alias) {
        return new Events(alias);
    }
}
