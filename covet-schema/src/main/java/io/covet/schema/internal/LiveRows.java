package io.covet.schema.internal;

import io.covet.schema.Index;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Unique indexes over live rows ({@code UNIQUE … WHERE <column> IS NULL}, what a soft-delete model's unique fields
 * become) on MariaDB, which has no partial indexes: the name of the invisible generated column that stands in for the
 * condition, and how to recognise such an index on both sides (the DDL renderer and the catalog reader).
 */
public final class LiveRows {
    private static final Pattern IS_NULL = Pattern.compile("\\s*[`\"]?([A-Za-z_][A-Za-z0-9_]*)[`\"]?\\s+IS\\s+NULL\\s*",
            Pattern.CASE_INSENSITIVE);
    /** The suffix of the generated column: {@code deleted_at} → {@code deleted_at_live}. */
    public static final String SUFFIX = "_live";

    private LiveRows() {
    }

    /** The column of a unique index's {@code <column> IS NULL} condition, or null for any other index. */
    public static String column(Index i) {
        if (!i.unique() || i.where() == null) {
            return null;
        }
        Matcher m = IS_NULL.matcher(i.where());
        return m.matches() ? m.group(1) : null;
    }

    /** The generated column standing in for {@code <column> IS NULL}. */
    public static String flagColumn(String column) {
        String name = column + SUFFIX;
        return name.length() <= 64 ? name : name.substring(0, 64 - SUFFIX.length()) + SUFFIX;
    }
}
