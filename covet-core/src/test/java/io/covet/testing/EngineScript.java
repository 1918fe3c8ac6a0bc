package io.covet.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs this checkout's {@code scripts/engines} for tests that start, kill and restart servers of their own (the
 * fault tests' throwaway servers, the shared test replicas).
 */
public final class EngineScript {
    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    private EngineScript() {
    }

    /**
     * Runs {@code scripts/engines args…} with {@code env} added to this process's environment and returns its
     * output.
     *
     * @throws IllegalStateException naming the command, with its exit code and output, when it fails or does not
     *                               finish within two minutes
     */
    public static String run(Map<String, String> env, String... args) {
        Path script = path();
        List<String> cmd = new ArrayList<>(List.of("bash", script.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().putAll(env);
        try {
            Process p = pb.start();
            String output;
            try (InputStream in = p.getInputStream()) {
                output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            if (!p.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", cmd) + " did not finish within " + TIMEOUT);
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", cmd) + " failed (exit " + p.exitValue() + "): "
                        + output);
            }
            return output;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + script + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + script, e);
        }
    }

    /** scripts/engines of this checkout, found from the working directory (a module's or the root). */
    private static Path path() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("scripts/engines");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("cannot find scripts/engines above " + Path.of("").toAbsolutePath());
    }
}
