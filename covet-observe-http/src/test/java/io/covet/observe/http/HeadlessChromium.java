package io.covet.observe.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The Debian {@code chromium} in headless mode, one process per call, each with a new empty profile under
 * {@code target/}: the page's DOM after its scripts ran, or a screenshot.
 */
final class HeadlessChromium {
    private HeadlessChromium() {
    }

    /** The serialized DOM of {@code url} after {@code budgetMillis} of virtual time (its scripts and fetches ran). */
    static String dumpDom(String url, int budgetMillis) throws IOException, InterruptedException {
        return new String(run(List.of("--virtual-time-budget=" + budgetMillis, "--dump-dom", url)),
                StandardCharsets.UTF_8);
    }

    /** Saves a PNG screenshot of {@code url} after {@code budgetMillis} of virtual time. */
    static void screenshot(String url, Path png, int width, int height, int budgetMillis)
            throws IOException, InterruptedException {
        Files.deleteIfExists(png);
        run(List.of("--virtual-time-budget=" + budgetMillis, "--hide-scrollbars",
                "--window-size=" + width + "," + height, "--screenshot=" + png.toAbsolutePath(), url));
        if (!Files.isRegularFile(png) || Files.size(png) == 0) {
            throw new IllegalStateException("chromium wrote no screenshot at " + png);
        }
    }

    private static byte[] run(List<String> args) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory(Tools.target(), "chromium-profile-");
        Path log = profile.resolveSibling(profile.getFileName() + ".log");
        List<String> cmd = new ArrayList<>(List.of(Tools.chromium().toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--user-data-dir=" + profile));
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).redirectError(log.toFile()).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("chromium did not finish in 120 s: " + cmd);
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException("chromium exited with " + p.exitValue() + ": " + Files.readString(log));
        }
        return out;
    }
}
