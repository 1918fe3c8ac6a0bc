package io.covet.schema;

import io.covet.core.engine.Engine;

import java.util.List;

/** A schema that uses every part of the state: types, defaults, keys, constraints, indexes, FKs, a join table. */
final class Fixtures {
    private Fixtures() {
    }

    static Schema library(Engine engine) {
        Table author = new Table("author", List.of(
                Column.autoIncrement("id", ColumnType.of(ColumnType.Kind.BIGINT)),
                Column.of("name", ColumnType.varchar(100)),
                Column.nullable("email", ColumnType.varchar(200)),
                Column.of("active", ColumnType.of(ColumnType.Kind.BOOLEAN)).withDefault(ColumnDefault.value("true")),
                Column.of("rating", ColumnType.decimal(5, 2)).withDefault(ColumnDefault.value("0")),
                Column.of("created", ColumnType.of(ColumnType.Kind.TIMESTAMP))
                        .withDefault(ColumnDefault.expression("CURRENT_TIMESTAMP")),
                Column.nullable("bio", ColumnType.of(ColumnType.Kind.TEXT)),
                Column.of("motto", ColumnType.varchar(40)).withDefault(ColumnDefault.value("it's \\ fine"))),
                List.of("id"), List.of(new UniqueConstraint("author_email_uniq", List.of("email"))),
                List.of(new CheckConstraint("author_rating_check", "rating >= 0")), List.of(), List.of());
        Index partial = new Index("book_cheap_idx", List.of("price"), false, "price > 0");
        Table book = new Table("book", List.of(
                Column.autoIncrement("id", ColumnType.of(ColumnType.Kind.BIGINT)),
                Column.of("author_id", ColumnType.of(ColumnType.Kind.BIGINT)),
                Column.of("title", ColumnType.varchar(200)),
                Column.of("price", ColumnType.decimal(10, 2)),
                Column.nullable("published", ColumnType.of(ColumnType.Kind.DATE)),
                Column.nullable("meta", ColumnType.of(ColumnType.Kind.JSON)),
                Column.of("pages", ColumnType.of(ColumnType.Kind.INTEGER)).withDefault(ColumnDefault.value("-1")),
                Column.nullable("ratio", ColumnType.of(ColumnType.Kind.DOUBLE)),
                Column.nullable("cover", ColumnType.of(ColumnType.Kind.BYTES)),
                Column.nullable("isbn", ColumnType.fixedChar(13)),
                Column.nullable("stamp", ColumnType.of(ColumnType.Kind.TIMESTAMPTZ)),
                Column.nullable("ident", ColumnType.of(ColumnType.Kind.UUID))),
                List.of("id"), List.of(), List.of(),
                engine.family() == Engine.MARIADB
                        ? List.of(Index.of("book_title_idx", List.of("title")),
                        new Index("book_isbn_uniq_idx", List.of("isbn"), true, null))
                        : List.of(Index.of("book_title_idx", List.of("title")),
                        new Index("book_isbn_uniq_idx", List.of("isbn"), true, null), partial),
                List.of(new ForeignKey("book_author_fk", List.of("author_id"), "author", List.of("id"),
                        OnDelete.CASCADE)));
        Table tag = new Table("tag", List.of(Column.of("code", ColumnType.fixedChar(3)),
                Column.of("label", ColumnType.varchar(50)).withDefault(ColumnDefault.value("x'y")),
                Column.of("weight", ColumnType.of(ColumnType.Kind.SMALLINT)).withDefault(ColumnDefault.value("1"))),
                List.of("code"), List.of(), List.of(), List.of(), List.of());
        Table bookTag = new Table("book_tag", List.of(Column.of("book_id", ColumnType.of(ColumnType.Kind.BIGINT)),
                Column.of("tag_code", ColumnType.fixedChar(3))), List.of("book_id", "tag_code"), List.of(), List.of(),
                List.of(), List.of(new ForeignKey("book_tag_book_fk", List.of("book_id"), "book", List.of("id"),
                        OnDelete.CASCADE), new ForeignKey("book_tag_tag_fk", List.of("tag_code"), "tag",
                        List.of("code"), OnDelete.RESTRICT)));
        return Schema.of(List.of(author, book, tag, bookTag));
    }
}
