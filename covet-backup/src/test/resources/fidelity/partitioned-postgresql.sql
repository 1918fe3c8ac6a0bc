-- Partitioned schemas as people write them, beyond what @Partitioned models: sub-partitions, expression keys,
-- DEFAULT partitions at every level, and partitions with indexes and constraints of their own.
CREATE SCHEMA shop;
CREATE TABLE shop.region (code text PRIMARY KEY);
CREATE TABLE shop.sale (
    id bigint NOT NULL,
    region text NOT NULL REFERENCES shop.region (code),
    sold_on date NOT NULL,
    amount numeric(10, 2) NOT NULL CHECK (amount >= 0),
    note text DEFAULT 'none',
    PRIMARY KEY (id, sold_on, region)
) PARTITION BY RANGE (sold_on);
-- a partition that is itself partitioned by LIST, with a DEFAULT sub-partition
CREATE TABLE shop.sale_2024 PARTITION OF shop.sale FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')
    PARTITION BY LIST (region);
CREATE TABLE shop.sale_2024_eu PARTITION OF shop.sale_2024 FOR VALUES IN ('eu', 'uk');
CREATE TABLE shop.sale_2024_other PARTITION OF shop.sale_2024 DEFAULT;
-- one partitioned by HASH, and one sub-partition partitioned again (three levels)
CREATE TABLE shop.sale_2025 PARTITION OF shop.sale FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')
    PARTITION BY HASH (id);
CREATE TABLE shop.sale_2025_h0 PARTITION OF shop.sale_2025 FOR VALUES WITH (MODULUS 2, REMAINDER 0);
CREATE TABLE shop.sale_2025_h1 PARTITION OF shop.sale_2025 FOR VALUES WITH (MODULUS 2, REMAINDER 1)
    PARTITION BY LIST (region);
CREATE TABLE shop.sale_2025_h1_eu PARTITION OF shop.sale_2025_h1 FOR VALUES IN ('eu');
CREATE TABLE shop.sale_2025_h1_rest PARTITION OF shop.sale_2025_h1 DEFAULT;
CREATE TABLE shop.sale_rest PARTITION OF shop.sale DEFAULT;
-- an index on the whole tree, and indexes and a check that belong to one partition only
CREATE INDEX sale_region ON shop.sale (region);
CREATE INDEX sale_2024_eu_big ON shop.sale_2024_eu (amount) WHERE amount > 100;
CREATE UNIQUE INDEX sale_rest_id ON shop.sale_rest (id);
CREATE INDEX sale_2025_note ON shop.sale_2025 (lower(note));
ALTER TABLE shop.sale_rest ADD CONSTRAINT sale_rest_old CHECK (sold_on < '2030-01-01');
COMMENT ON TABLE shop.sale_2024_eu IS 'European sales of 2024';
-- a table made elsewhere with its columns in another order, then attached
CREATE TABLE shop.sale_2023 (note text DEFAULT 'old', amount numeric(10, 2) NOT NULL, sold_on date NOT NULL,
    region text NOT NULL, id bigint NOT NULL, CONSTRAINT sale_amount_check CHECK (amount >= 0));
ALTER TABLE shop.sale ATTACH PARTITION shop.sale_2023 FOR VALUES FROM ('2023-01-01') TO ('2024-01-01');

-- keys that are expressions
CREATE TABLE shop.event_log (
    at timestamp NOT NULL,
    kind text NOT NULL,
    body jsonb
) PARTITION BY RANGE (date_trunc('month', at));
CREATE TABLE shop.event_log_2024_01 PARTITION OF shop.event_log
    FOR VALUES FROM ('2024-01-01 00:00:00') TO ('2024-02-01 00:00:00');
CREATE TABLE shop.event_log_rest PARTITION OF shop.event_log DEFAULT;
CREATE INDEX event_log_kind ON shop.event_log (kind, at);
CREATE TABLE shop.account (
    name text NOT NULL,
    email text
) PARTITION BY LIST (lower(name));
CREATE TABLE shop.account_a PARTITION OF shop.account FOR VALUES IN ('alice', 'ann');
CREATE TABLE shop.account_rest PARTITION OF shop.account DEFAULT;
CREATE UNIQUE INDEX account_a_email ON shop.account_a (email);
-- a key of a column and an expression
CREATE TABLE shop.reading (
    sensor integer NOT NULL,
    taken timestamp NOT NULL,
    value real
) PARTITION BY RANGE (sensor, (taken::date));
CREATE TABLE shop.reading_low PARTITION OF shop.reading FOR VALUES FROM (MINVALUE, MINVALUE) TO (100, '2000-01-01');
CREATE TABLE shop.reading_high PARTITION OF shop.reading FOR VALUES FROM (100, '2000-01-01') TO (MAXVALUE, MAXVALUE);
CREATE TABLE shop.reading_other PARTITION OF shop.reading DEFAULT;

INSERT INTO shop.region VALUES ('eu'), ('uk'), ('us'), ('jp');
INSERT INTO shop.sale (id, region, sold_on, amount, note) VALUES
    (1, 'eu', '2024-03-01', 150.00, 'big'), (2, 'uk', '2024-04-01', 10.50, NULL), (3, 'us', '2024-05-01', 99.99, 'x'),
    (4, 'eu', '2025-01-02', 1.00, 'Mixed'), (5, 'eu', '2025-02-02', 2.00, DEFAULT), (6, 'jp', '2025-03-03', 3.00, 'y'),
    (12, 'us', '2025-04-04', 4.00, 'z'), (8, 'jp', '2026-06-01', 5.00, 'later'), (9, 'us', '2019-01-01', 6.00, 'early'),
    (10, 'eu', '2023-07-07', 7.00, 'attached');
INSERT INTO shop.event_log VALUES ('2024-01-15 10:00:00', 'login', '{"user": 1}'),
    ('2024-01-31 23:59:59.5', 'logout', NULL), ('2024-03-01 00:00:00', 'login', '{"user": 2, "tags": ["a"]}');
INSERT INTO shop.account VALUES ('Alice', 'alice@example.com'), ('ANN', NULL), ('bob', 'bob@example.com');
INSERT INTO shop.reading VALUES (5, '2024-01-01 08:00', 1.5), (100, '1999-12-31 23:00', 2.5), (250, '2024-06-01', NULL);
