package io.covet.backup.internal;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Files and directories a command creates and must not leave behind: temporary copies, objects being written,
 * a database or data directory that is only kept once complete. {@link #close()} deletes them unless
 * {@link #keep()} was called; until then they are also deleted when the JVM shuts down (Ctrl-C, SIGTERM,
 * {@code System.exit}), which a {@code finally} block alone does not cover. Only {@code kill -9} or a power loss
 * can leave them.
 */
public final class Cleanup implements AutoCloseable {
    private static final Set<Cleanup> PENDING = ConcurrentHashMap.newKeySet();
    private static volatile boolean hooked;

    private final List<Path> paths;
    private final boolean keepRoots;
    private final Runnable action;
    private volatile boolean done;

    private Cleanup(List<Path> paths, boolean keepRoots) {
        this(paths, keepRoots, null);
    }

    private Cleanup(List<Path> paths, boolean keepRoots, Runnable action) {
        this.paths = paths;
        this.keepRoots = keepRoots;
        this.action = action;
    }

    /**
     * Registers something to undo that is not a file, such as a temporary database to drop: {@code undo} runs once,
     * on {@link #close()} or at shutdown, whichever comes first; what it throws is ignored.
     */
    public static Cleanup of(Runnable undo) {
        return register(new Cleanup(List.of(), false, undo));
    }

    /**
     * Registers paths to delete (a directory with everything under it). Paths that do not exist are ignored when
     * deleting, so a path may be registered before it is created.
     */
    public static Cleanup of(Path... paths) {
        return register(new Cleanup(List.of(paths), false));
    }

    /** What a command puts into an existing directory: its content is deleted, the directory stays. */
    public static Cleanup contentsOf(Path dir) {
        return register(new Cleanup(List.of(dir), true));
    }

    private static Cleanup register(Cleanup c) {
        hook();
        PENDING.add(c);
        return c;
    }

    /** A SQLite database file with the journal files SQLite keeps beside it. */
    public static Cleanup sqlite(Path file) {
        return of(file, Path.of(file + "-wal"), Path.of(file + "-shm"), Path.of(file + "-journal"));
    }

    /** Keeps the paths: {@link #close()} and shutdown leave them in place. */
    public void keep() {
        done = true;
        PENDING.remove(this);
    }

    /** Deletes the paths now unless {@link #keep()} was called; never throws. */
    @Override
    public void close() {
        PENDING.remove(this);
        synchronized (this) {
            if (done) {
                return;
            }
            done = true;
        }
        deleteAll();
    }

    private void deleteAll() {
        if (action != null) {
            try {
                action.run();
            } catch (RuntimeException ignored) {
                // best effort, as for files
            }
        }
        for (Path p : paths) {
            try {
                delete(p, keepRoots);
            } catch (IOException ignored) {
                // best effort: the command's own outcome is what the user needs to see
            }
        }
    }

    private static void delete(Path p, boolean keepRoot) throws IOException {
        if (!Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            Files.deleteIfExists(p);
            return;
        }
        Files.walkFileTree(p, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes a) throws IOException {
                Files.deleteIfExists(f);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path f, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw e;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                if (!(keepRoot && d.equals(p))) {
                    Files.deleteIfExists(d);
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static void hook() {
        if (hooked) {
            return;
        }
        synchronized (Cleanup.class) {
            if (!hooked) {
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    for (Cleanup c : PENDING) {
                        c.close();
                    }
                }, "covet-cleanup"));
                hooked = true;
            }
        }
    }
}
