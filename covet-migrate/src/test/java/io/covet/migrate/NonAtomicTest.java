package io.covet.migrate;

import io.covet.core.Database;
import io.covet.core.engine.Engine;
import io.covet.schema.Index;
import io.covet.testing.AllEngines;
import io.covet.testing.Scratch;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The linter's advice is applicable: a non-atomic migration builds an index without blocking writes. */
class NonAtomicTest {
    static String createIndex(Engine e) {
        return switch (e.family()) {
            case POSTGRESQL -> "CREATE INDEX CONCURRENTLY \"customer_name_idx\" ON \"customer\" (\"name\")";
            case MARIADB -> "CREATE INDEX `customer_name_idx` ON `customer` (`name`) ALGORITHM=INPLACE LOCK=NONE";
            default -> "CREATE INDEX \"customer_name_idx\" ON \"customer\" (\"name\")";
        };
    }

    @AllEngines
    void concurrentIndexInANonAtomicMigration(Scratch s) {
        Database db = s.db();
        Index idx = Index.of("customer_name_idx", List.of("name"));
        Migration online = new Migration(new MigrationKey("shop", "0002_online_index"), List.of(Shop.m1().key()),
                List.of(new SeparateDatabaseAndState(
                        List.of(new RunSql(List.of(createIndex(s.engine())),
                                List.of("DROP INDEX " + db.dialect().quote("customer_name_idx")
                                        + (s.engine().family() == Engine.MARIADB ? " ON `customer`" : "")))),
                        List.of(new AddIndex("customer", idx))))).nonAtomic();
        assertThat(MigrationFiles.toJson(online)).contains("\"atomic\": false");
        assertThat(MigrationFiles.parse(MigrationFiles.toJson(online), "x")).isEqualTo(online);
        Migrator m = Migrator.builder(db, List.of(Shop.m1(), online)).build();
        if (s.engine() == Engine.POSTGRESQL) {
            // Inside the usual migration transaction PostgreSQL refuses CONCURRENTLY.
            Migrator atomic = Migrator.builder(db, List.of(Shop.m1(), new Migration(online.key(),
                    online.dependencies(), online.operations()))).build();
            assertThatThrownBy(() -> atomic.migrate(Target.latest()))
                    .hasMessageContaining("CREATE INDEX CONCURRENTLY cannot run inside a transaction block");
        }
        m.migrate(Target.latest());
        assertThat(Drift.differences(db, m)).isEmpty();
        assertThat(m.status()).allMatch(x -> x.applied() && !x.partial());
        m.migrate(Target.of("shop", "0001_initial"));
        assertThat(Drift.differences(db, m)).isEmpty();
    }
}
