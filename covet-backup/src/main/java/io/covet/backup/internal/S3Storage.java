package io.covet.backup.internal;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.CompletedMultipartUpload;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.FileAlreadyExistsException;
import java.util.ArrayList;
import java.util.List;

/**
 * An S3-compatible bucket through the AWS SDK v2. Small objects are single PUTs; streams are uploaded in 8 MiB
 * multipart parts, so memory stays bounded; an object becomes visible only when its upload completes.
 *
 * <p>Never overwrite: every PutObject and CompleteMultipartUpload carries {@code If-None-Match: *}, so S3 itself
 * refuses (HTTP 412) to replace an object that appeared meanwhile; that is atomic on Amazon S3 and on servers that
 * implement conditional writes. Servers that ignore the header would silently overwrite, so a put also first
 * checks that the key is free (a second line of defence, not atomic: a writer racing between the check and the
 * put can still be overwritten there).
 *
 * <p>Settings: the endpoint from {@code COVET_S3_ENDPOINT} (or system property {@code covet.s3.endpoint}; path-style
 * addressing is used with a custom endpoint), the region from {@code AWS_REGION} (default us-east-1), credentials
 * from the SDK's default chain (environment, system properties, profiles).
 */
public final class S3Storage implements Storage {
    static final int PART = 8 << 20;

    private final S3Client s3;
    private final String bucket;
    private final String prefix;
    private final String where;
    private final boolean checkFirst;

    public S3Storage(S3Client s3, String bucket, String prefix, String where) {
        this(s3, bucket, prefix, where, true);
    }

    /**
     * @param checkFirst whether a put first checks that the key is free; false leaves "never overwrite" to the
     *                   server's handling of {@code If-None-Match: *} alone (tests use it to prove that handling)
     */
    public S3Storage(S3Client s3, String bucket, String prefix, String where, boolean checkFirst) {
        this.s3 = s3;
        this.bucket = bucket;
        this.prefix = prefix.isEmpty() || prefix.endsWith("/") ? prefix : prefix + "/";
        this.where = where;
        this.checkFirst = checkFirst;
    }

    /** Opens {@code s3://bucket/prefix} with settings from the environment. */
    public static S3Storage fromEnvironment(String location) {
        String endpoint = firstNonBlank(System.getenv("COVET_S3_ENDPOINT"), System.getProperty("covet.s3.endpoint"));
        String region = firstNonBlank(System.getenv("AWS_REGION"), System.getProperty("aws.region"), "us-east-1");
        return create(location, endpoint, region, null, null);
    }

    /** Opens {@code s3://bucket/prefix} with explicit settings; null credentials use the SDK's default chain. */
    public static S3Storage create(String location, String endpoint, String region, String accessKey, String secretKey) {
        String rest = location.substring("s3://".length());
        int slash = rest.indexOf('/');
        String bucket = slash < 0 ? rest : rest.substring(0, slash);
        String prefix = slash < 0 ? "" : rest.substring(slash + 1);
        if (bucket.isBlank()) {
            throw new IllegalArgumentException("the repository " + location + " names no bucket: use s3://bucket/prefix");
        }
        S3ClientBuilder b = S3Client.builder().region(Region.of(region));
        if (accessKey != null) {
            b.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)));
        } else {
            b.credentialsProvider(DefaultCredentialsProvider.builder().build());
        }
        if (endpoint != null) {
            // S3-compatible servers often lack the SDK's newer default checksums; send them only when S3 requires them
            b.endpointOverride(URI.create(endpoint)).forcePathStyle(true)
                    .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                    .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        }
        return new S3Storage(b.build(), bucket, prefix, location);
    }

    private static String firstNonBlank(String... v) {
        for (String s : v) {
            if (s != null && !s.isBlank()) {
                return s;
            }
        }
        return null;
    }

    private String key(String name) {
        return prefix + Storage.check(name);
    }

    @Override
    public void put(String name, byte[] data) throws IOException {
        refuseOverwrite(name);
        try {
            s3.putObject(r -> r.bucket(bucket).key(key(name)).ifNoneMatch("*"), RequestBody.fromBytes(data));
        } catch (S3Exception e) {
            throw io(name, e);
        }
    }

    @Override
    public void put(String name, InputStream data) throws IOException {
        refuseOverwrite(name);
        byte[] part = data.readNBytes(PART);
        if (part.length < PART) {
            put(name, part);
            return;
        }
        String key = key(name);
        String upload;
        try {
            upload = s3.createMultipartUpload(r -> r.bucket(bucket).key(key)).uploadId();
        } catch (S3Exception e) {
            throw io(name, e);
        }
        List<CompletedPart> parts = new ArrayList<>();
        boolean done = false;
        try {
            int n = 1;
            while (part.length > 0) {
                int number = n++;
                String etag = s3.uploadPart(r -> r.bucket(bucket).key(key).uploadId(upload).partNumber(number),
                        RequestBody.fromBytes(part)).eTag();
                parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
                part = data.readNBytes(PART);
            }
            s3.completeMultipartUpload(r -> r.bucket(bucket).key(key).uploadId(upload).ifNoneMatch("*")
                    .multipartUpload(CompletedMultipartUpload.builder().parts(parts).build()));
            done = true;
        } catch (S3Exception e) {
            throw io(name, e);
        } finally {
            if (!done) {
                try {
                    s3.abortMultipartUpload(r -> r.bucket(bucket).key(key).uploadId(upload));
                } catch (S3Exception ignored) {
                    // the original failure is what the caller needs to see
                }
            }
        }
    }

    private void refuseOverwrite(String name) throws IOException {
        if (checkFirst && exists(name)) {
            throw alreadyExists(name);
        }
    }

    private FileAlreadyExistsException alreadyExists(String name) {
        return new FileAlreadyExistsException(where + "/" + name + " already exists and is never overwritten");
    }

    @Override
    public byte[] get(String name) throws IOException {
        try {
            return s3.getObjectAsBytes(r -> r.bucket(bucket).key(key(name))).asByteArray();
        } catch (NoSuchKeyException e) {
            throw Storage.missing(where, name);
        } catch (S3Exception e) {
            throw io(name, e);
        }
    }

    @Override
    public InputStream open(String name) throws IOException {
        try {
            return s3.getObject(r -> r.bucket(bucket).key(key(name)));
        } catch (NoSuchKeyException e) {
            throw Storage.missing(where, name);
        } catch (S3Exception e) {
            throw io(name, e);
        }
    }

    @Override
    public boolean exists(String name) throws IOException {
        try {
            s3.headObject(r -> r.bucket(bucket).key(key(name)));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw io(name, e);
        }
    }

    @Override
    public List<String> list(String namePrefix) throws IOException {
        List<String> out = new ArrayList<>();
        try {
            for (S3Object o : s3.listObjectsV2Paginator(r -> r.bucket(bucket).prefix(prefix + namePrefix)).contents()) {
                out.add(o.key().substring(prefix.length()));
            }
        } catch (S3Exception e) {
            throw io(namePrefix, e);
        }
        out.sort(null);
        return out;
    }

    @Override
    public void delete(String name) throws IOException {
        try {
            s3.deleteObject(r -> r.bucket(bucket).key(key(name)));
        } catch (S3Exception e) {
            throw io(name, e);
        }
    }

    private IOException io(String name, S3Exception e) {
        if (e.statusCode() == 412) { // PreconditionFailed: If-None-Match: * found the key taken
            FileAlreadyExistsException x = alreadyExists(name);
            x.initCause(e);
            return x;
        }
        return new IOException("S3 request for " + where + "/" + name + " failed with HTTP " + e.statusCode() + " ("
                + (e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorCode()) + ")", e);
    }

    @Override
    public String describe() {
        return where;
    }

    @Override
    public void close() {
        s3.close();
    }
}
