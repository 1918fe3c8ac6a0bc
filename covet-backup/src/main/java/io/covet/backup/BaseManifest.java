package io.covet.backup;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.covet.backup.internal.ChunkCodec;
import io.covet.backup.internal.Manifest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The manifest of a PostgreSQL base backup ({@code base/<id>/manifest.json}); never holds the key. */
record BaseManifest(String format, String id, String createdAt, String startWal, String startLsn, String keyCheck,
                    List<Manifest.Chunk> chunks) {
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    static BaseManifest load(BackupRepository repo, String id, BackupKey key) {
        return load(repo, "base", id, key);
    }

    /** Reads and authenticates the manifest under {@code <area>/<id>/}. */
    static BaseManifest load(BackupRepository repo, String area, String id, BackupKey key) {
        if (id == null || !id.matches("[A-Za-z0-9._-]{1,100}")) {
            throw new BackupException(BackupException.Reason.INVALID, "'" + id + "' is not a backup id");
        }
        try {
            byte[] json;
            try {
                json = repo.storage().get(area + "/" + id + "/manifest.json");
            } catch (java.nio.file.NoSuchFileException e) {
                throw new BackupException(BackupException.Reason.NOT_FOUND, "no backup '" + id + "' in "
                        + repo.location());
            }
            String sig = new String(repo.storage().get(area + "/" + id + "/manifest.sig"), StandardCharsets.US_ASCII).strip();
            BaseManifest m = JSON.readValue(json, BaseManifest.class);
            byte[] k = null;
            if (m.keyCheck() != null) {
                if (key == null) {
                    throw new BackupException(BackupException.Reason.KEY_REQUIRED, "base backup " + id
                            + " is encrypted: give its key with --key-file FILE or " + BackupKey.ENVIRONMENT_VARIABLE);
                }
                k = key.bytes();
                if (!ChunkCodec.keyCheck(k).equals(m.keyCheck())) {
                    throw new BackupException(BackupException.Reason.WRONG_KEY, "the key given is not the one base "
                            + "backup " + id + " was encrypted with");
                }
            }
            if (!Backups.signature(json, k).equals(sig)) {
                throw new BackupException(BackupException.Reason.CORRUPT, "the manifest of base backup " + id
                        + " fails its integrity check: it was altered");
            }
            return m;
        } catch (IOException e) {
            throw new BackupException(BackupException.Reason.CORRUPT, "base backup " + id + " cannot be read: "
                    + e.getMessage(), e);
        }
    }
}
