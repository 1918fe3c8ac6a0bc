package io.covet.backup.internal;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdException;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Turns a chunk's plain bytes into stored bytes and back: zstd, then (with a key) AES-256-GCM with a fresh random
 * 96-bit nonce per chunk, stored as {@code nonce || ciphertext || 128-bit tag}. The associated data is the chunk's
 * path inside the backup, so chunks cannot be swapped between tables or backups unnoticed.
 */
public final class ChunkCodec {
    static final int NONCE_BYTES = 12;
    static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] key;
    private final int level;

    /** @param key 32 bytes, or null for no encryption */
    public ChunkCodec(byte[] key, int level) {
        this.key = key;
        this.level = level;
    }

    /** Whether chunks are encrypted. */
    public boolean encrypted() {
        return key != null;
    }

    /** Compresses and encrypts. */
    public byte[] seal(byte[] plain, int length, String aad) {
        byte[] packed = Zstd.compress(java.util.Arrays.copyOf(plain, length), level);
        if (key == null) {
            return packed;
        }
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            RANDOM.nextBytes(nonce);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
            c.updateAAD(aad.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[NONCE_BYTES + c.getOutputSize(packed.length)];
            System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
            c.doFinal(packed, 0, packed.length, out, NONCE_BYTES);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-GCM is not available in this JVM: " + e.getMessage(), e);
        }
    }

    /**
     * Decrypts and decompresses.
     *
     * @throws CorruptChunk when authentication or decompression fails
     */
    public byte[] open(byte[] stored, int plainLength, String aad) {
        byte[] packed = stored;
        if (key != null) {
            if (stored.length < NONCE_BYTES + TAG_BITS / 8) {
                throw new CorruptChunk(aad + " is shorter than a nonce and tag: it is truncated");
            }
            try {
                Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
                c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"),
                        new GCMParameterSpec(TAG_BITS, stored, 0, NONCE_BYTES));
                c.updateAAD(aad.getBytes(StandardCharsets.UTF_8));
                packed = c.doFinal(stored, NONCE_BYTES, stored.length - NONCE_BYTES);
            } catch (AEADBadTagException e) {
                throw new CorruptChunk(aad + " fails authentication: it was altered, or the key is wrong");
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("AES-256-GCM is not available in this JVM: " + e.getMessage(), e);
            }
        }
        try {
            byte[] plain = Zstd.decompress(packed, plainLength);
            if (plain.length != plainLength) {
                throw new CorruptChunk(aad + " decompresses to " + plain.length + " bytes, the manifest says "
                        + plainLength);
            }
            return plain;
        } catch (ZstdException e) {
            throw new CorruptChunk(aad + " is not valid zstd data: " + e.getMessage());
        }
    }

    /** The SHA-256 of bytes, in hex. */
    public static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** HMAC-SHA256 of data under a key derived from the backup key for {@code purpose}. */
    public static byte[] mac(byte[] key, String purpose, byte[] data) {
        try {
            Mac m = Mac.getInstance("HmacSHA256");
            m.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] derived = m.doFinal(("covet-backup/1 " + purpose).getBytes(StandardCharsets.UTF_8));
            m.init(new SecretKeySpec(derived, "HmacSHA256"));
            return m.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A value that identifies the key without revealing it: a keyed MAC of a fixed string, truncated. */
    public static String keyCheck(byte[] key) {
        byte[] m = mac(key, "key-check", new byte[0]);
        return Base64.getEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(m, 12));
    }

    /** A chunk failed its checks. */
    public static final class CorruptChunk extends RuntimeException {
        public CorruptChunk(String message) {
            super(message);
        }
    }
}
