package io.covet.backup.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.util.List;

/**
 * Where backups are kept: a flat namespace of immutable objects addressed by slash-separated names. Writes never
 * overwrite, and an object is visible only once it is completely and durably stored.
 */
public interface Storage extends AutoCloseable {
    /**
     * Stores an object.
     *
     * @throws java.nio.file.FileAlreadyExistsException when the name is taken (objects are never overwritten)
     */
    void put(String name, byte[] data) throws IOException;

    /** Stores an object from a stream of unknown length (multipart upload on S3). */
    void put(String name, InputStream data) throws IOException;

    /** Reads a whole object. @throws NoSuchFileException when it does not exist */
    byte[] get(String name) throws IOException;

    /** Opens an object for streaming. @throws NoSuchFileException when it does not exist */
    InputStream open(String name) throws IOException;

    /** Whether an object exists. */
    boolean exists(String name) throws IOException;

    /** The names under a prefix, sorted. */
    List<String> list(String prefix) throws IOException;

    /** Deletes an object; absent objects are ignored. */
    void delete(String name) throws IOException;

    /** Where this storage is, for messages (never with credentials). */
    String describe();

    @Override
    default void close() {
    }

    /** Shared name validation: relative, slash-separated, no dot segments. */
    static String check(String name) {
        if (name.isEmpty() || name.startsWith("/") || name.contains("\\") || name.contains("//")) {
            throw new IllegalArgumentException("invalid object name '" + name + "'");
        }
        for (String part : name.split("/")) {
            if (part.equals(".") || part.equals("..")) {
                throw new IllegalArgumentException("invalid object name '" + name + "'");
            }
        }
        return name;
    }

    /** Thrown as the cause when a name is missing. */
    static NoSuchFileException missing(String where, String name) {
        return new NoSuchFileException(where + "/" + name);
    }
}
