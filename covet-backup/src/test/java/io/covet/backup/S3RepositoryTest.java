package io.covet.backup;

import io.covet.backup.internal.S3Storage;
import io.covet.backup.internal.Storage;
import io.covet.core.Database;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Backups in a real S3-compatible server (S3Proxy, filesystem backend) listening on 127.0.0.1. */
class S3RepositoryTest {
    static S3Proxy proxy;
    static BlobStoreContext context;
    static String endpoint;

    @TempDir
    static Path blobs;

    @TempDir
    Path dir;

    @BeforeAll
    static void startS3() throws Exception {
        Properties p = new Properties();
        p.setProperty("jclouds.filesystem.basedir", blobs.toString());
        context = ContextBuilder.newBuilder("filesystem").credentials("identity", "credential").overrides(p)
                .build(BlobStoreContext.class);
        context.getBlobStore().createContainerInLocation(null, "covet-test");
        proxy = S3Proxy.builder().blobStore(context.getBlobStore()).endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, "covet-access", "covet-secret").build();
        proxy.start();
        for (int i = 0; i < 500 && !"STARTED".equals(proxy.getState()); i++) {
            Thread.sleep(10);
        }
        endpoint = "http://127.0.0.1:" + proxy.getPort();
    }

    @AfterAll
    static void stopS3() throws Exception {
        if (proxy != null) {
            proxy.stop();
        }
        if (context != null) {
            context.close();
        }
    }

    static S3Storage storage(String prefix) {
        return S3Storage.create("s3://covet-test/" + prefix, endpoint, "us-east-1", "covet-access", "covet-secret");
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
        System.setProperty("covet.s3.endpoint", endpoint);
        System.setProperty("aws.accessKeyId", "covet-access");
        System.setProperty("aws.secretAccessKey", "covet-secret");
        try (Database src = Database.open("sqlite:" + dir.resolve("s.db"));
             BackupRepository repo = BackupRepository.open("s3://covet-test/from-url")) {
            src.sql("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)").execute();
            src.sql("INSERT INTO t (v) VALUES ('a'), ('b')").execute();
            BackupInfo b = Backups.create(src, repo, BackupOptions.defaults());
            assertThat(repo.location()).isEqualTo("s3://covet-test/from-url");
            assertThat(Backups.verify(repo, b.id(), null, VerifyReport.Mode.FAST).rows()).isEqualTo(2);
        } finally {
            System.clearProperty("covet.s3.endpoint");
            System.clearProperty("aws.accessKeyId");
            System.clearProperty("aws.secretAccessKey");
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
}
