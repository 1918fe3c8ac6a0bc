package io.covet.backup.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A directory repository. Each object is written to a temporary file, forced to disk, then hard-linked under its
 * name: the link fails if the name exists (never overwrite) and makes the object appear only when complete.
 */
public final class LocalStorage implements Storage {
    private final Path root;

    public LocalStorage(Path root) throws IOException {
        this.root = root.toAbsolutePath().normalize();
        Files.createDirectories(this.root);
    }

    private Path path(String name) {
        return root.resolve(Storage.check(name));
    }

    @Override
    public void put(String name, byte[] data) throws IOException {
        put(name, new java.io.ByteArrayInputStream(data));
    }

    @Override
    public void put(String name, InputStream data) throws IOException {
        Path target = path(name);
        Files.createDirectories(target.getParent());
        Path tmp = target.resolveSibling(".tmp-" + UUID.randomUUID());
        try (Cleanup temp = Cleanup.of(tmp)) {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                 OutputStream out = java.nio.channels.Channels.newOutputStream(ch)) {
                data.transferTo(out);
                out.flush();
                ch.force(true);
            }
            try {
                Files.createLink(target, tmp);
            } catch (FileAlreadyExistsException e) {
                throw new FileAlreadyExistsException(describe() + "/" + name + " already exists and is never overwritten");
            }
            try (FileChannel dir = FileChannel.open(target.getParent(), StandardOpenOption.READ)) {
                dir.force(true);
            } catch (IOException ignored) {
                // some file systems cannot fsync a directory; the link itself is already in place
            }
        }
    }

    @Override
    public byte[] get(String name) throws IOException {
        try {
            return Files.readAllBytes(path(name));
        } catch (NoSuchFileException e) {
            throw Storage.missing(describe(), name);
        }
    }

    @Override
    public InputStream open(String name) throws IOException {
        try {
            return Files.newInputStream(path(name));
        } catch (NoSuchFileException e) {
            throw Storage.missing(describe(), name);
        }
    }

    @Override
    public boolean exists(String name) {
        return Files.isRegularFile(path(name));
    }

    @Override
    public List<String> list(String prefix) throws IOException {
        List<String> names = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return names;
        }
        try (Stream<Path> all = Files.walk(root)) {
            all.filter(Files::isRegularFile).forEach(p -> {
                String n = root.relativize(p).toString().replace('\\', '/');
                if (n.startsWith(prefix) && !p.getFileName().toString().startsWith(".tmp-")) {
                    names.add(n);
                }
            });
        }
        names.sort(null);
        return names;
    }

    @Override
    public void delete(String name) throws IOException {
        Path p = path(name);
        Files.deleteIfExists(p);
        Path dir = p.getParent();
        while (dir != null && !dir.equals(root) && isEmptyDir(dir)) {
            Files.deleteIfExists(dir);
            dir = dir.getParent();
        }
    }

    private static boolean isEmptyDir(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        }
    }

    @Override
    public String describe() {
        return root.toString();
    }
}
