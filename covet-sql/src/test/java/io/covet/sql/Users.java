package io.covet.sql;

/** Test metamodel of {@code users}, written the way the ORM will generate one. */
final class Users extends Table {
    static final Users USERS = new Users(null);

    final Column<Long> ID = column("id", Long.class);
    final Column<String> EMAIL = column("email", String.class);
    final Column<String> NAME = column("name", String.class);
    final Column<String> COUNTRY = column("country", String.class);
    final Column<Boolean> ACTIVE = column("active", Boolean.class);

    private Users(String alias) {
        super(null, "users", alias);
    }

    @Override
    public Users as(String alias) {
        return new Users(alias);
    }
}
