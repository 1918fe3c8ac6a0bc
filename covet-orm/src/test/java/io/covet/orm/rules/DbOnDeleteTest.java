package io.covet.orm.rules;

import io.covet.orm.Orm;
import io.covet.orm.OrmSchema;
import io.covet.schema.ColumnType;
import io.covet.schema.ForeignKey;
import io.covet.schema.Introspector;
import io.covet.schema.OnDelete;
import io.covet.schema.Schema;
import io.covet.schema.SchemaComparison;
import io.covet.schema.Table;
import io.covet.testing.AllEngines;
import io.covet.testing.Scratch;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A relation that declares the database's own ON DELETE rule: the constraint carries it (created by
 * {@code createTables()}, read back alike), and the database, not Covet, acts on a delete. A field with a native
 * column type gets that type verbatim and keeps its values.
 */
class DbOnDeleteTest {

    @AllEngines
    void theDatabaseCascadesAndSetsNullItself(Scratch s) {
        Orm orm = Orm.builder().database(s.db()).models(Shelf_.TYPE, Book_.TYPE, Sticker_.TYPE).build();
        orm.createTables();
        Schema expected = OrmSchema.of(orm);
        Table sticker = expected.require("sticker");
        assertThat(sticker.foreignKeys()).extracting(ForeignKey::onDelete)
                .containsExactlyInAnyOrder(OnDelete.CASCADE, OnDelete.SET_NULL);
        assertThat(sticker.requireColumn("code").type()).isEqualTo(ColumnType.raw("char(2)"));
        Schema live = Introspector.read(s.db());
        assertThat(live.require("sticker").requireColumn("code").type()).isEqualTo(ColumnType.fixedChar(2));
        assertThat(SchemaComparison.differences(expected, live, s.engine(), "the models")).isEmpty();

        Shelf unsorted = orm.save(new Shelf(1, "unsorted"));
        Shelf loose = orm.save(new Shelf(3, "loose"));
        Book odes = orm.save(new Book(unsorted, "Odes"));
        Book misc = orm.save(new Book(unsorted, "Misc"));
        Sticker gold = orm.save(new Sticker(odes, loose, "au"));
        Sticker red = orm.save(new Sticker(misc, loose, "rd"));

        orm.delete(loose);
        assertThat(orm.refresh(gold).shelf).isNull();
        assertThat(orm.refresh(red).code).isEqualTo("rd");

        orm.delete(odes);
        assertThat(orm.objects(Sticker_.TYPE).count()).isEqualTo(1);
        assertThat(orm.objects(Sticker_.TYPE).first().orElseThrow().code).isEqualTo("rd");
    }
}
