package io.covet.backup.testing;

import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;

import java.net.URI;
import java.nio.file.Path;
import java.util.Properties;

/**
 * A real S3-compatible server for tests: S3Proxy with a filesystem backend, listening on 127.0.0.1 on a free
 * port, with one bucket and fixed test credentials. Shared with the CLI tests through covet-backup's test-jar (in a
 * package of its own: io.covet.backup belongs to the named module, so a copy on the class path would be hidden).
 */
public final class S3Server implements AutoCloseable {
    /** The access key the server accepts. */
    public static final String ACCESS_KEY = "covet-access";
    /** The secret key the server accepts (a test credential of a loopback server). */
    public static final String SECRET_KEY = "covet-secret";

    private final BlobStoreContext context;
    private final S3Proxy proxy;

    private S3Server(BlobStoreContext context, S3Proxy proxy) {
        this.context = context;
        this.proxy = proxy;
    }

    /** Starts a server storing its objects under {@code blobs}, with {@code bucket} created. */
    public static S3Server start(Path blobs, String bucket) throws Exception {
        Properties p = new Properties();
        p.setProperty("jclouds.filesystem.basedir", blobs.toString());
        BlobStoreContext context = ContextBuilder.newBuilder("filesystem").credentials("identity", "credential")
                .overrides(p).build(BlobStoreContext.class);
        context.getBlobStore().createContainerInLocation(null, bucket);
        S3Proxy proxy = S3Proxy.builder().blobStore(context.getBlobStore()).endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY).build();
        proxy.start();
        for (int i = 0; i < 500 && !"STARTED".equals(proxy.getState()); i++) {
            Thread.sleep(10);
        }
        return new S3Server(context, proxy);
    }

    /** The endpoint URL, {@code http://127.0.0.1:<port>}. */
    public String endpoint() {
        return "http://127.0.0.1:" + proxy.getPort();
    }

    /** Points {@code BackupRepository.open("s3://…")} at this server, as the CLI's environment would. */
    public void configureSystemProperties() {
        System.setProperty("covet.s3.endpoint", endpoint());
        System.setProperty("aws.accessKeyId", ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", SECRET_KEY);
    }

    /** Removes what {@link #configureSystemProperties()} set. */
    public static void clearSystemProperties() {
        System.clearProperty("covet.s3.endpoint");
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }

    @Override
    public void close() throws Exception {
        proxy.stop();
        context.close();
    }
}
