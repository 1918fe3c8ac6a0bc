package io.covet.migrate;

import io.covet.core.Database;
import io.covet.core.engine.Engine;
import io.covet.core.error.UniqueViolation;
import io.covet.migrate.InspectDb.ModelSource;
import io.covet.orm.spi.ModelMeta;
import io.covet.testing.AllEngines;
import io.covet.testing.Scratch;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A {@code @SoftDelete} model's unique fields and unique-together sets hold among live rows only, in the schema
 * migrations make: partial unique indexes on PostgreSQL and SQLite, a generated column in the unique key on MariaDB.
 * Adding {@code @SoftDelete} to a model turns its unique constraints into such indexes, and back; the database then
 * matches the models (no drift, no new migration).
 */
class SoftDeleteMigrationsTest {
    private static final String APP = "store";
    private final MigrationSteps steps = new MigrationSteps();

    private static SchemaSource version(String v, String annotation) throws Exception {
        String pkg = "soft." + v;
        String src = "package " + pkg + ";\n\nimport io.covet.orm.*;\nimport java.time.Instant;\n\n"
                + "@Model(table = \"item\", uniqueTogether = @Unique(fields = {\"vendor\", \"code\"}))\n" + annotation
                + "\npublic class Item extends Entity {\n    @PrimaryKey(auto = true)\n    Long id;\n"
                + "    @Column(unique = true, maxLength = 20)\n    String sku;\n"
                + "    @Column(maxLength = 20)\n    String vendor;\n    @Column(maxLength = 20)\n    String code;\n"
                + "    @Column(nullable = true)\n    Instant deletedAt;\n    public Item() {\n    }\n}\n";
        List<ModelMeta> metas = InspectDbTest.compile(List.of(new ModelSource("item", "Item", src, List.of())), pkg);
        return OrmSchemaSource.of(metas, m -> APP);
    }

    private static void insert(Database db, String sku, String code) {
        db.sql("INSERT INTO item (sku, vendor, code) VALUES (?, 'acme', ?)", sku, code).execute();
    }

    private static void deleteSoftly(Database db, String sku) {
        db.sql("UPDATE item SET deleted_at = ? WHERE sku = ? AND deleted_at IS NULL",
                java.time.Instant.parse("2026-01-01T00:00:00Z"), sku).execute();
    }

    @AllEngines
    void uniqueKeysHoldAmongLiveRowsOnly(Scratch s) throws Exception {
        Database db = s.db();
        SchemaSource v1 = version("v1", "@SoftDelete");
        Migration m1 = steps.makemigrations(v1);
        String preview = String.join("\n", SqlPreview.sql(steps.graph(), m1.key(),
                db.dialect(), false));
        if (s.engine().family() == Engine.MARIADB) {
            assertThat(preview).contains("ADD COLUMN IF NOT EXISTS `deleted_at_live` TINYINT AS (IF(`deleted_at` IS "
                    + "NULL, 1, NULL)) VIRTUAL INVISIBLE").contains("CREATE UNIQUE INDEX `item_sku_uniq` ON `item` "
                    + "(`sku`, `deleted_at_live`)");
        } else {
            assertThat(preview).contains("CREATE UNIQUE INDEX \"item_sku_uniq\" ON \"item\" (\"sku\") WHERE "
                    + "deleted_at IS NULL");
        }
        steps.migrator(db).migrate(Target.latest());
        steps.cleanAgainstModels(db, v1);

        insert(db, "A", "1");
        deleteSoftly(db, "A");
        insert(db, "A", "1");     // a duplicate of a deleted row: allowed, by sku and by (vendor, code)
        deleteSoftly(db, "A");
        insert(db, "A", "1");     // and again: deleted rows never collide with each other either
        assertThatThrownBy(() -> insert(db, "A", "2")).isInstanceOf(UniqueViolation.class);
        assertThatThrownBy(() -> insert(db, "B", "1")).isInstanceOf(UniqueViolation.class);
        assertThat(db.sql("SELECT COUNT(*) AS n FROM item").list().get(0).getLong("n")).isEqualTo(3);

        // without @SoftDelete the indexes become plain unique constraints again, which the live rows satisfy
        db.sql("DELETE FROM item WHERE deleted_at IS NOT NULL").execute();
        SchemaSource v2 = version("v2", "");
        Migration m2 = steps.makemigrations(v2);
        steps.migrator(db).migrate(Target.latest());
        steps.cleanAgainstModels(db, v2);
        assertThatThrownBy(() -> insert(db, "A", "9")).isInstanceOf(UniqueViolation.class);

        // and back to live-rows-only, then all the way down
        steps.migrator(db).migrate(Target.of(APP, m1.name()));
        assertThat(Drift.differences(db, steps.migrator(db))).isEmpty();
        deleteSoftly(db, "A");
        insert(db, "A", "1");
        assertThat(m2.operations()).isNotEmpty();
        steps.migrator(db).migrate(Target.zero(APP));
        assertThat(MigratorTest.live(db).tables()).isEmpty();
    }
}
