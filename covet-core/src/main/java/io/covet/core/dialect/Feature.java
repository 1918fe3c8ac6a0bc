package io.covet.core.dialect;

/**
 * Capabilities that differ between engines or between versions of one engine.
 *
 * <p>They are read from the live server when a {@code Database} opens (see {@link ServerInfo}), so code can
 * ask {@code db.supports(Feature.RETURNING)} rather than compare version strings.
 */
public enum Feature {
    /** {@code INSERT/UPDATE/DELETE … RETURNING}: PostgreSQL, SQLite 3.35+, MariaDB 10.5+ (INSERT and DELETE only). */
    RETURNING,
    /** {@code UPDATE … RETURNING}: PostgreSQL and SQLite 3.35+; MariaDB lacks it. */
    UPDATE_RETURNING,
    /** Window functions ({@code OVER (…)}): PostgreSQL, MariaDB 10.2+, MySQL 8, SQLite 3.25+. */
    WINDOW_FUNCTIONS,
    /** Common table expressions including {@code WITH RECURSIVE}. */
    CTE,
    /** A native JSON type with operators (JSONB on PostgreSQL, JSON_* functions on MariaDB, json1 on SQLite). */
    JSON,
    /** {@code FOR UPDATE} / {@code FOR SHARE} row locks. */
    ROW_LOCKS,
    /** {@code SKIP LOCKED}: PostgreSQL 9.5+, MariaDB 10.6+, MySQL 8. */
    SKIP_LOCKED,
    /** {@code NOWAIT}: PostgreSQL, MariaDB 10.3+, MySQL 8. */
    NOWAIT,
    /** {@code FOR UPDATE OF table, …} (lock the rows of some of the joined tables only): PostgreSQL, MySQL 8; MariaDB lacks it. */
    LOCK_OF,
    /** DDL inside a transaction is rolled back with it: PostgreSQL and SQLite, not MariaDB/MySQL. */
    TRANSACTIONAL_DDL,
    /**
     * {@code ALTER TABLE … ADD CONSTRAINT} (a foreign key, unique or check constraint) on an existing table:
     * PostgreSQL, MariaDB, MySQL; SQLite must rebuild the table instead.
     */
    ALTER_ADD_CONSTRAINT,
    /** {@code INSERT … ON CONFLICT … DO UPDATE/NOTHING}: PostgreSQL, SQLite 3.24+. */
    UPSERT_ON_CONFLICT,
    /** {@code INSERT … ON DUPLICATE KEY UPDATE}: MariaDB and MySQL. */
    UPSERT_ON_DUPLICATE_KEY,
    /** {@code SAVEPOINT} / {@code ROLLBACK TO SAVEPOINT} / {@code RELEASE SAVEPOINT}. */
    SAVEPOINTS,
    /** PostgreSQL full-text search ({@code tsvector}, {@code tsquery}). */
    FULLTEXT_TSVECTOR,
    /** MariaDB/MySQL {@code FULLTEXT} indexes with {@code MATCH … AGAINST}. */
    FULLTEXT_MATCH_AGAINST,
    /** SQLite FTS5 virtual tables. */
    FULLTEXT_FTS5,
    /** {@code FULL OUTER JOIN}: PostgreSQL, SQLite 3.39+; MariaDB lacks it. */
    FULL_OUTER_JOIN,
    /** {@code RIGHT JOIN}: everywhere but SQLite before 3.39. */
    RIGHT_JOIN,
    /** {@code LATERAL} derived tables: PostgreSQL, MySQL 8.0.14+. */
    LATERAL,
    /** {@code DISTINCT ON (…)}: PostgreSQL only. */
    DISTINCT_ON,
    /** {@code INTERSECT} and {@code EXCEPT}: PostgreSQL, SQLite, MariaDB 10.3+. */
    INTERSECT_EXCEPT,
    /** Server-side streaming of large results without buffering them in the client. */
    STREAMING_RESULTS,
    /** A bulk-load protocol faster than batched inserts ({@code COPY FROM STDIN}). */
    COPY,
    /** Sequences ({@code CREATE SEQUENCE}): PostgreSQL, MariaDB 10.3+. */
    SEQUENCES,
    /** Two-phase commit ({@code PREPARE TRANSACTION} / XA). */
    TWO_PHASE_COMMIT,
    /**
     * A transaction's snapshot can be exported and adopted by other connections, so several connections read
     * one consistent state ({@code pg_export_snapshot()} / {@code SET TRANSACTION SNAPSHOT}): PostgreSQL only.
     */
    EXPORTED_SNAPSHOTS,
    /** Advisory (application) locks: {@code pg_advisory_lock}, {@code GET_LOCK}. */
    ADVISORY_LOCKS,
    /** Check constraints that the engine enforces. */
    CHECK_CONSTRAINTS,
    /** Generated (computed) columns. */
    GENERATED_COLUMNS,
    /** Partial (filtered) indexes: PostgreSQL and SQLite. */
    PARTIAL_INDEXES,
    /** {@code CREATE INDEX CONCURRENTLY}: PostgreSQL. */
    CONCURRENT_INDEX,
    /** Index hints ({@code USE INDEX}, {@code FORCE INDEX}, {@code INDEXED BY}). */
    INDEX_HINTS,
    /**
     * Foreign keys live on an index of their columns (MariaDB/MySQL InnoDB): the engine creates one, named after
     * the key, when none covers the columns, silently drops that one when another index comes to cover them, and
     * refuses to drop the last index that does ("needed in a foreign key constraint").
     */
    FOREIGN_KEYS_NEED_INDEX,
    /**
     * Rows streamed by the client as a text file the server parses ({@code LOAD DATA LOCAL INFILE}), faster than
     * multi-row {@code INSERT}s: MariaDB and MySQL, when the server's {@code local_infile} allows it (MySQL 8 turns
     * it off by default).
     */
    LOAD_DATA_LOCAL,
    /** Array column types ({@code integer[]}) and their operators: PostgreSQL; MariaDB and SQLite have none. */
    ARRAYS
}
