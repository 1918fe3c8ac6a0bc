package io.covet.test.internal;

/** For the extension's own tests: how many engines a default {@code @CovetTest} class runs on. */
public final class CovetExtensionAccess {
    private CovetExtensionAccess() {
    }

    public static int engineCount() {
        return Engines.selected(new String[0]).size();
    }
}
