package io.covet.backup.internal;

import java.io.EOFException;
import java.util.Arrays;

/** Unsynchronised big-endian byte buffers for the row codec: {@link Sink} to write, {@link Source} to read. */
public final class Bytes {
    private Bytes() {
    }

    /** The big-endian int at {@code a[p..p+3]}. */
    static int intAt(byte[] a, int p) {
        return ((a[p] & 0xff) << 24) | ((a[p + 1] & 0xff) << 16) | ((a[p + 2] & 0xff) << 8) | (a[p + 3] & 0xff);
    }

    /** The big-endian long at {@code a[p..p+7]}. */
    static long longAt(byte[] a, int p) {
        return ((long) intAt(a, p) << 32) | (intAt(a, p + 4) & 0xFFFFFFFFL);
    }

    /** The big-endian two's-complement integer of {@code len} (1..8) bytes at {@code a[p..]}, as a decimal's unscaled value is stored. */
    static long signedAt(byte[] a, int p, int len) {
        long u = a[p]; // sign-extended first byte
        for (int i = 1; i < len; i++) {
            u = (u << 8) | (a[p + i] & 0xff);
        }
        return u;
    }

    /** A growable byte buffer. Not thread-safe. */
    public static final class Sink {
        private byte[] buf;
        private int size;

        public Sink(int capacity) {
            buf = new byte[Math.max(16, capacity)];
        }

        private void ensure(int more) {
            if (size + more > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
            }
        }

        void writeByte(int b) {
            ensure(1);
            buf[size++] = (byte) b;
        }

        void writeInt(int v) {
            ensure(4);
            buf[size++] = (byte) (v >>> 24);
            buf[size++] = (byte) (v >>> 16);
            buf[size++] = (byte) (v >>> 8);
            buf[size++] = (byte) v;
        }

        void writeLong(long v) {
            writeInt((int) (v >>> 32));
            writeInt((int) v);
        }

        void write(byte[] b) {
            write(b, 0, b.length);
        }

        void write(byte[] b, int off, int len) {
            ensure(len);
            System.arraycopy(b, off, buf, size, len);
            size += len;
        }

        /** Writes a string as a 4-byte length and its UTF-8 bytes. */
        void writeString(String s) {
            byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            writeInt(b.length);
            write(b);
        }

        public byte[] array() {
            return buf;
        }

        public int size() {
            return size;
        }

        public void reset() {
            size = 0;
        }

        /** Appends another sink's bytes. */
        void append(Sink other) {
            ensure(other.size);
            System.arraycopy(other.buf, 0, buf, size, other.size);
            size += other.size;
        }
    }

    /** Reads a byte range. Not thread-safe. */
    public static final class Source {
        private final byte[] buf;
        private final int end;
        private int pos;

        public Source(byte[] buf) {
            this(buf, 0, buf.length);
        }

        /** Reads {@code buf[from..to)}. */
        public Source(byte[] buf, int from, int to) {
            this.buf = buf;
            this.pos = from;
            this.end = to;
        }

        /** Whether any byte is left. */
        public boolean hasMore() {
            return pos < end;
        }

        byte[] array() {
            return buf;
        }

        int position() {
            return pos;
        }

        /** Skips {@code n} bytes that the caller read straight from {@link #array()}. */
        void skip(int n) throws EOFException {
            need(n);
            pos += n;
        }

        /** Goes back to a position read before. */
        void rewind(int position) {
            pos = position;
        }

        /** The byte at the position, not consumed. */
        int peek() throws EOFException {
            need(1);
            return buf[pos] & 0xff;
        }

        int readByte() throws EOFException {
            need(1);
            return buf[pos++] & 0xff;
        }

        int readInt() throws EOFException {
            need(4);
            int v = ((buf[pos] & 0xff) << 24) | ((buf[pos + 1] & 0xff) << 16) | ((buf[pos + 2] & 0xff) << 8)
                    | (buf[pos + 3] & 0xff);
            pos += 4;
            return v;
        }

        long readLong() throws EOFException {
            return ((long) readInt() << 32) | (readInt() & 0xFFFFFFFFL);
        }

        byte[] readBytes(int n) throws EOFException {
            need(n);
            byte[] b = Arrays.copyOfRange(buf, pos, pos + n);
            pos += n;
            return b;
        }

        String readString(int n) throws EOFException {
            need(n);
            String s = new String(buf, pos, n, java.nio.charset.StandardCharsets.UTF_8);
            pos += n;
            return s;
        }

        private void need(int n) throws EOFException {
            if (n < 0 || pos + n > end) {
                throw new EOFException();
            }
        }
    }
}
