package io.covet.migrate.internal;

import io.covet.migrate.MigrationException;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * An exclusive lock between processes (and threads) on a file that exists only while the lock is held.
 *
 * <p>The holder deletes the file before it releases the OS lock. A waiter may therefore lock a file that has
 * just been unlinked, while a newcomer creates and locks a new one under the same name; so after locking, a
 * waiter checks that the name still leads to the file it locked, and starts over if not. Within one JVM, a
 * semaphore per path lets one thread at a time near the file: POSIX drops every lock a process holds on a file
 * when any of its descriptors for that file is closed, so two channels of one JVM must never race on it.
 */
final class SidecarLock implements AutoCloseable {
    private static final Map<Path, Semaphore> IN_JVM = new ConcurrentHashMap<>();
    private static final long POLL_MILLIS = 50;

    private final Path path;
    private final Semaphore turn;
    private final FileChannel channel;
    private final FileChannel check;
    private final FileLock lock;
    private final Thread onExit;
    private boolean closed;

    private SidecarLock(Path path, Semaphore turn, FileChannel channel, FileChannel check, FileLock lock) {
        this.path = path;
        this.turn = turn;
        this.channel = channel;
        this.check = check;
        this.lock = lock;
        // Ctrl-C or SIGTERM skips finally blocks but runs shutdown hooks: remove the file while still holding it.
        this.onExit = new Thread(this::deleteQuietly, "covet-migrate-lock-cleanup");
        Runtime.getRuntime().addShutdownHook(onExit);
    }

    /**
     * Waits up to {@code timeout} for the lock on {@code file}, creating the file.
     *
     * @param busy the exception to throw when the timeout passes
     */
    static SidecarLock acquire(Path file, Duration timeout, Supplier<MigrationException> busy) {
        Path path = canonical(file);
        long deadline = System.nanoTime() + timeout.toNanos();
        Semaphore turn = IN_JVM.computeIfAbsent(path, p -> new Semaphore(1));
        try {
            if (!turn.tryAcquire(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                throw busy.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MigrationException("interrupted while waiting for the migration lock " + path);
        }
        try {
            while (true) {
                SidecarLock held = tryOnce(path, turn);
                if (held != null) {
                    return held;
                }
                if (System.nanoTime() - deadline > 0) {
                    throw busy.get();
                }
                Thread.sleep(POLL_MILLIS);
            }
        } catch (IOException e) {
            turn.release();
            throw new MigrationException("cannot use the migration lock file " + path + ": " + e.getMessage()
                    + "; the directory of the SQLite database must be writable");
        } catch (InterruptedException e) {
            turn.release();
            Thread.currentThread().interrupt();
            throw new MigrationException("interrupted while waiting for the migration lock " + path);
        } catch (RuntimeException e) {
            turn.release();
            throw e;
        }
    }

    /** One key per file for the in-JVM semaphore, also when the database is reached through a symbolic link. */
    private static Path canonical(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        try {
            return abs.getParent().toRealPath().resolve(abs.getFileName());
        } catch (IOException e) {
            return abs; // the directory is missing: opening the file reports it
        }
    }

    /** The lock if it is free and the name still leads to the locked file, else null (all channels closed). */
    private static SidecarLock tryOnce(Path path, Semaphore turn) throws IOException {
        FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        if (lock == null) {
            channel.close(); // another process holds it
            return null;
        }
        // Open the name again: if it is the file we hold, the JVM refuses a second lock on it (same device and
        // inode). This channel stays open while the lock is held, since closing it would drop the lock.
        FileChannel check;
        try {
            check = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (NoSuchFileException e) {
            lock.release();
            channel.close(); // the holder we waited for removed it: start over on a new file
            return null;
        }
        try {
            FileLock other = check.tryLock();
            // A lock on another file (or null: another process holds that one): the name moved on while we waited.
            if (other != null) {
                other.release();
            }
            check.close();
            lock.release();
            channel.close();
            return null;
        } catch (OverlappingFileLockException same) {
            return new SidecarLock(path, turn, channel, check, lock);
        }
    }

    private void deleteQuietly() {
        try {
            Files.deleteIfExists(path);
        } catch (IOException ignored) {
            // a leftover file does not block anyone: the next holder takes it over and removes it
        }
    }

    /** Deletes the file, then releases the lock. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            Runtime.getRuntime().removeShutdownHook(onExit);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or ran: it deletes the file itself
        }
        deleteQuietly();
        try {
            lock.release();
        } catch (IOException ignored) {
            // closing the channel releases it as well
        }
        try {
            check.close();
            channel.close();
        } catch (IOException ignored) {
            // the OS lock goes with the descriptor in any case
        } finally {
            turn.release();
        }
    }
}
