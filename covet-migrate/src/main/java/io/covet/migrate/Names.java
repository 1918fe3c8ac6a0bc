package io.covet.migrate;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * Generated names for indexes and constraints: {@code <table>_<columns>_<suffix>}, shortened with a stable hash
 * when longer than 63 characters (PostgreSQL's limit, the strictest of the three engines).
 */
public final class Names {
    private static final int MAX = 63;

    private Names() {
    }

    /** A deterministic name such as {@code book_author_id_fk}. */
    public static String of(String table, List<String> columns, String suffix) {
        String full = table + "_" + String.join("_", columns) + "_" + suffix;
        if (full.length() <= MAX) {
            return full;
        }
        String hash = hash(full).substring(0, 8);
        String head = full.substring(0, MAX - suffix.length() - hash.length() - 2);
        return head + "_" + hash + "_" + suffix;
    }

    static String hash(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
