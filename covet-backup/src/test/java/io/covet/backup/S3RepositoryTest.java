package io.covet.backup;

import io.covet.backup.internal.S3Storage;
import io.covet.backup.internal.Storage;
import io.covet.backup.testing.S3Server;
import io.covet.core.Database;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Backups in a real S3-compatible server (S3Proxy, filesystem backend) listening on 127.0.0.1. */
class S3RepositoryTest {
    static S3Server server;
    static String endpoint;

    @TempDir
    static Path blobs;

    @TempDir
    Path dir;

    @BeforeAll
    static void startS3() throws Exception {
        server = S3Server.start(blobs, "covet-test");
        endpoint = server.endpoint();
    }

    @AfterAll
    static void stopS3() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    static S3Storage storage(String prefix) {
        return S3Storage.create("s3://covet-test/" + prefix, endpoint, "us-east-1", S3Server.ACCESS_KEY,
                S3Server.SECRET_KEY);
    }

    @Test
    void encryptedBackupGoesToS3AndRestoresFromIt() throws Exception {
        BackupKey key = BackupKey.generate();
        try (Database src = Database.open("sqlite:" + dir.resolve("shop.db"));
             Database dst = Database.open("sqlite:" + dir.resolve("restored.db"));
             BackupRepository repo = BackupRepository.on(storage("shop"))) {
            Shop.create(src);
            Shop.fill(src, 25);
            BackupInfo b = Backups.create(src, repo, BackupOptions.builder().key(key).chunkBytes(64 << 10).build());
            assertThat(Backups.list(repo)).extracting(BackupInfo::id).containsExactly(b.id());
            assertThat(Backups.verify(repo, b.id(), key, VerifyReport.Mode.RESTORE).problems()).isEmpty();
            Backups.restore(repo, b.id(), key, dst, false);
            assertThat(Shop.snapshot(dst)).isEqualTo(Shop.snapshot(src));

            repo.storage().delete("backups/" + b.id() + "/data/0000/000000.chunk");
            VerifyReport v = Backups.verify(repo, b.id(), key, VerifyReport.Mode.FAST);
            assertThat(v.intact()).isFalse();
            assertThat(v.problems()).singleElement().asString().contains("missing");
        }
    }

    @Test
    void repositoryUrlUsesTheEnvironmentSettingsLikeTheCli() {
        server.configureSystemProperties();
        try (Database src = Database.open("sqlite:" + dir.resolve("s.db"));
             BackupRepository repo = BackupRepository.open("s3://covet-test/from-url")) {
            src.sql("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)").execute();
            src.sql("INSERT INTO t (v) VALUES ('a'), ('b')").execute();
            BackupInfo b = Backups.create(src, repo, BackupOptions.defaults());
            assertThat(repo.location()).isEqualTo("s3://covet-test/from-url");
            assertThat(Backups.verify(repo, b.id(), null, VerifyReport.Mode.FAST).rows()).isEqualTo(2);
        } finally {
            S3Server.clearSystemProperties();
        }
    }

    @Test
    void largeStreamsUploadInPartsAndObjectsAreNeverOverwritten() throws Exception {
        byte[] big = new byte[20 << 20];
        new Random(7).nextBytes(big);
        try (Storage s3 = storage("multipart")) {
            s3.put("wal/000000010000000000000001", new ByteArrayInputStream(big));
            assertThat(s3.get("wal/000000010000000000000001")).isEqualTo(big);
            assertThatThrownBy(() -> s3.put("wal/000000010000000000000001", new byte[]{1}))
                    .isInstanceOf(FileAlreadyExistsException.class).hasMessageContaining("never overwritten");
            assertThat(s3.list("wal/")).containsExactly("wal/000000010000000000000001");
        }
    }

    /**
     * With the existence check turned off, only the server's handling of {@code If-None-Match: *} on PutObject keeps
     * the first object: this proves the put is conditional and that the 412 maps to "already exists". (S3Proxy
     * 3.3.0 checks the header on PutObject but not on CompleteMultipartUpload, so the multipart path can only be
     * tested with the check on, above.)
     */
    @Test
    void theServerRefusesASecondPutOfTheSameKey() throws Exception {
        S3Client client = S3Client.builder().region(Region.US_EAST_1).endpointOverride(URI.create(endpoint))
                .forcePathStyle(true).requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(S3Server.ACCESS_KEY, S3Server.SECRET_KEY))).build();
        try (Storage s3 = new S3Storage(client, "covet-test", "conditional", "s3://covet-test/conditional", false)) {
            s3.put("wal/000000010000000000000002", new byte[]{1, 2, 3});
            assertThatThrownBy(() -> s3.put("wal/000000010000000000000002", new byte[]{9}))
                    .isInstanceOf(FileAlreadyExistsException.class).hasMessageContaining("never overwritten")
                    .cause().isInstanceOf(S3Exception.class)
                    .satisfies(e -> assertThat(((S3Exception) e).statusCode()).isEqualTo(412));
            assertThat(s3.get("wal/000000010000000000000002")).containsExactly(1, 2, 3);
        }
    }
}
