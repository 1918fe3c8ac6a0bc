package io.covet.orm.rules;

import io.covet.core.error.IntegrityViolation;
import io.covet.orm.Orm;
import io.covet.testing.AllEngines;
import io.covet.testing.Scratch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OnDeleteRulesTest {

    @AllEngines
    void setDefaultReassignsAndDoNothingLeavesItToTheDatabase(Scratch s) {
        Orm orm = Orm.builder().database(s.db()).models(Shelf_.TYPE, Book_.TYPE, Note_.TYPE).build();
        orm.createTables();
        Shelf fallback = orm.save(new Shelf(1, "unsorted"));
        Shelf poetry = orm.save(new Shelf(2, "poetry"));
        Book book = orm.save(new Book(poetry, "Odes"));
        orm.save(new Book(fallback, "Misc"));
        assertThat(orm.delete(poetry)).isEqualTo(1);
        assertThat(orm.refresh(book).shelf.id()).isEqualTo(1);

        orm.save(new Note(book, "dog-eared"));
        assertThatThrownBy(() -> orm.delete(book)).isInstanceOf(IntegrityViolation.class);
        assertThat(orm.objects(Book_.TYPE).count()).isEqualTo(2);
        assertThat(orm.objects(Note_.TYPE).count()).isEqualTo(1);
    }
}
