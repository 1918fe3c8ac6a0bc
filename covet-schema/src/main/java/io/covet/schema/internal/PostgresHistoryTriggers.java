package io.covet.schema.internal;

import io.covet.core.dialect.Dialect;
import io.covet.schema.HistoryTable;
import io.covet.schema.HistoryTriggers;
import io.covet.schema.Table;

import java.util.List;

/**
 * PostgreSQL: one PL/pgSQL function and one row trigger. The time is {@code clock_timestamp()}, not {@code now()}:
 * {@code now()} is the transaction's start, so a transaction that began earlier but took a row's lock later would
 * close that row's version before it began; the statement's own clock time follows the row-lock order. A version
 * whose start would still precede its predecessor's (a clock step back) starts at the predecessor's start instead.
 * An update of a row whose open version the same transaction ({@code txid_current()}) wrote rewrites that version
 * instead of adding one: one version per row and transaction.
 */
public final class PostgresHistoryTriggers implements HistoryTriggers {
    private final Dialect d;

    public PostgresHistoryTriggers(Dialect d) {
        this.d = d;
    }

    @Override
    public List<String> create(Table source, Table history) {
        HistorySql s = new HistorySql(d, source, history);
        String fn = s.q(HistoryTable.objectName(source.name(), "_fn"));
        String h = s.q(history.name());
        String body = "DECLARE\n"
                + "  ts timestamp := clock_timestamp() AT TIME ZONE 'UTC';\n"
                + "  prev timestamp;\n"
                + "  n bigint;\n"
                + "  hid bigint;\n"
                + "  mine boolean;\n"
                + "  who varchar := NULLIF(current_setting('covet.user', true), '');\n"
                + "  why varchar := NULLIF(current_setting('covet.reason', true), '');\n"
                + "  tx varchar := txid_current()::text;\n"
                + "BEGIN\n"
                + "  IF TG_OP = 'UPDATE' AND " + s.unchanged(c -> "OLD." + c + "::text IS NOT DISTINCT FROM NEW." + c
                + "::text") + " THEN\n"
                + "    RETURN NULL;\n"
                + "  END IF;\n"
                + "  IF TG_OP <> 'INSERT' THEN\n"
                + openVersions(s, "OLD")
                // a second update of a row in the transaction that wrote its open version rewrites that version
                + "    IF TG_OP = 'UPDATE' AND " + s.sameKey() + " AND mine THEN\n"
                + "      UPDATE " + h + " SET " + s.rewrite("who", "why") + " WHERE " + s.openVersion("OLD")
                + " AND " + s.q(HistoryTable.TXID) + " = tx;\n"
                + "      RETURN NULL;\n"
                + "    END IF;\n"
                + close(s, "OLD")
                + "  END IF;\n"
                + "  IF TG_OP = 'DELETE' THEN\n"
                + "    INSERT INTO " + h + " (" + s.insertColumns() + ") VALUES (" + s.values("OLD")
                + ", ts, '-', who, why, tx);\n"
                + "  ELSE\n"
                // a key written again after a delete closes the tombstone its delete left
                // (an update that keeps the key closed that key's open version with OLD already)
                + "    IF TG_OP = 'INSERT' OR NOT (" + s.sameKey() + ") THEN\n"
                + openVersions(s, "NEW")
                + close(s, "NEW")
                + "    END IF;\n"
                + "    INSERT INTO " + h + " (" + s.insertColumns() + ") VALUES (" + s.values("NEW")
                + ", ts, CASE TG_OP WHEN 'INSERT' THEN '+' ELSE '~' END, who, why, tx);\n"
                + "  END IF;\n"
                + "  RETURN NULL;\n"
                + "END";
        return List.of(
                // the search_path of the migration is kept with the function: a writer whose search_path differs
                // (another application) still finds the history table
                "CREATE OR REPLACE FUNCTION " + fn + "() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT "
                        + "AS $covet$\n" + body
                        + "\n$covet$",
                "CREATE TRIGGER " + s.q(HistoryTable.objectName(source.name(), "")) + " AFTER INSERT OR UPDATE OR "
                        + "DELETE ON " + s.q(source.name()) + " FOR EACH ROW EXECUTE FUNCTION " + fn + "()");
    }

    /**
     * One read of the open version(s) of {@code image}'s key: their latest start ({@code prev}), how many
     * ({@code n}, one unless the history was edited by hand), the key of the last ({@code hid}) and whether this
     * transaction wrote one ({@code mine}), through the as-of index (which holds {@code valid_to}, so only the open
     * version's row is fetched); once, where the collapse check, the start and the close each read it before.
     */
    private static String openVersions(HistorySql s, String image) {
        return "    SELECT max(" + s.q(HistoryTable.VALID_FROM) + "), count(*), max(" + s.q(HistoryTable.HISTORY_ID)
                + "), bool_or(" + s.q(HistoryTable.TXID) + " = tx) INTO prev, n, hid, mine FROM "
                + s.q(s.history.name()) + " WHERE " + s.openVersion(image) + ";\n";
    }

    /** Closes what {@link #openVersions} read at {@code ts}, moved to {@code prev} if the clock stepped back. */
    private static String close(HistorySql s, String image) {
        String set = "UPDATE " + s.q(s.history.name()) + " SET " + s.q(HistoryTable.VALID_TO) + " = ts WHERE ";
        return "    IF prev > ts THEN ts := prev; END IF;\n"
                + "    IF n = 1 THEN\n"
                + "      " + set + s.q(HistoryTable.HISTORY_ID) + " = hid;\n"
                + "    ELSIF n > 1 THEN\n"
                + "      " + set + s.openVersion(image) + ";\n"
                + "    END IF;\n";
    }

    @Override
    public List<String> drop(String source) {
        return List.of("DROP TRIGGER IF EXISTS " + d.quote(HistoryTable.objectName(source, "")) + " ON "
                        + d.quote(source),
                "DROP FUNCTION IF EXISTS " + d.quote(HistoryTable.objectName(source, "_fn")) + "()");
    }

    @Override
    public List<String> setContext() {
        return List.of("SELECT set_config('covet.user', coalesce(?, ''), true), set_config('covet.reason', coalesce(?, ''), true)");
    }

    @Override
    public List<String> clearContext() {
        return List.of("SELECT set_config('covet.user', '', true), set_config('covet.reason', '', true)");
    }

    @Override
    public String tableCount(String table) {
        return "(CASE WHEN to_regclass('" + table + "') IS NULL THEN 0 ELSE 1 END)";
    }
}
