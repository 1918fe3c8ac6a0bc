package io.covet.orm.internal;

import io.covet.orm.inherit.Book_;
import io.covet.orm.inherit.Film_;
import io.covet.orm.inherit.Item_;
import io.covet.orm.spi.FieldMeta;
import io.covet.orm.spi.InheritanceMeta;
import io.covet.orm.spi.ModelMeta;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The registry's checks of single-table hierarchies, for models compiled apart (where the processor cannot compare
 * them): a duplicate discriminator value, one column with two types, a subclass without its root.
 */
class SingleTablesTest {
    private static final String ITEM = Item_.META.name();

    private static Map<String, ModelMeta> metas(ModelMeta... ms) {
        Map<String, ModelMeta> out = new java.util.HashMap<>();
        for (ModelMeta m : ms) {
            out.put(m.name(), m);
        }
        return out;
    }

    @Test
    void aWellFormedHierarchyHasNoProblems() {
        assertThat(SingleTables.problems(metas(Item_.META, Book_.META, Film_.META))).isEmpty();
    }

    @Test
    void aDuplicateValueAndAColumnWithTwoTypesAreReported() {
        ModelMeta filmAsBook = Film_.META.withInheritance(InheritanceMeta.singleTable(ITEM, "kind", "book"));
        // Film's minutes (INTEGER) on Book's column isbn (STRING)
        List<FieldMeta> fields = new ArrayList<>(filmAsBook.fields());
        FieldMeta minutes = fields.get(fields.size() - 2);
        fields.set(fields.size() - 2, new FieldMeta(minutes.name(), "isbn", minutes.type(), minutes.javaType(), false,
                false, false, false, 0, 0, 0, null, null, List.of(), "", null));
        ModelMeta clash = new ModelMeta(filmAsBook.name(), filmAsBook.table(), fields, List.of(), List.of(), List.of(),
                List.of(), List.of(), List.of(), List.of(), false, null, null, filmAsBook.inheritance());
        assertThat(SingleTables.problems(metas(Item_.META, Book_.META, clash))).containsExactly(
                "single-table models Book and Film both have the discriminator value 'book': give one of them "
                        + "another @Model(discriminatorValue = ...)",
                "single-table subclasses Book and Film both map column isbn of table sti_item with different types "
                        + "(STRING, INTEGER): give both fields the same type or one of them another column with "
                        + "@Column(name = ...)");
    }

    @Test
    void theSharedTableHasEachSubclassColumnOnceAndNullable() {
        // Film's director moved onto Book's column isbn with Book's type: one column, no problem
        List<FieldMeta> fields = new ArrayList<>(Film_.META.fields());
        FieldMeta isbn = Book_.META.fields().get(Book_.META.indexOf("isbn"));
        fields.set(fields.size() - 1, new FieldMeta("director", "isbn", isbn.type(), isbn.javaType(), true, false,
                false, false, isbn.maxLength(), 0, 0, null, null, List.of(), "", null));
        ModelMeta film = new ModelMeta(Film_.META.name(), Film_.META.table(), fields, List.of(), List.of(), List.of(),
                List.of(), List.of(), List.of(), List.of(), false, null, null, Film_.META.inheritance());
        assertThat(SingleTables.problems(metas(Item_.META, Book_.META, film))).isEmpty();
        ModelMeta table = InheritanceMeta.sharedTable(Item_.META, List.of(Item_.META, Book_.META, film));
        assertThat(table.fields()).extracting(f -> f.column() + (f.nullable() ? "?" : ""))
                .containsExactly("id", "title", "owner_id?", "kind", "isbn?", "pages?", "minutes?");
        assertThat(InheritanceMeta.sharedTable(Item_.META, List.of(Item_.META))).isSameAs(Item_.META);
    }

    @Test
    void aSubclassWithoutItsRootIsReported() {
        assertThat(SingleTables.problems(metas(Book_.META))).containsExactly("single-table subclass Book extends "
                + "Item, which is not registered: add Item_.TYPE to Orm.builder().models(...) (its table holds the "
                + "subclass's rows)");
    }
}
