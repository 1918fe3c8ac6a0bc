package io.covet.orm.audit;

import io.covet.core.Database;
import io.covet.core.Row;
import io.covet.core.dialect.Dialect;
import io.covet.orm.OrmUsageException;
import io.covet.orm.Version;
import io.covet.schema.HistoryTable;
import io.covet.schema.HistoryTriggers;
import io.covet.schema.Introspector;
import io.covet.schema.Schema;
import io.covet.schema.Table;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The audit trail of a database: every version of every history table (found in the live schema, so no models are
 * needed) as one log, and a hash chain that makes edits and deletions of sealed versions evident.
 *
 * <p>{@link #seal()} appends each history row not yet in the chain to {@value Chain#TABLE}, oldest first; each entry
 * holds a hash of the row's content and a hash over itself and the previous entry. {@link #verify()} recomputes
 * both and names the position of every edited or deleted entry. {@link #prune(Instant)} and {@link #erase} delete
 * versions and record what they deleted as a marker entry in the chain, so the chain still verifies and the deletion
 * is visible. What is protected and from when is in {@code docs/history.md}: versions from the moment they are
 * sealed; a version never sealed, and the last entries of the chain unless its head hash is kept elsewhere, are not.
 *
 * <p>Reads hold every version of the tables involved in memory: meant for operations and audits, not for serving
 * requests.
 */
public final class AuditTrail {
    /** The tables the chain lives in (created by the first {@link #seal()}; outside the migrations' state). */
    public static final List<String> TABLES = List.of(Chain.TABLE, Chain.RELEASED, Chain.HORIZON);
    private final Database db;
    private final Dialect d;

    private record Tracked(String model, String history, List<String> key) {
    }

    private AuditTrail(Database db) {
        this.db = db;
        this.d = db.dialect();
    }

    /** The audit trail of {@code db}. */
    public static AuditTrail of(Database db) {
        return new AuditTrail(Objects.requireNonNull(db, "db"));
    }

    private List<Tracked> tracked() {
        Schema s = Introspector.read(db);
        List<Tracked> out = new ArrayList<>();
        for (Table t : s.tables()) {
            if (HistoryTable.isHistory(t)) {
                HistoryTable.sourceOf(s, t).ifPresent(src -> out.add(new Tracked(src.name(), t.name(),
                        src.primaryKey())));
            }
        }
        out.sort(Comparator.comparing(Tracked::history));
        return out;
    }

    /** The tracked tables (those with a history table), by name. */
    public List<String> models() {
        return tracked().stream().map(Tracked::model).sorted().toList();
    }

    private List<Row> rows(String history) {
        return db.sql("SELECT * FROM " + d.quote(history) + " ORDER BY " + d.quote(HistoryTable.HISTORY_ID)).list();
    }

    private static String key(Row r, List<String> key) {
        return key.stream().map(r::getString).collect(Collectors.joining(","));
    }

    private static Instant instant(String text) {
        return text == null ? null : LocalDateTime.parse(text.replace(' ', 'T')).toInstant(ZoneOffset.UTC);
    }

    /**
     * The log entries {@code filter} selects, in time order (then table, then {@code history_id}): one per
     * version, with the columns it changed relative to the row's previous version.
     *
     * @throws OrmUsageException when {@code filter} names a model that has no history table
     */
    /**
     * Refuses a MariaDB system-versioned {@code table} by name: it has versions, but no user, reason or chain, so it
     * is not part of the audit log.
     */
    private void requireNotSystemVersioned(String table) {
        if (db.dialect().family() == io.covet.core.engine.Engine.MARIADB && db.sql("SELECT COUNT(*) AS n FROM "
                + "information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? AND TABLE_TYPE = "
                + "'SYSTEM VERSIONED'", table).list().get(0).getLong("n") > 0) {
            throw new io.covet.core.error.UnsupportedFeature(io.covet.core.engine.Engine.MARIADB, "audit log of the "
                    + "system-versioned table " + table, "System versioning records no user, reason or changeset, so "
                    + "its versions are not in the audit trail; read them with orm.history(obj), or use @History with "
                    + "the default capture (TRIGGERS) for an attributed, hash-chained audit log.");
        }
    }

    public List<AuditEntry> log(AuditFilter filter) {
        List<Tracked> all = tracked();
        if (filter.model() != null && all.stream().noneMatch(t -> t.model().equals(filter.model()))) {
            requireNotSystemVersioned(filter.model());
            throw new OrmUsageException("audit log: " + filter.model() + " has no history table; tracked tables: "
                    + all.stream().map(Tracked::model).toList());
        }
        List<AuditEntry> out = new ArrayList<>();
        for (Tracked t : all) {
            if (filter.model() != null && !t.model().equals(filter.model())) {
                continue;
            }
            Set<String> book = Set.copyOf(HistoryTable.BOOKKEEPING);
            Map<String, Row> previous = new HashMap<>();
            for (Row r : rows(t.history())) {
                String k = key(r, t.key());
                Row prev = previous.put(k, r);
                Map<String, Version.Change> changes = new LinkedHashMap<>();
                boolean delete = "-".equals(r.getString(HistoryTable.CHANGE_TYPE));
                for (String c : r.labels()) {
                    if (book.contains(c.toLowerCase(java.util.Locale.ROOT))) {
                        continue;
                    }
                    String before = prev == null || "-".equals(prev.getString(HistoryTable.CHANGE_TYPE)) ? null
                            : prev.getString(c);
                    String after = delete ? null : r.getString(c);
                    if (delete) {
                        before = r.getString(c);
                    }
                    if (!Objects.equals(before, after)) {
                        changes.put(c, new Version.Change(before, after));
                    }
                }
                AuditEntry e = new AuditEntry(t.model(), k, r.getLong(HistoryTable.HISTORY_ID),
                        instant(r.getString(HistoryTable.VALID_FROM)), r.getString(HistoryTable.CHANGE_TYPE),
                        r.getString(HistoryTable.CHANGED_BY), r.getString(HistoryTable.CHANGE_REASON),
                        r.getString(HistoryTable.TXID), changes);
                if ((filter.key() == null || filter.key().equals(k))
                        && (filter.user() == null || filter.user().equals(e.user()))
                        && (filter.since() == null || !e.at().isBefore(filter.since()))) {
                    out.add(e);
                }
            }
        }
        out.sort(Comparator.comparing(AuditEntry::at).thenComparing(AuditEntry::model)
                .thenComparingLong(AuditEntry::historyId));
        return out;
    }

    private void ensureChain() {
        Chain.ddl(d).forEach(s -> db.sql(s).execute());
    }

    private boolean chainExists() {
        Schema s = Introspector.read(db, n -> n.equals(Chain.TABLE) || n.equals(Chain.RELEASED));
        return s.table(Chain.TABLE).isPresent() && s.table(Chain.RELEASED).isPresent();
    }

    private static Chain.Entry last(List<Chain.Entry> chain) {
        return chain.isEmpty() ? null : chain.get(chain.size() - 1);
    }

    /**
     * Appends every committed history row not yet in the chain, ordered by version start, then table, then
     * {@code history_id}; creates the chain tables when missing. One transaction: a concurrent seal fails on the
     * chain's primary key and changes nothing (run it again).
     *
     * @return how many entries were added
     */
    public int seal() {
        ensureChain();
        return db.atomic(tx -> sealIn(tracked()));
    }

    private record Pending(String table, long id, String from, String content) {
    }

    private int sealIn(List<Tracked> all) {
        List<Chain.Entry> chain = Chain.all(db);
        Set<String> sealed = new HashSet<>();
        chain.forEach(e -> sealed.add(e.table() + "\u0000" + e.historyId()));
        List<Pending> pending = new ArrayList<>();
        for (Tracked t : all) {
            for (Row r : rows(t.history())) {
                long id = r.getLong(HistoryTable.HISTORY_ID);
                if (!sealed.contains(t.history() + "\u0000" + id)) {
                    pending.add(new Pending(t.history(), id, r.getString(HistoryTable.VALID_FROM), Chain.content(r)));
                }
            }
        }
        pending.sort(Comparator.comparing(Pending::from).thenComparing(Pending::table).thenComparingLong(Pending::id));
        Chain.Entry head = last(chain);
        for (Pending p : pending) {
            head = Chain.append(db, head, "row", p.table(), p.id(), p.content(), null);
        }
        return pending.size();
    }

    /**
     * Recomputes the chain: each entry's hash and link to the one before, each sealed row's content (an edited row,
     * a row gone without a prune or erase marker naming it), and each marker's list of released rows. Changes
     * nothing.
     */
    public Verification verify() {
        if (!chainExists()) {
            return new Verification(0, Chain.ZERO, countAll(tracked()), List.of());
        }
        List<Tracked> all = tracked();
        List<Chain.Entry> chain = Chain.all(db);
        List<Verification.Problem> problems = new ArrayList<>();
        Map<String, Long> releasedBy = new HashMap<>();
        Map<Long, List<String>> releasedOf = new HashMap<>();
        for (Row r : db.sql("SELECT * FROM " + d.quote(Chain.RELEASED)).list()) {
            String k = r.getString("history_table") + ":" + r.getLong("history_id");
            releasedBy.put(k, r.getLong("marker"));
            releasedOf.computeIfAbsent(r.getLong("marker"), m -> new ArrayList<>()).add(k);
        }
        Map<String, Map<Long, String>> contents = new HashMap<>();
        for (Tracked t : all) {
            Map<Long, String> byId = new HashMap<>();
            rows(t.history()).forEach(r -> byId.put(r.getLong(HistoryTable.HISTORY_ID), Chain.content(r)));
            contents.put(t.history(), byId);
        }
        Set<String> sealed = new HashSet<>();
        String prev = Chain.ZERO;
        long expected = 1;
        for (Chain.Entry e : chain) {
            if (e.seq() != expected) {
                problems.add(new Verification.Problem(expected, "entries " + expected + ".." + (e.seq() - 1)
                        + " were deleted from " + Chain.TABLE));
            } else if (!e.prev().equals(prev)) {
                problems.add(new Verification.Problem(e.seq(), "the link to the previous entry is broken (an entry "
                        + "before it was edited or replaced)"));
            }
            if (!e.hash().equals(e.expectedHash())) {
                problems.add(new Verification.Problem(e.seq(), "the chain entry itself was edited"));
            }
            prev = e.hash();
            expected = e.seq() + 1;
            if (e.kind().equals("row")) {
                String k = e.table() + ":" + e.historyId();
                sealed.add(e.table() + "\u0000" + e.historyId());
                String now = contents.getOrDefault(e.table(), Map.of()).get(e.historyId());
                if (now == null) {
                    if (!releasedBy.containsKey(k)) {
                        problems.add(new Verification.Problem(e.seq(), e.table() + " history_id " + e.historyId()
                                + " was deleted (no prune or erase recorded it)"));
                    }
                } else if (!now.equals(e.content())) {
                    problems.add(new Verification.Problem(e.seq(), e.table() + " history_id " + e.historyId()
                            + " was edited after it was sealed"));
                }
            } else if (!Chain.released(releasedOf.getOrDefault(e.seq(), List.of())).equals(e.content())) {
                problems.add(new Verification.Problem(e.seq(), "the rows released by this " + e.kind() + " marker ("
                        + e.note() + ") were altered in " + Chain.RELEASED));
            }
        }
        long unsealed = 0;
        for (Tracked t : all) {
            unsealed += contents.get(t.history()).keySet().stream()
                    .filter(id -> !sealed.contains(t.history() + "\u0000" + id)).count();
        }
        return new Verification(chain.size(), prev, unsealed, problems);
    }

    /**
     * {@link #verify()}, and also a problem when no entry has the hash {@code knownHead} (a head printed by an
     * earlier verify and kept outside the database): the chain was cut back or rewritten since.
     */
    public Verification verify(String knownHead) {
        Verification v = verify();
        if (!chainExists() || Chain.all(db).stream().noneMatch(e -> e.hash().equals(knownHead))) {
            List<Verification.Problem> p = new ArrayList<>(v.problems());
            p.add(new Verification.Problem(v.entries() + 1, "no entry has the head hash " + knownHead
                    + ": entries were removed from the end of the chain, or it was rewritten"));
            return new Verification(v.entries(), v.headHash(), v.unsealed(), p);
        }
        return v;
    }

    private long countAll(List<Tracked> all) {
        long n = 0;
        for (Tracked t : all) {
            n += db.sql("SELECT COUNT(*) AS n FROM " + d.quote(t.history())).list().get(0).getLong("n");
        }
        return n;
    }

    /**
     * Deletes the versions that ended at or before {@code before} (and deletion records that began by then) from
     * every history table, after sealing, and appends a {@code prune} marker naming them: the chain still verifies,
     * and shows the prune. Current versions are kept. Each history table that lost versions records {@code before}
     * as its prune point in {@value io.covet.schema.HistoryTable#HORIZON_TABLE}: {@code asOf} an earlier instant is
     * then refused, naming it, instead of answering without the pruned versions.
     *
     * @return how many versions were deleted
     */
    public int prune(Instant before) {
        Objects.requireNonNull(before, "before");
        ensureChain();
        Object t = HistoryTriggers.of(d).timeValue(before);
        String vt = d.quote(HistoryTable.VALID_TO);
        String vf = d.quote(HistoryTable.VALID_FROM);
        return db.atomic(tx -> {
            List<Tracked> all = tracked();
            sealIn(all);
            Map<String, List<Long>> doomed = new LinkedHashMap<>();
            for (Tracked tr : all) {
                List<Long> ids = db.sql("SELECT " + d.quote(HistoryTable.HISTORY_ID) + " AS id FROM "
                        + d.quote(tr.history()) + " WHERE (" + vt + " IS NOT NULL AND " + vt + " <= ?) OR ("
                        + d.quote(HistoryTable.CHANGE_TYPE) + " = '-' AND " + vf + " <= ?)", t, t).list()
                        .stream().map(r -> r.getLong("id")).toList();
                doomed.put(tr.history(), ids);
            }
            int n = release("prune", "versions that ended at or before " + before, doomed);
            if (n > 0) {
                long marker = last(Chain.all(db)).seq();
                doomed.forEach((history, ids) -> {
                    if (!ids.isEmpty()) {
                        raiseHorizon(history, before, marker);
                    }
                });
            }
            return n;
        });
    }

    /**
     * Erases every version of one row (GDPR erasure of a subject's history) from {@code model}'s history table,
     * after sealing, and appends an {@code erase} marker naming the erased versions (their chain entries keep only
     * hashes). The live row is not touched.
     *
     * @param key the row's primary key as text, as {@link AuditEntry#key()} shows it
     * @return how many versions were erased
     * @throws OrmUsageException when {@code model} has no history table
     */
    public int erase(String model, String key) {
        ensureChain();
        return db.atomic(tx -> {
            List<Tracked> all = tracked();
            Tracked tr = all.stream().filter(x -> x.model().equals(model)).findFirst().orElseThrow(() ->
                    new OrmUsageException("audit erase: " + model + " has no history table; tracked tables: "
                            + all.stream().map(Tracked::model).toList()));
            sealIn(all);
            List<Long> ids = rows(tr.history()).stream().filter(r -> key(r, tr.key()).equals(key))
                    .map(r -> r.getLong(HistoryTable.HISTORY_ID)).toList();
            return release("erase", "every version of " + model + " key " + key, Map.of(tr.history(), ids));
        });
    }

    /** Records that {@code history} holds no version that ended at or before {@code before} any more. */
    private void raiseHorizon(String history, Instant before, long marker) {
        String h = d.quote(Chain.HORIZON);
        List<Row> now = db.sql("SELECT " + d.quote("pruned_before") + " AS p FROM " + h + " WHERE "
                + d.quote("history_table") + " = ?", history).list();
        if (now.isEmpty()) {
            db.sql("INSERT INTO " + h + " (" + d.quote("history_table") + ", " + d.quote("pruned_before") + ", "
                    + d.quote("marker") + ") VALUES (?, ?, ?)", history, before.toString(), marker).execute();
        } else if (Instant.parse(now.get(0).getString("p")).isBefore(before)) {
            db.sql("UPDATE " + h + " SET " + d.quote("pruned_before") + " = ?, " + d.quote("marker") + " = ? WHERE "
                    + d.quote("history_table") + " = ?", before.toString(), marker, history).execute();
        }
    }

    private int release(String kind, String what, Map<String, List<Long>> doomed) {
        List<String> names = new ArrayList<>();
        doomed.forEach((table, ids) -> ids.forEach(id -> names.add(table + ":" + id)));
        if (names.isEmpty()) {
            return 0;
        }
        Chain.Entry marker = Chain.append(db, last(Chain.all(db)), kind, null, null, Chain.released(names),
                kind + " of " + names.size() + " versions: " + what);
        for (Map.Entry<String, List<Long>> e : doomed.entrySet()) {
            for (Long id : e.getValue()) {
                db.sql("INSERT INTO " + d.quote(Chain.RELEASED) + " (" + d.quote("marker") + ", "
                        + d.quote("history_table") + ", " + d.quote("history_id") + ") VALUES (?, ?, ?)",
                        marker.seq(), e.getKey(), id).execute();
                db.sql("DELETE FROM " + d.quote(e.getKey()) + " WHERE " + d.quote(HistoryTable.HISTORY_ID) + " = ?",
                        id).execute();
            }
        }
        return names.size();
    }
}
