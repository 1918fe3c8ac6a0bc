package io.covet.migrate;

import io.covet.core.Database;
import io.covet.migrate.InspectDb.ModelSource;
import io.covet.orm.spi.ModelMeta;
import io.covet.testing.AllEngines;
import io.covet.testing.Scratch;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The history table through a model's life in migrations, on each engine: created with its triggers by the
 * migration that adds {@code @History}; a tracked field added, renamed and removed alters the history table in the
 * same migration (a rename keeps the recorded values) and the triggers follow; removing {@code @History} drops
 * table and triggers; every migration reverses, leaving triggers that record the columns of the state it returns
 * to. The models are compiled with the annotation processor, one package per version.
 */
class HistoryMigrationsTest {
    private static final String APP = "bank";
    private final MigrationSteps steps = new MigrationSteps();

    /** The Wallet model of one version: {@code fields} are its field declarations. */
    private static SchemaSource version(String v, String annotation, String fields) throws Exception {
        String pkg = "hist." + v;
        String src = "package " + pkg + ";\n\nimport io.covet.orm.*;\n\n@Model(table = \"wallet\")\n" + annotation
                + "\npublic class Wallet extends Entity {\n    @PrimaryKey(auto = true)\n    Long id;\n" + fields
                + "\n    public Wallet() {\n    }\n}\n";
        List<ModelMeta> metas = InspectDbTest.compile(List.of(new ModelSource("wallet", "Wallet", src, List.of())),
                pkg);
        return OrmSchemaSource.of(metas, m -> APP);
    }

    private static List<String> history(Database db, String columns) {
        List<String> out = new ArrayList<>();
        db.sql("SELECT change_type, " + columns + " FROM wallet_history ORDER BY history_id").list().forEach(r -> {
            StringBuilder b = new StringBuilder(r.getString("change_type"));
            for (String c : columns.split(", ")) {
                b.append(' ').append(r.getString(c));
            }
            out.add(b.toString());
        });
        return out;
    }

    private static List<String> ops(Migration m) {
        return m.operations().stream().map(Operation::describe).toList();
    }

    @AllEngines
    void historyFollowsTheModelForwardAndBack(Scratch s) throws Exception {
        Database db = s.db();
        SchemaSource v1 = version("v1", "@History(exclude = \"note\")",
                "    @Column(maxLength = 40)\n    String owner;\n    int balance;\n"
                        + "    @Column(nullable = true)\n    String note;\n");
        Migration m1 = steps.makemigrations(v1);
        assertThat(ops(m1)).containsExactly("Create model wallet", "Create model wallet_history",
                "Create history triggers on wallet writing wallet_history");
        List<String> preview = SqlPreview.sql(steps.graph(), m1.key(), db.dialect(),
                false);
        assertThat(String.join("\n", preview)).contains("CREATE TRIGGER").contains("wallet_history")
                .contains("wallet_hist_asof");
        steps.migrator(db).migrate(Target.latest());
        steps.clean(db, v1);
        db.sql("INSERT INTO wallet (owner, balance, note) VALUES ('ann', 1, 'x')").execute();
        db.sql("UPDATE wallet SET note = 'y'").execute(); // excluded column only: nothing recorded
        assertThat(history(db, "owner, balance")).containsExactly("+ ann 1");

        // 0002: owner renamed to holder, email added; the history table follows in the same migration
        SchemaSource v2 = version("v2", "@History(exclude = \"note\")",
                "    @Column(maxLength = 40)\n    String holder;\n    int balance;\n"
                        + "    @Column(nullable = true)\n    String note;\n"
                        + "    @Column(nullable = true, maxLength = 80)\n    String email;\n");
        Migration m2 = steps.makemigrations(v2);
        assertThat(ops(m2)).first().isEqualTo("Drop history triggers on wallet");
        assertThat(ops(m2)).last().isEqualTo("Create history triggers on wallet writing wallet_history");
        assertThat(m2.operations()).contains(new RenameField("wallet", "owner", "holder"),
                new RenameField("wallet_history", "owner", "holder"));
        assertThat(ops(m2)).contains("Add field email to wallet", "Add field email to wallet_history");
        steps.migrator(db).migrate(Target.latest());
        steps.clean(db, v2);
        db.sql("UPDATE wallet SET email = 'ann@example.com'").execute();
        assertThat(history(db, "holder, email")).containsExactly("+ ann null", "~ ann ann@example.com");

        // 0003: balance removed from the model and from its history
        SchemaSource v3 = version("v3", "@History(exclude = \"note\")",
                "    @Column(maxLength = 40)\n    String holder;\n"
                        + "    @Column(nullable = true)\n    String note;\n"
                        + "    @Column(nullable = true, maxLength = 80)\n    String email;\n");
        Migration m3 = steps.makemigrations(v3);
        assertThat(ops(m3)).contains("Remove field balance from wallet", "Remove field balance from wallet_history");
        steps.migrator(db).migrate(Target.latest());
        steps.clean(db, v3);
        db.sql("UPDATE wallet SET holder = 'bea'").execute();
        assertThat(history(db, "holder, email")).hasSize(3).last().isEqualTo("~ bea ann@example.com");

        // 0004: @History removed: triggers and table go
        SchemaSource v4 = version("v4", "",
                "    @Column(maxLength = 40)\n    String holder;\n"
                        + "    @Column(nullable = true)\n    String note;\n"
                        + "    @Column(nullable = true, maxLength = 80)\n    String email;\n");
        Migration m4 = steps.makemigrations(v4);
        assertThat(ops(m4)).containsExactly("Drop history triggers on wallet", "Delete model wallet_history");
        steps.migrator(db).migrate(Target.latest());
        steps.clean(db, v4);
        db.sql("UPDATE wallet SET holder = 'cy'").execute(); // no trigger left to fail on the missing table

        // back, one migration at a time: the triggers match each state again
        steps.migrator(db).migrate(Target.of(APP, m3.name()));
        assertThat(history(db, "holder")).isEmpty(); // recreated empty: its rows went with the table
        db.sql("UPDATE wallet SET holder = 'dan'").execute();
        assertThat(history(db, "holder, email")).containsExactly("~ dan ann@example.com");
        steps.migrator(db).migrate(Target.of(APP, m2.name()));
        db.sql("UPDATE wallet SET balance = 5").execute();
        assertThat(history(db, "holder, balance")).containsExactly("~ dan null", "~ dan 5");
        steps.migrator(db).migrate(Target.of(APP, m1.name()));
        db.sql("UPDATE wallet SET owner = 'eve'").execute();
        assertThat(history(db, "owner, balance")).containsExactly("~ dan null", "~ dan 5", "~ eve 5");
        db.sql("DELETE FROM wallet").execute();
        assertThat(history(db, "owner")).last().isEqualTo("- eve");
        assertThat(Drift.differences(db, steps.migrator(db))).isEmpty();
        assertThat(Drift.differences(db, v1, Migrator.DEFAULT_HISTORY_TABLE)).isEmpty();
        steps.migrator(db).migrate(Target.zero(APP));
        assertThat(MigratorTest.live(db).tables()).isEmpty();
    }
}
