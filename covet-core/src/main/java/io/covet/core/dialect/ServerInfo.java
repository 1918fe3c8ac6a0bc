package io.covet.core.dialect;

import io.covet.core.engine.Engine;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * What a live server is and can do: engine, version, and the {@link Feature}s detected on it.
 *
 * <p>Immutable. Built by the runtime when a database opens; {@link #assumed(Engine, int, int)} builds one without a
 * server, for rendering SQL offline (golden tests, {@code sqlmigrate}).
 */
public final class ServerInfo {
    private final Engine engine;
    private final String version;
    private final int major;
    private final int minor;
    private final Set<Feature> features;

    /**
     * @param engine   the engine
     * @param version  the version string the server reported, unparsed
     * @param major    the major version number
     * @param minor    the minor version number
     * @param features the capabilities detected
     */
    public ServerInfo(Engine engine, String version, int major, int minor, Set<Feature> features) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.version = Objects.requireNonNull(version, "version");
        this.major = major;
        this.minor = minor;
        this.features = features.isEmpty()
                ? Collections.unmodifiableSet(EnumSet.noneOf(Feature.class))
                : Collections.unmodifiableSet(EnumSet.copyOf(features));
    }

    /**
     * The features an engine has at a given version, without asking a server.
     *
     * <p>Used when a server is not at hand; a live {@code Database} detects the real set instead.
     */
    public static ServerInfo assumed(Engine engine, int major, int minor) {
        return new ServerInfo(engine, major + "." + minor, major, minor, Features.forVersion(engine, major, minor, true));
    }

    /** The engine. */
    public Engine engine() {
        return engine;
    }

    /** The version as the server reported it, for example {@code 15.18 (Debian 15.18-0+deb12u1)}. */
    public String version() {
        return version;
    }

    /** The major version number. */
    public int major() {
        return major;
    }

    /** The minor version number. */
    public int minor() {
        return minor;
    }

    /** Whether the server is at least {@code major.minor}. */
    public boolean atLeast(int major, int minor) {
        return this.major > major || (this.major == major && this.minor >= minor);
    }

    /** The detected capabilities; unmodifiable. */
    public Set<Feature> features() {
        return features;
    }

    /** Whether the server has the feature. */
    public boolean supports(Feature feature) {
        return features.contains(feature);
    }

    @Override
    public String toString() {
        return engine.displayName() + " " + version;
    }
}
