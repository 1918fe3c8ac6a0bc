package io.covet.backup.internal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** What a command must not leave behind is removed on close, and on Ctrl-C/SIGTERM, unless kept. */
class CleanupTest {

    @Test
    void closeDeletesFilesAndTreesButKeepLeavesThem(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("copy.db"), "x");
        Path wal = Files.writeString(dir.resolve("copy.db-wal"), "x");
        Path tree = Files.createDirectories(dir.resolve("data/base/1"));
        Files.writeString(tree.resolve("f"), "x");
        Path existing = Files.createDirectories(dir.resolve("existing"));
        Files.writeString(existing.resolve("PG_VERSION"), "15");
        Cleanup.sqlite(file).close();
        Cleanup.of(dir.resolve("data")).close();
        Cleanup.contentsOf(existing).close();
        assertThat(file).doesNotExist();
        assertThat(wal).doesNotExist();
        assertThat(dir.resolve("data")).doesNotExist();
        assertThat(existing).isEmptyDirectory();

        Path kept = Files.writeString(dir.resolve("kept.db"), "x");
        Cleanup c = Cleanup.sqlite(kept);
        c.keep();
        c.close();
        assertThat(kept).hasContent("x");
    }

    @Test
    void stoppingTheJvmLikeCtrlCRemovesWhatWasNotKept(@TempDir Path dir) throws Exception {
        Path pending = dir.resolve("pending");
        Path kept = dir.resolve("kept");
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Child.class.getName(), pending.toString(), kept.toString());
        pb.redirectError(ProcessBuilder.Redirect.INHERIT);
        Process p = pb.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        assertThat(out.readLine()).isEqualTo("READY");
        assertThat(pending.resolve("file")).exists();
        p.destroy(); // SIGTERM; the JVM runs shutdown hooks exactly as on SIGINT (Ctrl-C)
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(143);
        assertThat(pending).doesNotExist();
        assertThat(kept).hasContent("done");
    }

    @Test
    void anUndoActionRunsOnceOnCloseOrAtShutdownAndNotWhenKept(@TempDir Path dir) throws Exception {
        java.util.concurrent.atomic.AtomicInteger runs = new java.util.concurrent.atomic.AtomicInteger();
        try (Cleanup undo = Cleanup.of(runs::incrementAndGet)) {
            undo.close();
        }
        assertThat(runs).hasValue(1);
        try (Cleanup kept = Cleanup.of(runs::incrementAndGet)) {
            kept.keep();
        }
        assertThat(runs).hasValue(1);

        Path undone = dir.resolve("undone");
        Path notUndone = dir.resolve("not-undone");
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), ActionChild.class.getName(), undone.toString(),
                notUndone.toString());
        pb.redirectError(ProcessBuilder.Redirect.INHERIT);
        Process p = pb.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        assertThat(out.readLine()).isEqualTo("READY");
        p.destroy(); // SIGTERM, as Ctrl-C: a temporary database registered this way is dropped here
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(undone).hasContent("undone");
        assertThat(notUndone).doesNotExist();
    }

    /** Registers an undo action that writes its first argument and a kept one that would write its second. */
    public static final class ActionChild {
        public static void main(String[] args) throws Exception {
            Cleanup.of(() -> write(Path.of(args[0])));
            Cleanup.of(() -> write(Path.of(args[1]))).keep();
            System.out.println("READY");
            System.out.flush();
            Thread.sleep(120_000);
        }

        private static void write(Path p) {
            try {
                Files.writeString(p, "undone");
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    /** Registers a directory that is still being written and a file already kept, then waits to be stopped. */
    public static final class Child {
        public static void main(String[] args) throws Exception {
            Path pending = Path.of(args[0]);
            Cleanup.of(pending);
            Files.createDirectories(pending);
            Files.writeString(pending.resolve("file"), "partial");
            Path kept = Path.of(args[1]);
            Cleanup done = Cleanup.of(kept);
            Files.writeString(kept, "done");
            done.keep();
            System.out.println("READY");
            System.out.flush();
            Thread.sleep(120_000);
        }
    }
}
