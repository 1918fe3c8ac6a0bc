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
        try {
            byte[] json = repo.storage().get("base/" + id + "/manifest.json");
            String sig = new String(repo.storage().get("base/" + id + "/manifest.sig"), StandardCharsets.US_ASCII).strip();
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
