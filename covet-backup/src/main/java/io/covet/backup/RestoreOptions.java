package io.covet.backup;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * How a backup is restored. Immutable; build with {@link #builder()}. Defaults: refuse a non-empty target, refuse
 * to drop native objects on another engine, no log.
 */
public final class RestoreOptions {
    private final boolean clean;
    private final boolean skipNativeObjects;
    private final Consumer<String> log;

    private RestoreOptions(Builder b) {
        this.clean = b.clean;
        this.skipNativeObjects = b.skipNativeObjects;
        this.log = b.log;
    }

    /** A builder with the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** Whether the backup's tables replace those of a non-empty target (others are left alone). */
    public boolean clean() {
        return clean;
    }

    /**
     * Whether a restore into another engine than the backup's leaves out what is written in the source engine's
     * SQL (check constraints, partial indexes, views, triggers and their functions, expression indexes) instead of
     * being refused with {@link io.covet.core.error.UnsupportedFeature}. What was left out is listed in
     * {@link RestoreReport#warnings()}. Restores into the same engine always recreate them.
     */
    public boolean skipNativeObjects() {
        return skipNativeObjects;
    }

    /** Receives one line per restored table; never null. */
    public Consumer<String> log() {
        return log;
    }

    /** Builds {@link RestoreOptions}. */
    public static final class Builder {
        private boolean clean;
        private boolean skipNativeObjects;
        private Consumer<String> log = s -> { };

        private Builder() {
        }

        /** See {@link RestoreOptions#clean()}; default false. */
        public Builder clean(boolean value) {
            this.clean = value;
            return this;
        }

        /** See {@link RestoreOptions#skipNativeObjects()}; default false. */
        public Builder skipNativeObjects(boolean value) {
            this.skipNativeObjects = value;
            return this;
        }

        /** See {@link RestoreOptions#log()}. */
        public Builder log(Consumer<String> value) {
            this.log = Objects.requireNonNull(value, "log");
            return this;
        }

        /** The options. */
        public RestoreOptions build() {
            return new RestoreOptions(this);
        }
    }
}
