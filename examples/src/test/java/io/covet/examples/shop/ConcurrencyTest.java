package io.covet.examples.shop;

import io.covet.core.Database;
import io.covet.core.engine.Engine;
import io.covet.core.error.UnsupportedFeature;
import io.covet.orm.Orm;
import io.covet.orm.QuerySet;
import io.covet.testing.AllEngines;
import io.covet.testing.Scratch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConcurrencyTest {

    @AllEngines
    void getOrCreateReadsBackARowAnotherConnectionInsertedFirst(Scratch s) {
        Orm orm = Shop.orm(s.db());
        orm.createTables();
        if (s.engine() == Engine.SQLITE) {
            // one writer at a time: the race cannot happen, and a locking read is refused with the reason
            assertThatThrownBy(() -> orm.objects(Tag_.TYPE).selectForUpdate().list())
                    .isInstanceOf(UnsupportedFeature.class).hasMessageContaining("SQLite");
            return;
        }
        Database other = s.open(b -> b);
        QuerySet.GetOrCreate<Tag> r = orm.objects(Tag_.TYPE).getOrCreate(Tag_.NAME.eq("sale"), () -> {
            // the lookup found nothing; another connection wins the race before our insert
            other.sql("INSERT INTO tag (name) VALUES (?)", "sale").execute();
            return new Tag("sale");
        });
        assertThat(r.created()).isFalse();
        assertThat(r.instance().name()).isEqualTo("sale");
        assertThat(orm.objects(Tag_.TYPE).count()).isEqualTo(1);
        other.close();
    }

    @AllEngines
    void selectForUpdateLocksInsideATransaction(Scratch s) {
        Orm orm = Shop.orm(s.db());
        orm.createTables();
        orm.save(new Tag("a"));
        if (s.engine() == Engine.SQLITE) {
            assertThatThrownBy(() -> s.db().atomic(tx -> orm.objects(Tag_.TYPE).selectForUpdate().count() > 0
                    ? orm.objects(Tag_.TYPE).selectForUpdate().list() : null))
                    .isInstanceOf(UnsupportedFeature.class).hasMessageContaining("FOR UPDATE");
            assertThat(orm.objects(Tag_.TYPE).count()).isEqualTo(1);
            return;
        }
        String name = s.db().atomic(tx -> orm.objects(Tag_.TYPE).selectForUpdate().get(Tag_.NAME.eq("a")).name());
        assertThat(name).isEqualTo("a");
    }
}
