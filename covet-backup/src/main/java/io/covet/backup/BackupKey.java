package io.covet.backup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * A 256-bit AES key for encrypting backups. Read from a key file or from the {@code COVET_BACKUP_KEY} environment
 * variable, as 64 hex digits or the Base64 of 32 bytes (a key file may also hold the 32 raw bytes). Covet never
 * writes the key anywhere: {@link #toString()} masks it and manifests hold only a keyed check value.
 */
public final class BackupKey {
    /** The environment variable a key is read from. */
    public static final String ENVIRONMENT_VARIABLE = "COVET_BACKUP_KEY";

    private final byte[] key;

    private BackupKey(byte[] key) {
        this.key = key;
    }

    /** A key from its 32 bytes (copied). */
    public static BackupKey of(byte[] key) {
        if (key == null || key.length != 32) {
            throw new BackupException(BackupException.Reason.INVALID, "a backup key must be 32 bytes (AES-256), was "
                    + (key == null ? "none" : key.length + " bytes") + "; generate one with `openssl rand -hex 32`");
        }
        return new BackupKey(key.clone());
    }

    /** A fresh random key. */
    public static BackupKey generate() {
        byte[] k = new byte[32];
        new SecureRandom().nextBytes(k);
        return new BackupKey(k);
    }

    /**
     * Reads a key file.
     *
     * @throws BackupException (INVALID) when the file is missing or does not hold a 256-bit key
     */
    public static BackupKey fromFile(Path file) {
        byte[] raw;
        try {
            raw = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new BackupException(BackupException.Reason.INVALID, "cannot read key file " + file + ": "
                    + e.getClass().getSimpleName() + "; check the path and its permissions");
        }
        if (raw.length == 32) {
            return new BackupKey(raw);
        }
        return parse(new String(raw, StandardCharsets.US_ASCII).strip(), "key file " + file);
    }

    /** The key in {@code COVET_BACKUP_KEY}, or null when the variable is unset or blank. */
    public static BackupKey fromEnvironment() {
        String v = System.getenv(ENVIRONMENT_VARIABLE);
        return v == null || v.isBlank() ? null : parse(v.strip(), ENVIRONMENT_VARIABLE);
    }

    /** Parses 64 hex digits or Base64 of 32 bytes. */
    public static BackupKey parse(String text, String source) {
        try {
            if (text.length() == 64 && text.matches("[0-9a-fA-F]+")) {
                return new BackupKey(HexFormat.of().parseHex(text));
            }
            byte[] b = Base64.getDecoder().decode(text);
            if (b.length == 32) {
                return new BackupKey(b);
            }
        } catch (IllegalArgumentException ignored) {
            // fall through to the message below, which must not echo the text
        }
        throw new BackupException(BackupException.Reason.INVALID, source + " does not hold a 256-bit key: expected "
                + "64 hex digits or the Base64 of 32 bytes (e.g. from `openssl rand -hex 32`)");
    }

    /** The key bytes, for the codec; a copy. */
    byte[] bytes() {
        return key.clone();
    }

    /** The key as 64 hex digits, to write a new key file. */
    public String toHex() {
        return HexFormat.of().formatHex(key);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BackupKey k && java.security.MessageDigest.isEqual(k.key, key);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(key);
    }

    @Override
    public String toString() {
        return "BackupKey[****]";
    }
}
