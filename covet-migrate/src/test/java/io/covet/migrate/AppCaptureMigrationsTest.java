package io.covet.migrate;

import io.covet.core.Database;
import io.covet.migrate.InspectDb.ModelSource;
import io.covet.orm.spi.ModelMeta;
import io.covet.testing.AllEngines;
import io.covet.testing.Scratch;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Switching a model's capture mode in migrations, on each engine: TRIGGERS → APPLICATION drops the triggers (and
 * keeps the recorded versions), APPLICATION → TRIGGERS creates them; each migration reverses; the database has no
 * drift after each step. The models are compiled with the annotation processor, one package per version.
 */
class AppCaptureMigrationsTest {
    private static final String APP = "shop";
    private final MigrationSteps steps = new MigrationSteps();

    private static SchemaSource version(String v, String annotation) throws Exception {
        String pkg = "capture." + v;
        String src = "package " + pkg + ";\n\nimport io.covet.orm.*;\n\n@Model(table = \"till\")\n" + annotation
                + "\npublic class Till extends Entity {\n    @PrimaryKey(auto = true)\n    Long id;\n"
                + "    @Column(maxLength = 40)\n    String owner;\n\n    public Till() {\n    }\n}\n";
        List<ModelMeta> metas = InspectDbTest.compile(List.of(new ModelSource("till", "Till", src, List.of())), pkg);
        return OrmSchemaSource.of(metas, m -> APP);
    }

    private static List<String> ops(Migration m) {
        return m.operations().stream().map(Operation::describe).toList();
    }

    /** A write Covet's ORM does not make; returns how many versions the history holds after it. */
    private static long rawWriteThenCount(Database db, String owner) {
        db.sql("INSERT INTO till (owner) VALUES (?)", owner).execute();
        return db.sql("SELECT COUNT(*) AS n FROM till_history").list().get(0).getLong("n");
    }

    @AllEngines
    void switchingTheCaptureModeDropsOrCreatesTheTriggers(Scratch s) throws Exception {
        Database db = s.db();
        SchemaSource triggers = version("c1", "@History");
        Migration m1 = steps.makemigrations(triggers);
        assertThat(ops(m1)).last().isEqualTo("Create history triggers on till writing till_history");
        steps.migrator(db).migrate(Target.latest());
        steps.cleanAgainstModels(db, triggers);
        assertThat(rawWriteThenCount(db, "a")).isEqualTo(1);

        SchemaSource application = version("c2", "@History(capture = History.Capture.APPLICATION)");
        Migration m2 = steps.makemigrations(application);
        assertThat(ops(m2)).first().isEqualTo("Drop history triggers on till");
        assertThat(ops(m2)).noneMatch(o -> o.startsWith("Create history triggers"));
        String sql = String.join("\n", SqlPreview.sql(steps.graph(), m2.key(), db.dialect(), false));
        assertThat(sql).contains("DROP TRIGGER").contains("till_hist_asof_app");
        steps.migrator(db).migrate(Target.latest());
        steps.cleanAgainstModels(db, application);
        assertThat(rawWriteThenCount(db, "b")).as("no trigger records it any more").isEqualTo(1);

        Migration m3 = steps.makemigrations(version("c3", "@History"));
        assertThat(ops(m3)).last().isEqualTo("Create history triggers on till writing till_history");
        assertThat(ops(m3)).noneMatch(o -> o.startsWith("Drop history triggers"));
        steps.migrator(db).migrate(Target.latest());
        steps.cleanAgainstModels(db, triggers);
        assertThat(rawWriteThenCount(db, "c")).isEqualTo(2);

        // back: the triggers go again, then come back
        steps.migrator(db).migrate(Target.of(APP, m2.name()));
        assertThat(Drift.differences(db, steps.migrator(db))).isEmpty();
        assertThat(rawWriteThenCount(db, "d")).isEqualTo(2);
        steps.migrator(db).migrate(Target.of(APP, m1.name()));
        assertThat(rawWriteThenCount(db, "e")).isEqualTo(3);
        assertThat(Drift.differences(db, steps.migrator(db))).isEmpty();
    }
}
