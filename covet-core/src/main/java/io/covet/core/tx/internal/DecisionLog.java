package io.covet.core.tx.internal;

import io.covet.core.tx.TransactionException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Set;

/**
 * The coordinator's durable memory: a {@code COMMIT <gid>} line is forced to disk before any branch is told to
 * commit, and a {@code DONE <gid>} line follows once every branch has. A global transaction with no COMMIT line
 * was never decided and is rolled back by recovery (presumed abort). The file is locked for as long as the
 * coordinator is open, so two processes can never decide into the same log.
 */
final class DecisionLog implements AutoCloseable {
    private final Path path;
    private final FileChannel channel;
    private final FileLock lock;

    DecisionLog(Path path) {
        this.path = path;
        try {
            Path parent = path.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            this.channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            FileLock l;
            try {
                l = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                l = null;
            }
            if (l == null) {
                channel.close();
                throw new TransactionException("the two-phase commit decision log " + path + " is in use by another "
                        + "coordinator (in this or another process); give each coordinator its own log");
            }
            this.lock = l;
            channel.position(channel.size());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the two-phase commit decision log " + path, e);
        }
    }

    /** Records the decision to commit and forces it to disk; from here on, recovery commits {@code gid}. */
    synchronized void commit(String gid) {
        append("COMMIT " + gid + "\n", true);
    }

    /** Records that every branch of {@code gid} committed; not forced (recovery is idempotent without it). */
    synchronized void done(String gid) {
        append("DONE " + gid + "\n", false);
    }

    /** The gids decided to commit and not known to be done. */
    synchronized Set<String> undone() {
        Set<String> committed = new HashSet<>();
        try {
            for (String line : Files.readAllLines(path, StandardCharsets.UTF_8)) {
                if (line.startsWith("COMMIT ")) {
                    committed.add(line.substring(7).strip());
                } else if (line.startsWith("DONE ")) {
                    committed.remove(line.substring(5).strip());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the two-phase commit decision log " + path, e);
        }
        return committed;
    }

    /**
     * Empties the log once no decision in it is needed any more (nothing in doubt, nothing in flight). A log
     * that still holds a needed decision is left as it is, so a crash can never lose one.
     */
    synchronized void clear() {
        try {
            channel.truncate(0);
            channel.position(0);
            channel.force(true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clear the two-phase commit decision log " + path, e);
        }
    }

    private void append(String text, boolean force) {
        try {
            ByteBuffer buf = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
            while (buf.hasRemaining()) {
                channel.write(buf);
            }
            if (force) {
                channel.force(true);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the two-phase commit decision log " + path, e);
        }
    }

    Path path() {
        return path;
    }

    @Override
    public synchronized void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
