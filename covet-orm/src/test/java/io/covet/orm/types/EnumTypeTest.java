package io.covet.orm.types;

import io.covet.core.Database;
import io.covet.core.engine.Engine;
import io.covet.core.error.DataAccessException;
import io.covet.orm.Orm;
import io.covet.testing.AllEngines;
import io.covet.testing.Scratch;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * An enum field stored in a database enum type ({@code @Column(enumType)}): {@code createTables()} makes the type
 * (PostgreSQL) or the inline ENUM (MariaDB) or the checked TEXT (SQLite); the ORM writes, reads and filters by the
 * constants; the database refuses a label the Java enum does not have.
 */
class EnumTypeTest {

    @AllEngines
    void enumFieldsLiveInTheDatabasesEnumType(Scratch s) {
        Database db = s.db();
        Orm orm = Orm.builder().database(db).models(MoodLog_.TYPE).build();
        orm.createTables();

        MoodLog a = new MoodLog();
        a.id = 1L;
        a.mood = Mood.EXCITED_AND_LONG_NAMED;
        a.previous = Mood.SAD;
        MoodLog b = new MoodLog();
        b.id = 2L;
        b.mood = Mood.SAD;
        orm.save(a);
        orm.save(b);
        MoodLog back = orm.objects(MoodLog.class).get(1L);
        assertThat(back.mood).isEqualTo(Mood.EXCITED_AND_LONG_NAMED);
        assertThat(back.previous).isEqualTo(Mood.SAD);
        assertThat(orm.objects(MoodLog.class).filter(MoodLog_.MOOD.eq(Mood.SAD)).list())
                .extracting(m -> m.id).containsExactly(2L);
        assertThat(orm.objects(MoodLog.class).filter(MoodLog_.PREVIOUS.in(List.of(Mood.SAD, Mood.HAPPY))).count())
                .isEqualTo(1);
        b.mood = Mood.HAPPY;
        orm.save(b);
        assertThat(orm.objects(MoodLog.class).filter(MoodLog_.MOOD.eq(Mood.HAPPY)).count()).isEqualTo(1);

        switch (s.engine()) {
            case POSTGRESQL -> assertThat(db.sql("SELECT format_type(atttypid, atttypmod) t FROM pg_attribute "
                    + "WHERE attrelid = 'mood_log'::regclass AND attname = 'previous'").list().get(0).getString("t"))
                    .isEqualTo("mood_kind");
            case MARIADB -> assertThat(db.sql("SELECT COLUMN_TYPE t FROM information_schema.COLUMNS WHERE "
                    + "TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'mood_log' AND COLUMN_NAME = 'previous'").list()
                    .get(0).getString("t")).isEqualTo("enum('HAPPY','SAD','NEUTRAL','EXCITED_AND_LONG_NAMED')");
            default -> {
            }
        }
        // a label the enum does not have is the database's to refuse, on every engine
        assertThatThrownBy(() -> db.sql("INSERT INTO mood_log (id, mood) VALUES (3, 'ANGRY')").execute())
                .isInstanceOf(DataAccessException.class);
        assertThat(orm.objects(MoodLog.class).count()).isEqualTo(2);
        if (s.engine() == Engine.POSTGRESQL) {
            assertThat(db.sql("INSERT INTO mood_log (id) VALUES (4)").execute()).isEqualTo(1);
            assertThat(orm.objects(MoodLog.class).get(4L).mood).isEqualTo(Mood.NEUTRAL);
        }
    }
}
