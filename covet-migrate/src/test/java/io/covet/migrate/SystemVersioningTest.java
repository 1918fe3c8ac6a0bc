package io.covet.migrate;

import io.covet.core.Database;
import io.covet.core.engine.Engine;
import io.covet.core.error.UnsupportedFeature;
import io.covet.migrate.InspectDb.ModelSource;
import io.covet.migrate.history.Fund;
import io.covet.migrate.history.Fund_;
import io.covet.orm.Audit;
import io.covet.orm.Orm;
import io.covet.orm.OrmUsageException;
import io.covet.orm.Version;
import io.covet.orm.spi.ModelMeta;
import io.covet.testing.AllEngines;
import io.covet.testing.Scratch;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code @History(capture = SYSTEM_VERSIONING)}: on MariaDB the model's table is {@code WITH SYSTEM VERSIONING}
 * (made, altered, unversioned and versioned again by migrations, drift-free), read as of an instant and version by
 * version through the ORM; who-changed and required attribution are refused naming trigger history. On PostgreSQL
 * and SQLite the model is refused by the Orm builder and its migration, naming the engine, and nothing is created.
 * The instants come from the database clock ({@code row_start} of the last change).
 */
class SystemVersioningTest {
    private static final String APP = "bank";
    private static final String SV = "@History(capture = History.Capture.SYSTEM_VERSIONING)";
    private final MigrationSteps steps = new MigrationSteps();

    private static SchemaSource version(String v, String annotation, String fields) throws Exception {
        String pkg = "sysver." + v;
        String src = "package " + pkg + ";\n\nimport io.covet.orm.*;\n\n@Model(table = \"wallet\")\n" + annotation
                + "\npublic class Wallet extends Entity {\n    @PrimaryKey(auto = true)\n    Long id;\n" + fields
                + "\n    public Wallet() {\n    }\n}\n";
        List<ModelMeta> metas = InspectDbTest.compile(List.of(new ModelSource("wallet", "Wallet", src, List.of())),
                pkg);
        return OrmSchemaSource.of(metas, m -> APP);
    }

    private static Orm migrated(Database db) {
        Orm orm = Orm.builder().database(db).models(Fund_.TYPE).build();
        List<Migration> made = Autodetector.migrations(new MigrationGraph(List.of(), Set.of()),
                OrmSchemaSource.of(orm), Questioner.nonInteractive(false));
        List<Migration> parsed = made.stream().map(m -> MigrationFiles.parse(MigrationFiles.toJson(m), m.name())).toList();
        Migrator.builder(db, parsed).build().migrate(Target.latest());
        return orm;
    }

    /** The start of the newest version in the table: the database's time of the last change. */
    private static Instant lastChange(Database db, String table) {
        BigDecimal t = db.sql("SELECT UNIX_TIMESTAMP(MAX(row_start)) AS t FROM " + table + " FOR SYSTEM_TIME ALL")
                .list().get(0).getBigDecimal("t");
        BigDecimal[] p = t.divideAndRemainder(BigDecimal.ONE);
        return Instant.ofEpochSecond(p[0].longValueExact(), p[1].movePointRight(9).longValue());
    }

    private static void nextTick() throws InterruptedException {
        Thread.sleep(5); // separates the steps on the database clock; nothing here measures time
    }

    private static List<String> rows(List<Fund> funds) {
        return funds.stream().map(a -> a.owner() + " " + a.balance()).toList();
    }

    private static long versions(Database db, String table) {
        return db.sql("SELECT COUNT(*) AS n FROM " + table + " FOR SYSTEM_TIME ALL").list().get(0).getLong("n");
    }

    private static String tableType(Database db, String table) {
        return db.sql("SELECT TABLE_TYPE AS t FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND "
                + "TABLE_NAME = ?", table).list().get(0).getString("t");
    }

    @AllEngines
    void asOfAndHistoryReadTheVersionsMariaDbKeeps(Scratch s) throws Exception {
        assumeTrue(s.engine() == Engine.MARIADB, "system versioning is MariaDB's (refusal tested below)");
        Database db = s.db();
        Orm orm = migrated(db);
        assertThat(tableType(db, "fund")).isEqualTo("SYSTEM VERSIONED");
        assertThatThrownBy(() -> orm.objects(Fund_.TYPE).asOf(Instant.parse("2000-01-01T00:00:00Z")).list())
                .isInstanceOf(OrmUsageException.class).hasMessageContaining("is before its history began");

        Fund a = orm.save(new Fund("ann", 10));
        Fund b = orm.save(new Fund("bob", 20));
        Instant t1 = lastChange(db, "fund");
        nextTick();
        a.balance(15);
        orm.save(a);
        Instant t2 = lastChange(db, "fund");
        nextTick();
        orm.delete(b);
        Instant t3 = t2.plusMillis(4); // after the raise, before or at the delete
        nextTick();
        orm.save(a); // nothing changed: no version
        db.sql("UPDATE fund SET balance = 16 WHERE owner = 'ann'").execute(); // raw SQL is versioned too
        Instant t4 = lastChange(db, "fund");

        assertThatThrownBy(() -> orm.objects(Fund_.TYPE).asOf(t1.minusSeconds(3600)).list())
                .hasMessageContaining("is before its history began");
        assertThat(rows(orm.objects(Fund_.TYPE).asOf(t1).orderBy(Fund_.ID.asc()).list()))
                .containsExactly("ann 10", "bob 20");
        assertThat(rows(orm.objects(Fund_.TYPE).asOf(t1).filter(Fund_.BALANCE.gt(12)).list()))
                .containsExactly("bob 20");
        assertThat(rows(orm.objects(Fund_.TYPE).asOf(t2).orderBy(Fund_.BALANCE.desc()).list()))
                .containsExactly("bob 20", "ann 15");
        assertThat(orm.objects(Fund_.TYPE).asOf(t2).count()).isEqualTo(2);
        assertThat(rows(orm.objects(Fund_.TYPE).asOf(t4).list())).containsExactly("ann 16");
        assertThat(orm.objects(Fund_.TYPE).asOf(t2).filter(Fund_.OWNER.eq("ann")).first().orElseThrow().balance())
                .isEqualTo(15);

        List<Version<Fund>> va = orm.history(a);
        assertThat(va).extracting(v -> v.changeType() + " " + v.state().balance() + " " + v.changedBy())
                .containsExactly("+ 10 null", "~ 15 null", "~ 16 null");
        assertThat(va.get(0).validTo()).isEqualTo(va.get(1).validFrom());
        assertThat(va.get(1).validFrom()).isEqualTo(t2);
        assertThat(va.get(2).validTo()).isNull();
        assertThat(va.get(2).diff(va.get(1))).containsOnlyKeys("balance");
        List<Version<Fund>> vb = orm.history(b);
        assertThat(vb).extracting(v -> v.changeType() + " " + v.state().owner()).containsExactly("+ bob", "- bob");
        assertThat(vb.get(1).validTo()).isNull();
        assertThat(vb.get(0).validTo()).isEqualTo(vb.get(1).validFrom()).isAfter(t2).isBeforeOrEqualTo(t4);
        assertThat(rows(orm.objects(Fund_.TYPE).asOf(vb.get(1).validFrom()).list())).containsExactly("ann 15");
        assertThat(t3).isBefore(t4);

        long before = versions(db, "fund");
        assertThatThrownBy(() -> orm.whoChanged(a, "balance")).isInstanceOf(UnsupportedFeature.class)
                .hasMessage("whoChanged on Fund (@History(capture = SYSTEM_VERSIONING)) is not supported by MariaDB. "
                        + "System versioning records when each version began and ended but not who made it or why: "
                        + "use @History with the default capture (TRIGGERS), whose history table records the user "
                        + "and reason of Audit.as.");
        Audit.requireAttribution(true);
        try {
            a.balance(99);
            assertThatThrownBy(() -> Audit.as(db, "alice", "raise", () -> orm.save(a)))
                    .isInstanceOf(UnsupportedFeature.class)
                    .hasMessageStartingWith("save with attribution required (Audit.requireAttribution) on Fund")
                    .hasMessageContaining("use @History with the default capture (TRIGGERS)");
        } finally {
            Audit.requireAttribution(false);
        }
        assertThatThrownBy(() -> io.covet.orm.audit.AuditTrail.of(db)
                .log(new io.covet.orm.audit.AuditFilter("fund", null, null, null)))
                .isInstanceOf(UnsupportedFeature.class)
                .hasMessage("audit log of the system-versioned table fund is not supported by MariaDB. System "
                        + "versioning records no user, reason or changeset, so its versions are not in the audit "
                        + "trail; read them with orm.history(obj), or use @History with the default capture "
                        + "(TRIGGERS) for an attributed, hash-chained audit log.");
        assertThat(versions(db, "fund")).isEqualTo(before);
        assertThat(rows(orm.objects(Fund_.TYPE).list())).containsExactly("ann 16");
    }

    @AllEngines
    void versioningFollowsTheModelInMigrations(Scratch s) throws Exception {
        assumeTrue(s.engine() == Engine.MARIADB, "system versioning is MariaDB's (refusal tested below)");
        Database db = s.db();
        String fields = "    @Column(maxLength = 40)\n    String owner;\n    int balance;\n";
        SchemaSource v1 = version("v1", SV, fields);
        Migration m1 = steps.makemigrations(v1);
        assertThat(m1.operations()).extracting(Operation::describe).containsExactly("Create model wallet");
        String preview = String.join("\n", SqlPreview.sql(steps.graph(), m1.key(), db.dialect(), false));
        assertThat(preview).contains("GENERATED ALWAYS AS ROW START INVISIBLE")
                .contains("PERIOD FOR SYSTEM_TIME (`row_start`, `row_end`)").contains("WITH SYSTEM VERSIONING");
        steps.migrator(db).migrate(Target.latest());
        steps.cleanAgainstModels(db, v1);
        db.sql("INSERT INTO wallet (owner, balance) VALUES ('ann', 1)").execute();
        db.sql("UPDATE wallet SET balance = 2").execute();
        assertThat(versions(db, "wallet")).isEqualTo(2);

        // 0002: a field added: the ALTER needs system_versioning_alter_history = KEEP, and says so
        SchemaSource v2 = version("v2", SV, fields + "    @Column(nullable = true, maxLength = 80)\n    String email;\n");
        Migration m2 = steps.makemigrations(v2);
        assertThat(m2.operations()).extracting(Operation::describe).containsExactly("Add field email to wallet");
        List<String> sql2 = SqlPreview.sql(steps.graph(), m2.key(), db.dialect(), false);
        assertThat(String.join("\n", sql2)).contains("SET SESSION system_versioning_alter_history = KEEP")
                .contains("ADD COLUMN `email`")
                .contains("SET SESSION system_versioning_alter_history = @covet_sv_alter");
        steps.migrator(db).migrate(Target.latest());
        steps.cleanAgainstModels(db, v2);
        assertThat(versions(db, "wallet")).isEqualTo(2); // the history rows are kept
        assertThat(db.sql("SELECT @@SESSION.system_versioning_alter_history AS v").list().get(0).getString("v"))
                .isEqualTo("ERROR");

        // 0003: @History removed: versioning dropped with its history rows; the current row stays
        SchemaSource v3 = version("v3", "", fields + "    @Column(nullable = true, maxLength = 80)\n    String email;\n");
        Migration m3 = steps.makemigrations(v3);
        assertThat(m3.operations()).extracting(Operation::describe)
                .containsExactly("Remove system versioning from wallet (its history rows are dropped)");
        steps.migrator(db).migrate(Target.latest());
        steps.clean(db, v3);
        assertThat(tableType(db, "wallet")).isEqualTo("BASE TABLE");
        assertThat(db.sql("SELECT balance FROM wallet").list().get(0).getLong("balance")).isEqualTo(2);

        // 0004: versioned again, then 0005: switched to trigger history
        SchemaSource v4 = version("v4", SV, fields + "    @Column(nullable = true, maxLength = 80)\n    String email;\n");
        Migration m4 = steps.makemigrations(v4);
        assertThat(m4.operations()).extracting(Operation::describe).containsExactly("Add system versioning to wallet");
        steps.migrator(db).migrate(Target.latest());
        steps.cleanAgainstModels(db, v4);
        assertThat(tableType(db, "wallet")).isEqualTo("SYSTEM VERSIONED");
        assertThat(versions(db, "wallet")).isEqualTo(1);
        SchemaSource v5 = version("v5", "@History", fields + "    @Column(nullable = true, maxLength = 80)\n    String email;\n");
        Migration m5 = steps.makemigrations(v5);
        assertThat(m5.operations()).extracting(Operation::describe).containsExactly("Create model wallet_history",
                "Remove system versioning from wallet (its history rows are dropped)",
                "Create history triggers on wallet writing wallet_history");
        steps.migrator(db).migrate(Target.latest());
        steps.clean(db, v5);
        assertThat(tableType(db, "wallet")).isEqualTo("BASE TABLE");

        // and back, step by step, to the first state
        steps.migrator(db).migrate(Target.of(APP, m4.name()));
        assertThat(tableType(db, "wallet")).isEqualTo("SYSTEM VERSIONED");
        steps.migrator(db).migrate(Target.of(APP, m3.name()));
        assertThat(tableType(db, "wallet")).isEqualTo("BASE TABLE");
        steps.migrator(db).migrate(Target.of(APP, m1.name()));
        assertThat(tableType(db, "wallet")).isEqualTo("SYSTEM VERSIONED");
        assertThat(Drift.differences(db, steps.migrator(db))).isEmpty();
        assertThat(db.sql("SELECT balance FROM wallet").list().get(0).getLong("balance")).isEqualTo(2);
    }

    @AllEngines
    void refusedOnPostgresAndSqliteNamingTheEngine(Scratch s) throws Exception {
        assumeTrue(s.engine() != Engine.MARIADB, "MariaDB supports system versioning (tested above)");
        Database db = s.db();
        String engine = s.engine() == Engine.POSTGRESQL ? "PostgreSQL" : "SQLite";
        String message = "system versioning (table fund, @History(capture = SYSTEM_VERSIONING)) is not supported by "
                + engine + ". System versioning is MariaDB's: on this engine use @History with the default capture "
                + "(TRIGGERS), which keeps a history table written by database triggers.";
        assertThatThrownBy(() -> Orm.builder().database(db).models(Fund_.TYPE).build())
                .isInstanceOf(UnsupportedFeature.class).hasMessage(message);

        SchemaSource v1 = version("r1", SV, "    @Column(maxLength = 40)\n    String owner;\n");
        Migration m1 = steps.makemigrations(v1);
        assertThatThrownBy(() -> SqlPreview.sql(steps.graph(), m1.key(), db.dialect(), false))
                .isInstanceOf(UnsupportedFeature.class).hasMessage(message.replace("table fund", "table wallet"));
        Throwable migrate = org.assertj.core.api.Assertions.catchThrowable(
                () -> steps.migrator(db).migrate(Target.latest()));
        while (migrate != null && !(migrate instanceof UnsupportedFeature)) {
            migrate = migrate.getCause();
        }
        assertThat(migrate).isInstanceOf(UnsupportedFeature.class)
                .hasMessage(message.replace("table fund", "table wallet"));
        assertThat(db.sql("SELECT COUNT(*) AS n FROM " + (s.engine() == Engine.SQLITE ? "sqlite_master WHERE name"
                : "information_schema.tables WHERE table_name") + " = 'wallet'").list().get(0).getLong("n"))
                .isZero();
    }
}
