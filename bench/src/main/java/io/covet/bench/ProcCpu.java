package io.covet.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time from Linux's {@code /proc/<pid>/stat}, in milliseconds: this JVM's own, that of the child processes it
 * has waited for (a dump tool run with {@link ProcessBuilder}), and a database server's. On a shared machine CPU time
 * varies far less than elapsed time, so the backup benchmarks print it beside the seconds. Counts clock ticks of
 * 10 ms ({@code CLK_TCK} = 100, Linux's value on every common architecture); -1 where {@code /proc} is missing.
 */
final class ProcCpu {
    private ProcCpu() {
    }

    /** User + system CPU of this process (every thread: JIT and GC included). */
    static long self() {
        return field(Path.of("/proc/self/stat"), 0);
    }

    /** User + system CPU of this process's children that have ended and been waited for. */
    static long children() {
        return field(Path.of("/proc/self/stat"), 2);
    }

    /** User + system CPU of process {@code pid} (every thread of it), or -1 if it cannot be read. */
    static long of(long pid) {
        return pid <= 0 ? -1 : field(Path.of("/proc/" + pid + "/stat"), 0);
    }

    /**
     * The pid of the MariaDB server {@code scripts/engines} started (its {@code mariadb.pid} in
     * {@code $COVET_ENGINES_DIR}, else {@code target/engines}), or -1 when there is none or it is not a running
     * {@code mariadbd}: a server given by {@code COVET_BENCH_MARIADB_URL} elsewhere is not measured.
     */
    static long mariadbServer() {
        String dir = System.getenv().getOrDefault("COVET_ENGINES_DIR", "target/engines");
        try {
            long pid = Long.parseLong(Files.readString(Path.of(dir, "mariadb.pid")).strip());
            String comm = Files.readString(Path.of("/proc/" + pid + "/comm")).strip();
            return comm.equals("mariadbd") || comm.equals("mysqld") ? pid : -1;
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }

    /** Fields 14+15 (utime, stime) when {@code at} is 0, 16+17 (cutime, cstime) when 2, in milliseconds. */
    private static long field(Path stat, int at) {
        try {
            String s = Files.readString(stat);
            // the command name (field 2) is in parentheses and may hold spaces: count fields after its closing one
            String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11 + at]) + Long.parseLong(f[12 + at])) * 10;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
