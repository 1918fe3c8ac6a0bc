package io.covet.orm.internal;

import io.covet.orm.inherit.AudioBook_;
import io.covet.orm.inherit.Book_;
import io.covet.orm.inherit.Comic_;
import io.covet.orm.inherit.EBook_;
import io.covet.orm.inherit.Film_;
import io.covet.orm.inherit.Item_;
import io.covet.orm.inherit.Keeper_;
import io.covet.orm.spi.FieldMeta;
import io.covet.orm.spi.InheritanceMeta;
import io.covet.orm.spi.ModelMeta;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A registry's view of a single-table hierarchy with subclasses of subclasses: each model's registered descendants,
 * discriminator values and nearest registered ancestor, and the checks for models compiled apart.
 */
class SingleTableTreeTest {
    private static Map<String, ModelMeta> metas(ModelMeta... ms) {
        Map<String, ModelMeta> out = new HashMap<>();
        for (ModelMeta m : ms) {
            out.put(m.name(), m);
        }
        return out;
    }

    @Test
    void eachModelHasItsRegisteredDescendantsValuesAndNearestRegisteredAncestor() {
        SingleTables.Tree tree = new SingleTables.Tree(List.of(Keeper_.TYPE, Item_.TYPE, Book_.TYPE, Film_.TYPE,
                EBook_.TYPE, AudioBook_.TYPE, Comic_.TYPE));
        assertThat(tree.values(Book_.TYPE)).containsExactlyInAnyOrder("book", "ebook", "audio", "comic")
                .startsWith("book");
        assertThat(tree.values(EBook_.TYPE)).containsExactly("ebook", "audio");
        assertThat(tree.values(AudioBook_.TYPE)).containsExactly("audio");
        assertThat(tree.descendants(Item_.TYPE)).containsExactlyInAnyOrder(Book_.TYPE, Film_.TYPE, EBook_.TYPE,
                AudioBook_.TYPE, Comic_.TYPE);
        assertThat(tree.descendants(Film_.TYPE)).isEmpty();
        assertThat(tree.parent(AudioBook_.TYPE)).isSameAs(EBook_.TYPE);
        assertThat(tree.parent(Comic_.TYPE)).isSameAs(Book_.TYPE);
        assertThat(tree.parent(Book_.TYPE)).isSameAs(Item_.TYPE);
        assertThat(tree.parent(Item_.TYPE)).isNull();
        assertThat(tree.parent(Keeper_.TYPE)).isNull();
        // without EBook registered, AudioBook's nearest registered ancestor is Book, and Book's values lack 'ebook'
        SingleTables.Tree partial = new SingleTables.Tree(List.of(Item_.TYPE, Book_.TYPE, AudioBook_.TYPE));
        assertThat(partial.parent(AudioBook_.TYPE)).isSameAs(Book_.TYPE);
        assertThat(partial.values(Book_.TYPE)).containsExactly("book", "audio");
        assertThat(SingleTables.unregisteredParents(List.of(Item_.TYPE, Book_.TYPE, AudioBook_.TYPE)))
                .containsExactly("single-table subclass AudioBook extends EBook, which is not registered: add "
                        + "EBook_.TYPE to Orm.builder().models(...) (its queries include the rows of its subclasses)");
    }

    @Test
    void theRegistryChecksTheWholeHierarchyForModelsCompiledApart() {
        assertThat(SingleTables.problems(metas(Item_.META, Book_.META, Film_.META, EBook_.META, AudioBook_.META,
                Comic_.META))).isEmpty();
        // a grandchild with a sibling's value, and its url on Film's director column as an INTEGER
        List<FieldMeta> fields = new ArrayList<>(EBook_.META.fields());
        int url = EBook_.META.indexOf("url");
        FieldMeta u = fields.get(url);
        fields.set(url, new FieldMeta(u.name(), "director", io.covet.orm.FieldType.INTEGER, "java.lang.Integer", true,
                false, false, false, 0, 0, 0, null, null, List.of(), "", null));
        ModelMeta clash = new ModelMeta(EBook_.META.name(), EBook_.META.table(), fields, List.of(), List.of(),
                List.of(), List.of(), List.of(), List.of(), List.of(), false, null, null,
                InheritanceMeta.singleTable(Item_.META.name(), "kind", "film"));
        assertThat(SingleTables.problems(metas(Item_.META, Book_.META, Film_.META, clash))).containsExactly(
                "single-table models EBook and Film both have the discriminator value 'film': give one of them "
                        + "another @Model(discriminatorValue = ...)",
                "single-table subclasses EBook and Film both map column director of table sti_item with different "
                        + "types (INTEGER, STRING): give both fields the same type or one of them another column with "
                        + "@Column(name = ...)");
        // the shared table: each level's columns once, nullable
        ModelMeta table = InheritanceMeta.sharedTable(Item_.META, List.of(Item_.META, Book_.META, EBook_.META,
                AudioBook_.META, Film_.META));
        // (subclasses in class-name order: AudioBook brings Book's and EBook's columns before its own)
        assertThat(table.fields()).extracting(f -> f.column() + (f.nullable() ? "?" : "")).containsExactly("id",
                "title", "owner_id?", "kind", "isbn?", "pages?", "url?", "size_kb?", "reader_id?", "minutes?",
                "director?");
    }
}
