package io.covet.core.error;

import io.covet.core.engine.Engine;

/**
 * The engine cannot do what was asked. Thrown before anything is sent to the database, naming the engine and
 * the alternative to use instead.
 */
public final class UnsupportedFeature extends CovetException {
    private final Engine engine;
    private final String feature;

    /**
     * @param engine      the engine that lacks the feature
     * @param feature     what was asked for, e.g. {@code "FOR UPDATE"}
     * @param alternative what to do instead, as a sentence
     */
    public UnsupportedFeature(Engine engine, String feature, String alternative) {
        super(feature + " is not supported by " + engine.displayName() + ". " + alternative);
        this.engine = engine;
        this.feature = feature;
    }

    /** The engine that lacks the feature. */
    public Engine engine() {
        return engine;
    }

    /** What was asked for. */
    public String feature() {
        return feature;
    }
}
