package io.covet.sql;

/** Test metamodel of {@code category}, a tree through {@code parent_id}. */
final class Category extends Table {
    static final Category CATEGORY = new Category(null);

    final Column<Long> ID = column("id", Long.class);
    final Column<Long> PARENT_ID = column("parent_id", Long.class);
    final Column<String> NAME = column("name", String.class);

    private Category(String alias) {
        super(null, "category", alias);
    }

    @Override
    public Category as(String alias) {
        return new Category(alias);
    }
}
