package io.covet.cli.migrate;

import io.covet.migrate.SchemaSource;
import io.covet.schema.Column;
import io.covet.schema.ColumnType;
import io.covet.schema.ForeignKey;
import io.covet.schema.OnDelete;
import io.covet.schema.Schema;
import io.covet.schema.Table;

import java.util.List;
import java.util.Map;

/** Two versions of a tiny model set, as SchemaSource classes the CLI loads by name. */
final class Models {
    static final ColumnType BIG = ColumnType.of(ColumnType.Kind.BIGINT);

    private Models() {
    }

    static Table author(String nameColumn) {
        return Table.of("author", List.of(Column.autoIncrement("id", BIG), Column.of(nameColumn, ColumnType.varchar(80))),
                List.of("id"));
    }

    static Table book() {
        return new Table("book", List.of(Column.autoIncrement("id", BIG), Column.of("author_id", BIG)), List.of("id"),
                List.of(), List.of(), List.of(), List.of(new ForeignKey("book_author_id_fk", List.of("author_id"),
                "author", List.of("id"), OnDelete.CASCADE)));
    }

    /** Version 1. */
    public static final class V1 implements SchemaSource {
        private final SchemaSource s = SchemaSource.of(Map.of("lib", List.of(author("name"), book())));

        @Override
        public Schema schema() {
            return s.schema();
        }

        @Override
        public String appOf(String table) {
            return s.appOf(table);
        }
    }

    /** Version 2: a column renamed. */
    public static final class V2 implements SchemaSource {
        private final SchemaSource s = SchemaSource.of(Map.of("lib", List.of(author("full_name"), book())));

        @Override
        public Schema schema() {
            return s.schema();
        }

        @Override
        public String appOf(String table) {
            return s.appOf(table);
        }
    }
}
