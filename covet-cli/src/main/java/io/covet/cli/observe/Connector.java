package io.covet.cli.observe;

import io.covet.core.Database;
import io.covet.core.DatabaseConfig;
import io.covet.core.DatabaseUrl;
import io.covet.core.error.CovetException;
import io.covet.observe.Observability;
import io.covet.observe.http.DatabaseStatus;

/**
 * The database {@code covet serve} watches: opened when it can be, otherwise shown DOWN on the page with the
 * reason, and opened again on each {@link #tryOpen()} until it works. Thread-safe.
 */
final class Connector implements DatabaseStatus {
    private final Observability observability;
    private final DatabaseConfig instrumented;
    private volatile Database database;
    private volatile String reason = "not connected yet";

    Connector(Observability observability, DatabaseConfig instrumented) {
        this.observability = observability;
        this.instrumented = instrumented;
    }

    /**
     * Opens the database and attaches it, unless that was done already.
     *
     * @return whether it is open now
     */
    synchronized boolean tryOpen() {
        if (database != null) {
            return true;
        }
        try {
            Database db = Database.open(instrumented);
            observability.attach(db);
            database = db;
            return true;
        } catch (CovetException e) {
            reason = firstLine(e.getMessage());
            return false;
        }
    }

    /** The open database, or null while it is down. */
    Database database() {
        return database;
    }

    @Override
    public String name() {
        return instrumented.name();
    }

    @Override
    public String engine() {
        return instrumented.url().map(DatabaseUrl::engine).map(e -> e.scheme()).orElse("");
    }

    @Override
    public boolean down() {
        return database == null;
    }

    @Override
    public String reason() {
        return reason;
    }

    synchronized void close() {
        if (database != null) {
            database.close();
            database = null;
        }
    }

    static String firstLine(String m) {
        if (m == null) {
            return "unknown failure";
        }
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
