package io.covet.migrate;

import io.covet.core.Database;
import io.covet.migrate.history.app.Purse;
import io.covet.migrate.history.app.Purse_;
import io.covet.orm.Orm;
import io.covet.testing.AllEngines;
import io.covet.testing.Scratch;

/**
 * As-of correctness under concurrent writers, on each engine, for history the ORM writes itself
 * ({@code @History(capture = APPLICATION)}): the {@link AsOfRandomizedScenario} on {@link Purse}.
 */
class AppCaptureRandomizedTest {
    private static final AsOfRandomizedScenario.Tracked<Purse> PURSE = new AsOfRandomizedScenario.Tracked<>(
            Purse_.TYPE, Purse_.ID, "purse_history", Purse::new, Purse::id, Purse::owner, Purse::balance,
            Purse::balance);

    @AllEngines
    void asOfMatchesTheRecordedStateAtRandomInstants(Scratch s) throws Exception {
        Database db = s.open(b -> b.maxPoolSize(4));
        AppCaptureTest.migrate(db);
        Orm orm = Orm.builder().database(db).models(Purse_.TYPE).build();
        AsOfRandomizedScenario.run(s, db, orm, PURSE);
    }
}
