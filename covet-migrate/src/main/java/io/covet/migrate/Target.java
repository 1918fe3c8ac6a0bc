package io.covet.migrate;

/**
 * Where {@code migrate} should leave the database: every migration applied ({@link #latest()}), an app at a given
 * migration (forwards or backwards), or an app with none applied ({@link #zero(String)}).
 */
public record Target(String app, String name) {
    /** Everything applied. */
    public static Target latest() {
        return new Target(null, null);
    }

    /** The app at migration {@code name}. */
    public static Target of(String app, String name) {
        return new Target(app, name);
    }

    /** The app with none of its migrations applied. */
    public static Target zero(String app) {
        return new Target(app, "zero");
    }

    /** Whether this means every migration applied. */
    public boolean isLatest() {
        return app == null;
    }

    /** Whether this means none of the app applied. */
    public boolean isZero() {
        return "zero".equals(name);
    }
}
