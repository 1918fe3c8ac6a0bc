package io.covet.observe.http;

import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the real components the observability tests run ({@code scripts/observe-tools install} installs them):
 * from {@code COVET_<NAME>_BIN}, else on the {@code PATH}. A missing one fails the test under {@code CI=true}
 * (CI must run it) and skips it elsewhere, naming the install command.
 */
final class Tools {
    private Tools() {
    }

    static Path prometheus() {
        return find("COVET_PROMETHEUS_BIN", "prometheus");
    }

    static Path promtool() {
        return find("COVET_PROMTOOL_BIN", "promtool");
    }

    static Path chromium() {
        return find("COVET_CHROMIUM_BIN", "chromium", "chromium-browser");
    }

    private static Path find(String env, String... names) {
        String given = System.getenv(env);
        if (given != null && !given.isBlank() && Files.isExecutable(Path.of(given))) {
            return Path.of(given);
        }
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        for (String dir : path.split(":")) {
            for (String name : names) {
                Path p = Path.of(dir, name);
                if (Files.isExecutable(p)) {
                    return p;
                }
            }
        }
        String message = names[0] + " is not installed (no " + env + ", not on the PATH): run "
                + "scripts/observe-tools install, which installs the Debian packages prometheus and chromium";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException("CI=true: " + message);
        }
        Assumptions.abort(message);
        throw new AssertionError("unreachable");
    }

    /** The module's target directory, where the tests keep the components' data and the screenshot. */
    static Path target() {
        Path t = Path.of("target");
        try {
            Files.createDirectories(t);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return t.toAbsolutePath();
    }
}
