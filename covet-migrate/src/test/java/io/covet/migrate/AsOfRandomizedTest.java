package io.covet.migrate;

import io.covet.core.Database;
import io.covet.migrate.history.Account;
import io.covet.migrate.history.Account_;
import io.covet.orm.Orm;
import io.covet.testing.AllEngines;
import io.covet.testing.Scratch;

/**
 * As-of correctness under concurrent writers, on each engine, for history written by triggers: the
 * {@link AsOfRandomizedScenario} on {@link Account}.
 */
class AsOfRandomizedTest {
    private static final AsOfRandomizedScenario.Tracked<Account> ACCOUNT = new AsOfRandomizedScenario.Tracked<>(
            Account_.TYPE, Account_.ID, "account_history", Account::new, Account::id, Account::owner,
            Account::balance, Account::balance);

    @AllEngines
    void asOfMatchesTheRecordedStateAtRandomInstants(Scratch s) throws Exception {
        Database db = s.open(b -> b.maxPoolSize(4));
        Orm orm = HistoryCaptureTest.migrated(db);
        AsOfRandomizedScenario.run(s, db, orm, ACCOUNT);
    }
}
