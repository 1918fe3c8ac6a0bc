package io.covet.migrate.internal;

import io.covet.migrate.MigrationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The SQLite migration lock: exclusive across processes and threads, and no file left once released. */
class SidecarLockTest {

    static SidecarLock acquire(Path file, long millis) {
        return SidecarLock.acquire(file, Duration.ofMillis(millis), () -> new MigrationException("BUSY"));
    }

    @Test
    void theLockFileExistsOnlyWhileTheLockIsHeld(@TempDir Path dir) {
        Path file = dir.resolve("app.db.migrate-lock");
        try (SidecarLock lock = acquire(file, 1000)) {
            assertThat(file).exists();
        }
        assertThat(file).doesNotExist();
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void aSecondHolderInTheSameJvmWaitsUntilTheFirstReleases(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("app.db.migrate-lock");
        SidecarLock first = acquire(file, 1000);
        assertThatThrownBy(() -> acquire(file, 200)).hasMessage("BUSY");
        CompletableFuture<SidecarLock> second = CompletableFuture.supplyAsync(() -> acquire(file, 30_000));
        Thread.sleep(200);
        assertThat(second).isNotDone();
        first.close();
        second.get(30, TimeUnit.SECONDS).close();
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void anotherProcessIsExcludedAndAWaiterTakesOverTheNameAfterRelease(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("app.db.migrate-lock");
        Child holder = Child.start(file, 1000);
        assertThat(holder.line()).isEqualTo("HELD");
        assertThatThrownBy(() -> acquire(file, 300)).hasMessage("BUSY");
        // The waiter polls while the holder removes the file and releases it; whichever file it ends up locking,
        // the name must lead to that file, so that a newcomer is excluded.
        CompletableFuture<SidecarLock> waiter = CompletableFuture.supplyAsync(() -> acquire(file, 60_000));
        Thread.sleep(300);
        holder.release();
        assertThat(holder.line()).isEqualTo("RELEASED");
        assertThat(holder.exit()).isZero();
        try (SidecarLock lock = waiter.get(60, TimeUnit.SECONDS)) {
            assertThat(file).exists();
            Child newcomer = Child.start(file, 300);
            assertThat(newcomer.line()).isEqualTo("BUSY");
            assertThat(newcomer.exit()).isEqualTo(3);
        }
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void stoppingTheHolderLikeCtrlCRemovesTheFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("app.db.migrate-lock");
        Child holder = Child.start(file, 1000, "sleep");
        assertThat(holder.line()).isEqualTo("HELD");
        holder.process.destroy(); // SIGTERM: the JVM runs its shutdown hooks, as on SIGINT (Ctrl-C)
        assertThat(holder.process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(holder.process.exitValue()).isEqualTo(143);
        assertThat(file).doesNotExist();
    }

    @Test
    void aFileLeftByAKilledHolderIsTakenOverAndRemoved(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("app.db.migrate-lock");
        Child holder = Child.start(file, 1000, "sleep");
        assertThat(holder.line()).isEqualTo("HELD");
        holder.process.destroyForcibly(); // SIGKILL: nothing runs, the OS drops the lock
        assertThat(holder.process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(file).exists();
        try (SidecarLock lock = acquire(file, 5000)) {
            assertThat(file).exists();
        }
        assertThat(file).doesNotExist();
    }

    /**
     * A lock holder in its own JVM: prints HELD or BUSY, then releases on a line from stdin and prints RELEASED,
     * or, given a third argument, sleeps until it is stopped (Process.destroy closes stdin, which must not be
     * what ends it).
     */
    public static final class Holder {
        public static void main(String[] args) throws IOException {
            SidecarLock lock;
            try {
                lock = acquire(Path.of(args[0]), Long.parseLong(args[1]));
            } catch (MigrationException e) {
                System.out.println(e.getMessage());
                System.exit(3);
                return;
            }
            System.out.println("HELD");
            System.out.flush();
            if (args.length > 2) {
                try {
                    Thread.sleep(120_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return;
            }
            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            lock.close();
            System.out.println("RELEASED");
        }
    }

    record Child(Process process, BufferedReader out) {
        static Child start(Path file, long millis, String... mode) throws IOException {
            java.util.List<String> cmd = new java.util.ArrayList<>(java.util.List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                    System.getProperty("java.class.path"), Holder.class.getName(), file.toString(),
                    String.valueOf(millis)));
            cmd.addAll(java.util.List.of(mode));
            ProcessBuilder pb = new ProcessBuilder(cmd);
            pb.redirectError(ProcessBuilder.Redirect.INHERIT);
            Process p = pb.start();
            return new Child(p, new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)));
        }

        String line() throws IOException {
            return out.readLine();
        }

        void release() throws IOException {
            OutputStream in = process.getOutputStream();
            in.write('\n');
            in.flush();
        }

        int exit() throws InterruptedException {
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            return process.exitValue();
        }
    }
}
