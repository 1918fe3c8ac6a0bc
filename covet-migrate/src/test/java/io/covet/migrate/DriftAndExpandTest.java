package io.covet.migrate;

import io.covet.core.Database;
import io.covet.schema.Column;
import io.covet.testing.AllEngines;
import io.covet.testing.Scratch;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DriftAndExpandTest {

    @AllEngines
    void driftListsEachHandMadeChange(Scratch s) {
        Database db = s.db();
        Migrator m = Migrator.builder(db, List.of(Shop.m1(), Shop.m2())).build();
        m.migrate(Target.latest());
        assertThat(Drift.differences(db, m)).isEmpty();
        var d = db.dialect();
        db.sql("ALTER TABLE " + d.quote("orders") + " ADD COLUMN " + d.quote("hand") + " INTEGER").execute();
        db.sql("DROP INDEX " + d.quote("customer_name_idx")
                + (s.engine().family() == io.covet.core.engine.Engine.MARIADB ? " ON " + d.quote("customer") : ""))
                .execute();
        assertThat(Drift.differences(db, m)).containsExactly(
                "index customer.customer_name_idx: missing from the database (expected [name])",
                "column orders.hand: in the database but not in the migrations (integer NULL)");
    }

    @AllEngines
    void expandBackfillsInBatchesThenContractSetsNotNull(Scratch s) {
        Database db = s.db();
        db.sql("SELECT 1").list();
        Migrator.builder(db, List.of(Shop.m1())).build().migrate(Target.latest());
        for (int i = 0; i < 7; i++) {
            db.sql("INSERT INTO customer (name) VALUES (?)", "c" + i).execute();
        }
        ExpandContract.Steps steps = ExpandContract.addNotNullField("customer", Column.of("tier", Shop.INT), "3", 3);
        Migration expand = new Migration(new MigrationKey("shop", "0002_expand"), List.of(Shop.m1().key()),
                steps.expand());
        Migration contract = new Migration(new MigrationKey("shop", "0003_contract"), List.of(expand.key()),
                steps.contract());
        List<String> progress = new ArrayList<>();
        Migrator m = Migrator.builder(db, List.of(Shop.m1(), expand, contract)).progress(progress::add).build();
        m.migrate(Target.of("shop", "0002_expand"));
        assertThat(progress).contains("backfilled 3 row(s) of customer.tier", "backfilled 6 row(s) of customer.tier",
                "backfilled 7 row(s) of customer.tier");
        m.migrate(Target.latest());
        assertThat(Drift.differences(db, m)).isEmpty();
        assertThat(db.sql("SELECT COUNT(*) AS n FROM customer WHERE tier = 3").list(rs -> rs.getInt(1)))
                .containsExactly(7);
        // The file form carries the RunJava arguments.
        assertThat(MigrationFiles.parse(MigrationFiles.toJson(expand), "x")).isEqualTo(expand);
    }
}
