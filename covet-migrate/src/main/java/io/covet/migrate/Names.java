package io.covet.migrate;

import io.covet.orm.OrmSchema;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * Generated names for indexes and constraints: {@code <table>_<columns>_<suffix>}, shortened with a stable hash
 * when longer than 63 characters (PostgreSQL's limit, the strictest of the three engines). The rule is
 * {@link OrmSchema#generatedName}'s, so that migrations and the ORM's {@code createTables()} name alike.
 */
public final class Names {
    private Names() {
    }

    /** A deterministic name such as {@code book_author_id_fk}. */
    public static String of(String table, List<String> columns, String suffix) {
        return OrmSchema.generatedName(table, columns, suffix);
    }

    static String hash(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
