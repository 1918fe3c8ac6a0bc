package io.covet.migrate;

import io.covet.core.Database;
import io.covet.core.engine.Engine;
import io.covet.core.error.DataAccessException;
import io.covet.schema.ForeignKey;
import io.covet.schema.Schema;
import io.covet.schema.Table;
import io.covet.testing.AllEngines;
import io.covet.testing.Scratch;

import java.util.List;

import static io.covet.migrate.InheritanceMigrationsTest.version;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Migrations of many-to-many relations to and from inheriting models: the autodetector creates each link table
 * after both ends, its keys referencing a multi-table child's link column and a single-table subclass's root
 * table; {@code sqlmigrate} shows them; the database then matches the models (no drift, no new migration) on every
 * engine, and the relations migrate away again.
 */
class InheritanceManyToManyMigrationsTest {
    private final MigrationSteps steps = new MigrationSteps();

    private static final String PLACE = """
            @Model(table = "place")
            public class Place extends Entity {
                @PrimaryKey Long id;
                @Column(maxLength = 40) String name;
                public Place() {
                }
            }
            """;
    private static final String HALL = """
            @Model(table = "hall")
            public class Hall extends Place {
                int seats;
                public Hall() {
                }
            }
            """;
    private static final String HALL_WITH_CREW = """
            @Model(table = "hall")
            public class Hall extends Place {
                int seats;
                @ManyToMany Related<Crew> crew;
                public Hall() {
                }
            }
            """;
    private static final String CREW = """
            @Model(table = "crew")
            public class Crew extends Entity {
                @PrimaryKey Long id;
                @Column(maxLength = 40) String name;
                public Crew() {
                }
            }
            """;
    private static final String GEAR = """
            @Model(table = "gear", inheritance = InheritanceType.SINGLE_TABLE, discriminator = "kind")
            public class Gear extends Entity {
                @PrimaryKey Long id;
                @Column(maxLength = 40) String label;
                public Gear() {
                }
            }
            """;
    private static final String AMP = """
            @Model(discriminatorValue = "amp")
            public class Amp extends Gear {
                int watts;
                public Amp() {
                }
            }
            """;
    private static final String MIC = """
            @Model(discriminatorValue = "mic")
            public class Mic extends Gear {
                @ManyToMany Related<Band> bands;
                public Mic() {
                }
            }
            """;
    private static final String BAND = """
            @Model(table = "band")
            public class Band extends Entity {
                @PrimaryKey Long id;
                @Column(maxLength = 40) String name;
                public Band() {
                }
            }
            """;
    private static final String BAND_RELATED = """
            @Model(table = "band")
            public class Band extends Entity {
                @PrimaryKey Long id;
                @Column(maxLength = 40) String name;
                @ManyToMany Related<Hall> halls;
                @ManyToMany Related<Amp> amps;
                public Band() {
                }
            }
            """;

    private static String fk(Table t, String column) {
        ForeignKey f = t.foreignKeys().stream().filter(k -> k.columns().equals(List.of(column))).findFirst()
                .orElseThrow();
        return f.refTable() + "." + String.join(",", f.refColumns());
    }

    @AllEngines
    void linkTablesToAndFromChildrenAndSubclassesMigrateInAndOut(Scratch s) throws Exception {
        Database db = s.db();
        SchemaSource v1 = version("m2m_v1", PLACE, HALL, CREW, GEAR, AMP, BAND);
        steps.makemigrations(v1);
        steps.migrator(db).migrate(Target.latest());
        steps.cleanAgainstModels(db, v1);

        SchemaSource v2 = version("m2m_v2", PLACE, HALL_WITH_CREW, CREW, GEAR, AMP, MIC, BAND_RELATED);
        Migration m2 = steps.makemigrations(v2);
        String q = s.engine().family() == Engine.MARIADB ? "`" : "\"";
        String preview = String.join("\n", SqlPreview.sql(steps.graph(), m2.key(), db.dialect(), false));
        assertThat(preview).contains("CREATE TABLE " + q + "band_halls" + q, "CREATE TABLE " + q + "band_amps" + q,
                "CREATE TABLE " + q + "hall_crew" + q, "CREATE TABLE " + q + "mic_bands" + q)
                .contains("REFERENCES " + q + "hall" + q + " (" + q + "place_ptr_id" + q + ")")
                .contains("REFERENCES " + q + "gear" + q + " (" + q + "id" + q + ")");
        steps.migrator(db).migrate(Target.latest());
        steps.cleanAgainstModels(db, v2);

        Schema live = MigratorTest.live(db);
        assertThat(fk(live.require("band_halls"), "hall_id")).isEqualTo("hall.place_ptr_id");
        assertThat(fk(live.require("band_halls"), "band_id")).isEqualTo("band.id");
        assertThat(fk(live.require("hall_crew"), "hall_id")).isEqualTo("hall.place_ptr_id");
        assertThat(fk(live.require("hall_crew"), "crew_id")).isEqualTo("crew.id");
        assertThat(fk(live.require("band_amps"), "amp_id")).isEqualTo("gear.id");
        assertThat(fk(live.require("mic_bands"), "mic_id")).isEqualTo("gear.id");
        assertThat(live.require("mic_bands").primaryKey()).containsExactly("mic_id", "band_id");

        // a link to a place that is no hall breaks the key; one to a hall's row holds
        db.sql("INSERT INTO band (name) VALUES ('Blur')").execute();
        db.sql("INSERT INTO place (name) VALUES ('Field')").execute();
        db.sql("INSERT INTO place (name) VALUES ('Roundhouse')").execute();
        long band = db.sql("SELECT id FROM band").list(rs -> rs.getLong(1)).get(0);
        List<Long> places = db.sql("SELECT id FROM place ORDER BY id").list(rs -> rs.getLong(1));
        db.sql("INSERT INTO hall (place_ptr_id, seats) VALUES (?, 300)", places.get(1)).execute();
        assertThatThrownBy(() -> db.sql("INSERT INTO band_halls (band_id, hall_id) VALUES (?, ?)", band,
                places.get(0)).execute()).isInstanceOf(DataAccessException.class);
        db.sql("INSERT INTO band_halls (band_id, hall_id) VALUES (?, ?)", band, places.get(1)).execute();
        db.sql("DELETE FROM band_halls").execute();

        // and away again: the link tables go, the ends stay
        steps.makemigrations(v1);
        steps.migrator(db).migrate(Target.latest());
        steps.cleanAgainstModels(db, v1);
        assertThat(MigratorTest.live(db).tables()).extracting(Table::name)
                .contains("band", "hall", "gear", "crew")
                .doesNotContain("band_halls", "band_amps", "hall_crew", "mic_bands");
    }
}
