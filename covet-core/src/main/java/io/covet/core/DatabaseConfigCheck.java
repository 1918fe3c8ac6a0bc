package io.covet.core;

import io.covet.core.error.ConfigurationException;
import io.covet.core.pool.PoolSettings;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The validation {@link DatabaseConfig.Builder#build()} runs: every setting is checked before anything is refused,
 * so one {@link ConfigurationException} lists all the problems, each naming the setting and what to do; and the
 * defaults that depend on the URL.
 */
final class DatabaseConfigCheck {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");

    /** What valid settings resolve to: the URL with the builder's credentials, and the pool's effective settings. */
    record Resolved(DatabaseUrl url, PoolSettings pool) {
    }

    private DatabaseConfigCheck() {
    }

    /** Whether {@code key} belongs to covet-observe: {@code slow-query-threshold} or {@code observe.<key>}. */
    static boolean isObservabilityKey(String key) {
        return key.equals("slow-query-threshold") || (key.startsWith("observe.") && key.length() > "observe.".length());
    }

    /** The pool size when none is set: 10 for a server, 4 for a SQLite file, 1 for {@code sqlite::memory:}. */
    static int defaultPoolSize(DatabaseUrl url) {
        if (url == null || !url.engine().embedded()) {
            return 10;
        }
        return url.inMemory() ? 1 : 4;
    }

    /**
     * Checks every setting of {@code b} and resolves its URL and pool settings.
     *
     * @throws ConfigurationException listing every problem found
     */
    static Resolved check(DatabaseConfig.Builder b) {
        List<String> problems = new ArrayList<>();
        String name = b.name;
        if (name == null || !NAME.matcher(name).matches()) {
            problems.add("database name '" + name + "' is invalid: use lower-case letters, digits and '_', "
                    + "starting with a letter");
        }
        DatabaseUrl url = b.parsedUrl;
        if (b.urlText != null) {
            try {
                url = DatabaseUrl.parse(b.urlText);
            } catch (ConfigurationException e) {
                problems.add(e.getMessage());
            }
        }
        if (url == null && b.dataSource == null && b.urlText == null) {
            problems.add("database '" + name + "' has neither a URL nor a DataSource: set url (e.g. sqlite:covet.db)");
        }
        if ((b.urlText != null || b.parsedUrl != null) && b.dataSource != null) {
            problems.add("database '" + name + "' has both a URL and a DataSource: give one");
        }
        if (url != null && (b.user != null || b.password != null)) {
            url = url.withCredentials(b.user != null ? b.user : url.user().orElse(null),
                    b.password != null ? b.password : url.password().orElse(null));
        }
        if (b.maxPoolSize < 0) {
            problems.add("maxPoolSize must be at least 1");
        }
        if (url != null && url.inMemory() && b.maxPoolSize > 1) {
            problems.add("maxPoolSize must be 1 for sqlite::memory: (every connection would see its own empty "
                    + "database); use a file for a larger pool");
        }
        if (b.connectionTimeout == null || b.connectionTimeout.toMillis() < 250) {
            problems.add("connectionTimeout must be at least 250ms, was " + b.connectionTimeout);
        }
        if (b.queryTimeout == null || b.queryTimeout.isNegative()) {
            problems.add("queryTimeout must be zero (none) or positive, was " + b.queryTimeout);
        }
        if (b.streamFetchSize < 1) {
            problems.add("streamFetchSize must be at least 1, was " + b.streamFetchSize);
        }
        if (b.sqliteBusyTimeout == null || b.sqliteBusyTimeout.isNegative()) {
            problems.add("sqliteBusyTimeout must be zero or positive, was " + b.sqliteBusyTimeout);
        }
        if (b.longTransactionThreshold == null || b.longTransactionThreshold.isNegative()) {
            problems.add("longTransactionThreshold must be zero (off) or positive, was " + b.longTransactionThreshold);
        }
        for (String key : b.observability.keySet()) {
            if (!isObservabilityKey(key)) {
                problems.add("observability setting '" + key + "' is not one: use slow-query-threshold or "
                        + "observe.<key>");
            }
        }
        problems.addAll(b.interceptorProblems);
        if (b.replicas != null && b.dataSource != null) {
            problems.add("database '" + name + "' has replicas but runs on a caller-provided DataSource: give "
                    + "the primary's URL so that Covet opens a pool per node");
        }
        PoolSettings effective = effectivePool(b, url, problems);
        if (!problems.isEmpty()) {
            throw new ConfigurationException(problems);
        }
        return new Resolved(url, effective);
    }

    /** The pool settings with the builder's sizes and timeout; problems go to {@code problems}. */
    private static PoolSettings effectivePool(DatabaseConfig.Builder b, DatabaseUrl url, List<String> problems) {
        int max = b.maxPoolSize > 0 ? b.maxPoolSize : defaultPoolSize(url);
        if (b.minIdle > max) {
            problems.add("minIdle (" + b.minIdle + ") is above maxPoolSize (" + max + "): lower minIdle or raise "
                    + "maxPoolSize");
        }
        try {
            PoolSettings.Builder p = b.pool.toBuilder().maxSize(Math.max(1, max))
                    .minIdle(b.minIdle >= 0 ? Math.min(b.minIdle, max) : Math.min(2, max));
            if (b.connectionTimeout != null && b.connectionTimeout.toMillis() >= 250) {
                p.acquireTimeout(b.connectionTimeout);
            }
            return p.build();
        } catch (ConfigurationException e) {
            problems.addAll(e.problems());
            return null;
        }
    }
}
