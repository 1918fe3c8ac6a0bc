package io.covet.migrate;

import java.util.Objects;

/** Identifies a migration: its app and name, written {@code app.name}. */
public record MigrationKey(String app, String name) implements Comparable<MigrationKey> {
    /** Checks that the app has no dot and neither part is blank. */
    public MigrationKey {
        Objects.requireNonNull(app, "app");
        Objects.requireNonNull(name, "name");
        if (app.isBlank() || app.contains(".") || name.isBlank()) {
            throw new IllegalArgumentException("bad migration key " + app + "." + name
                    + ": the app must be non-empty without dots, the name non-empty");
        }
    }

    /**
     * Parses {@code app.name}.
     *
     * @throws IllegalArgumentException when there is no dot
     */
    public static MigrationKey parse(String text) {
        int dot = text.indexOf('.');
        if (dot <= 0) {
            throw new IllegalArgumentException("'" + text + "' is not a migration reference; write app.name, "
                    + "e.g. shop.0001_initial");
        }
        return new MigrationKey(text.substring(0, dot), text.substring(dot + 1));
    }

    @Override
    public int compareTo(MigrationKey o) {
        int c = app.compareTo(o.app);
        return c != 0 ? c : name.compareTo(o.name);
    }

    @Override
    public String toString() {
        return app + "." + name;
    }
}
