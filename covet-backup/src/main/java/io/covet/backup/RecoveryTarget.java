package io.covet.backup;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where a PostgreSQL point-in-time recovery stops: the end of the archived WAL, a time, a WAL position (LSN) or
 * the commit of a transaction id. Values are validated here, so nothing but a well-formed target reaches the
 * server's configuration.
 *
 * @param kind  what the value names
 * @param value the time, LSN or transaction id as PostgreSQL writes it; empty for {@link Kind#LATEST}
 */
public record RecoveryTarget(Kind kind, String value) {
    private static final Pattern LSN = Pattern.compile("[0-9A-Fa-f]{1,8}/[0-9A-Fa-f]{1,8}");
    private static final Pattern XID = Pattern.compile("[0-9]{1,20}");

    /** The kinds of target, each a {@code recovery_target_*} setting. */
    public enum Kind {
        /** Replay all archived WAL. */
        LATEST,
        /** {@code recovery_target_time}: a timestamp with time zone. */
        TIME,
        /** {@code recovery_target_lsn}: a WAL position such as {@code 0/3000148}. */
        LSN,
        /** {@code recovery_target_xid}: stop after this transaction commits. */
        XID
    }

    /** Validates the value for its kind. */
    public RecoveryTarget {
        Objects.requireNonNull(kind, "kind");
        value = value == null ? "" : value.strip();
        switch (kind) {
            case LATEST -> value = "";
            case TIME -> {
                if (value.isEmpty() || value.indexOf('\'') >= 0 || value.indexOf('\n') >= 0) {
                    throw new IllegalArgumentException("recovery target time '" + value + "' is not a timestamp; "
                            + "give one such as '2026-11-27 05:30:00+00'");
                }
            }
            case LSN -> {
                if (!LSN.matcher(value).matches()) {
                    throw new IllegalArgumentException("recovery target LSN '" + value + "' is not a WAL position; "
                            + "give one such as 0/3000148 (pg_current_wal_lsn())");
                }
            }
            case XID -> {
                if (!XID.matcher(value).matches()) {
                    throw new IllegalArgumentException("recovery target transaction id '" + value
                            + "' is not a number; give one such as 771 (pg_current_xact_id())");
                }
            }
            default -> throw new IllegalStateException("unhandled kind " + kind);
        }
    }

    /** Replay all archived WAL. */
    public static RecoveryTarget latest() {
        return new RecoveryTarget(Kind.LATEST, "");
    }

    /** Stop at a time, e.g. {@code 2026-11-27 05:30:00+00}. */
    public static RecoveryTarget time(String timestamp) {
        return new RecoveryTarget(Kind.TIME, timestamp);
    }

    /** Stop at a WAL position, e.g. {@code 0/3000148}. */
    public static RecoveryTarget lsn(String lsn) {
        return new RecoveryTarget(Kind.LSN, lsn);
    }

    /** Stop after the commit of a transaction id. */
    public static RecoveryTarget xid(String xid) {
        return new RecoveryTarget(Kind.XID, xid);
    }

    /** The {@code postgresql.auto.conf} lines for this target (promoting at the target); empty for latest. */
    String settings() {
        return switch (kind) {
            case LATEST -> "";
            case TIME -> "recovery_target_time = '" + value + "'\nrecovery_target_action = 'promote'\n";
            case LSN -> "recovery_target_lsn = '" + value + "'\nrecovery_target_action = 'promote'\n";
            case XID -> "recovery_target_xid = '" + value + "'\nrecovery_target_action = 'promote'\n";
        };
    }

    @Override
    public String toString() {
        return kind == Kind.LATEST ? "the end of the archived WAL" : kind.name().toLowerCase(java.util.Locale.ROOT)
                + " " + value;
    }
}
