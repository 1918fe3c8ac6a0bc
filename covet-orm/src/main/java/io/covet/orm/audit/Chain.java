package io.covet.orm.audit;

import io.covet.core.Database;
import io.covet.core.Row;
import io.covet.core.dialect.Dialect;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The chain table and its hashes. Entry {@code n}'s hash covers its position, kind, history table and id, the
 * content hash, the note, the sealing time and entry {@code n-1}'s hash, so changing or removing any entry breaks
 * every later link. A row's content hash covers every non-null column of the history row except {@code valid_to},
 * which the triggers set when the next version begins.
 */
final class Chain {
    static final String TABLE = "covet_audit_chain";
    static final String RELEASED = "covet_audit_released";
    static final String ZERO = "0".repeat(64);
    static final String HORIZON = io.covet.schema.HistoryTable.HORIZON_TABLE;

    private Chain() {
    }

    static List<String> ddl(Dialect d) {
        String big = "BIGINT";
        return List.of("CREATE TABLE IF NOT EXISTS " + d.quote(TABLE) + " (" + d.quote("seq") + " " + big
                        + " NOT NULL PRIMARY KEY, " + d.quote("kind") + " VARCHAR(8) NOT NULL, "
                        + d.quote("history_table") + " VARCHAR(200), " + d.quote("history_id") + " " + big + ", "
                        + d.quote("content_hash") + " VARCHAR(64) NOT NULL, " + d.quote("note") + " VARCHAR(2000), "
                        + d.quote("sealed_at") + " VARCHAR(40) NOT NULL, " + d.quote("prev_hash")
                        + " VARCHAR(64) NOT NULL, " + d.quote("entry_hash") + " VARCHAR(64) NOT NULL, UNIQUE ("
                        + d.quote("history_table") + ", " + d.quote("history_id") + "))",
                "CREATE TABLE IF NOT EXISTS " + d.quote(RELEASED) + " (" + d.quote("marker") + " " + big
                        + " NOT NULL, " + d.quote("history_table") + " VARCHAR(200) NOT NULL, "
                        + d.quote("history_id") + " " + big + " NOT NULL, PRIMARY KEY (" + d.quote("history_table")
                        + ", " + d.quote("history_id") + "))",
                io.covet.schema.HistoryTable.horizonDdl(d));
    }

    /** One stored entry. */
    record Entry(long seq, String kind, String table, Long historyId, String content, String note, String sealedAt,
                 String prev, String hash) {
        String expectedHash() {
            return Chain.hash(seq, kind, table, historyId, content, note, sealedAt, prev);
        }
    }

    static Entry read(Row r) {
        Object hid = r.get("history_id");
        return new Entry(r.getLong("seq"), r.getString("kind"), r.getString("history_table"),
                hid == null ? null : ((Number) hid).longValue(), r.getString("content_hash"), r.getString("note"),
                r.getString("sealed_at"), r.getString("prev_hash"), r.getString("entry_hash"));
    }

    static List<Entry> all(Database db) {
        return db.sql("SELECT * FROM " + db.dialect().quote(TABLE) + " ORDER BY " + db.dialect().quote("seq")).list()
                .stream().map(Chain::read).toList();
    }

    /** Appends an entry after {@code head} (null for the first); returns it. */
    static Entry append(Database db, Entry head, String kind, String table, Long historyId, String content,
                        String note) {
        long seq = head == null ? 1 : head.seq() + 1;
        String prev = head == null ? ZERO : head.hash();
        String at = Instant.now().toString();
        Entry e = new Entry(seq, kind, table, historyId, content, note, at, prev,
                hash(seq, kind, table, historyId, content, note, at, prev));
        Dialect d = db.dialect();
        db.sql("INSERT INTO " + d.quote(TABLE) + " (" + d.quote("seq") + ", " + d.quote("kind") + ", "
                        + d.quote("history_table") + ", " + d.quote("history_id") + ", " + d.quote("content_hash") + ", "
                        + d.quote("note") + ", " + d.quote("sealed_at") + ", " + d.quote("prev_hash") + ", "
                        + d.quote("entry_hash") + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                seq, kind, table, historyId, content, note, at, prev, e.hash()).execute();
        return e;
    }

    static String hash(long seq, String kind, String table, Long historyId, String content, String note,
                       String sealedAt, String prev) {
        StringBuilder b = new StringBuilder();
        for (Object part : new Object[]{seq, kind, table, historyId, content, note, sealedAt, prev}) {
            field(b, part == null ? null : part.toString());
        }
        return sha(b.toString());
    }

    /** The content hash of one history row: its non-null columns but {@code valid_to}, by lower-case name. */
    static String content(Row r) {
        Map<String, String> cols = new TreeMap<>();
        for (String label : r.labels()) {
            String name = label.toLowerCase(Locale.ROOT);
            String v = r.getString(label);
            if (v != null && !name.equals("valid_to")) {
                cols.put(name, v);
            }
        }
        StringBuilder b = new StringBuilder();
        cols.forEach((k, v) -> {
            field(b, k);
            field(b, v);
        });
        return sha(b.toString());
    }

    /** The content hash of a prune or erase marker: the sorted released rows. */
    static String released(List<String> tableAndIds) {
        StringBuilder b = new StringBuilder();
        tableAndIds.stream().sorted().forEach(s -> field(b, s));
        return sha(b.toString());
    }

    private static void field(StringBuilder b, String s) {
        if (s == null) {
            b.append("-1:");
        } else {
            b.append(s.length()).append(':').append(s);
        }
        b.append(';');
    }

    static String sha(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
