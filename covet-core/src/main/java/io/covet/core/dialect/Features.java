package io.covet.core.dialect;

import io.covet.core.engine.Engine;

import java.util.EnumSet;
import java.util.Set;

import static io.covet.core.dialect.Feature.*;

/**
 * The version thresholds at which each engine gained each {@link Feature}.
 *
 * <p>This is the one table of engine capabilities: the runtime feeds it the live server's version and then
 * refines the result with probes that a version number cannot answer (JSON and FTS5 are compile-time options
 * of SQLite, for example).
 */
public final class Features {
    private Features() {
    }

    /**
     * The features an engine has at a version.
     *
     * @param optionalExtensions whether to assume compile-time options (SQLite json1, FTS5) are present
     */
    public static Set<Feature> forVersion(Engine engine, int major, int minor, boolean optionalExtensions) {
        EnumSet<Feature> f = EnumSet.of(CTE, SAVEPOINTS, CHECK_CONSTRAINTS);
        if (!engine.embedded()) {
            f.add(ALTER_ADD_CONSTRAINT);
        }
        // This table is where engine facts become capabilities, so it is the one place that must name engines.
        switch (engine) {
            case POSTGRESQL -> {
                f.addAll(EnumSet.of(RETURNING, UPDATE_RETURNING, WINDOW_FUNCTIONS, JSON, ROW_LOCKS, SKIP_LOCKED,
                        NOWAIT, TRANSACTIONAL_DDL, UPSERT_ON_CONFLICT, FULLTEXT_TSVECTOR, FULL_OUTER_JOIN, RIGHT_JOIN,
                        LATERAL, DISTINCT_ON, INTERSECT_EXCEPT, STREAMING_RESULTS, COPY, SEQUENCES, TWO_PHASE_COMMIT,
                        EXPORTED_SNAPSHOTS, ADVISORY_LOCKS, PARTIAL_INDEXES, CONCURRENT_INDEX, LOCK_OF, ARRAYS));
                if (major >= 12) {
                    f.add(GENERATED_COLUMNS);
                }
            }
            case MARIADB -> {
                f.addAll(EnumSet.of(WINDOW_FUNCTIONS, JSON, ROW_LOCKS, NOWAIT, UPSERT_ON_DUPLICATE_KEY,
                        FULLTEXT_MATCH_AGAINST, RIGHT_JOIN, INTERSECT_EXCEPT, STREAMING_RESULTS, SEQUENCES,
                        TWO_PHASE_COMMIT, ADVISORY_LOCKS, GENERATED_COLUMNS, INDEX_HINTS, FOREIGN_KEYS_NEED_INDEX, LOAD_DATA_LOCAL));
                if (major > 10 || (major == 10 && minor >= 5)) {
                    f.add(RETURNING);
                }
                if (major > 10 || (major == 10 && minor >= 6)) {
                    f.add(SKIP_LOCKED);
                }
            }
            case MYSQL -> {
                f.addAll(EnumSet.of(WINDOW_FUNCTIONS, JSON, ROW_LOCKS, NOWAIT, SKIP_LOCKED, UPSERT_ON_DUPLICATE_KEY,
                        FULLTEXT_MATCH_AGAINST, RIGHT_JOIN, STREAMING_RESULTS, TWO_PHASE_COMMIT, ADVISORY_LOCKS,
                        GENERATED_COLUMNS, INDEX_HINTS, LATERAL, FOREIGN_KEYS_NEED_INDEX, LOAD_DATA_LOCAL, LOCK_OF));
                if (major > 8 || (major == 8 && minor >= 0)) {
                    f.add(INTERSECT_EXCEPT); // 8.0.31; refined by the live probe
                }
            }
            case SQLITE -> {
                f.addAll(EnumSet.of(TRANSACTIONAL_DDL, PARTIAL_INDEXES, STREAMING_RESULTS, INTERSECT_EXCEPT,
                        INDEX_HINTS));
                if (atLeast(major, minor, 3, 24)) {
                    f.add(UPSERT_ON_CONFLICT);
                }
                if (atLeast(major, minor, 3, 25)) {
                    f.add(WINDOW_FUNCTIONS);
                }
                if (atLeast(major, minor, 3, 31)) {
                    f.add(GENERATED_COLUMNS);
                }
                if (atLeast(major, minor, 3, 35)) {
                    f.add(RETURNING);
                    f.add(UPDATE_RETURNING);
                }
                if (atLeast(major, minor, 3, 39)) {
                    f.add(FULL_OUTER_JOIN);
                    f.add(RIGHT_JOIN);
                }
                if (optionalExtensions) {
                    f.add(JSON);
                    f.add(FULLTEXT_FTS5);
                }
            }
            default -> throw new IllegalStateException("unhandled engine " + engine);
        }
        return f;
    }

    private static boolean atLeast(int major, int minor, int wantMajor, int wantMinor) {
        return major > wantMajor || (major == wantMajor && minor >= wantMinor);
    }
}
