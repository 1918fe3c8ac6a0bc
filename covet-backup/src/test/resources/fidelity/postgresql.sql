-- Every object kind a same-engine PostgreSQL restore must reproduce (issue 11); statements end with ";" on a
-- line of their own end, bodies are dollar-quoted.
CREATE EXTENSION citext;
CREATE EXTENSION btree_gist;
CREATE SCHEMA sales;
CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
CREATE DOMAIN year AS integer CONSTRAINT year_check CHECK (VALUE >= 1901 AND VALUE <= 2155);
CREATE TYPE address AS (street text, city text, zip char(5));
CREATE FUNCTION tax(amount numeric) RETURNS numeric LANGUAGE sql IMMUTABLE AS $$ SELECT round(amount * 0.2, 2) $$;
CREATE TABLE customer (
    id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email citext NOT NULL UNIQUE,
    "Display ""Name""" text,
    feeling mood DEFAULT 'ok',
    born year,
    home address,
    tags text[] NOT NULL DEFAULT '{}',
    scores integer[],
    doc tsvector,
    code char(4),
    CONSTRAINT customer_email_shape CHECK (email LIKE '%@%' OR email LIKE '%.invalid' OR email = 'nobody')
);
COMMENT ON TABLE customer IS 'people who buy';
COMMENT ON COLUMN customer.email IS 'unique, case-insensitive';
CREATE TABLE sales.invoice (
    id serial PRIMARY KEY,
    customer_id integer NOT NULL REFERENCES customer (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    amount numeric(12, 2) NOT NULL,
    tax numeric(12, 2) GENERATED ALWAYS AS (round(amount * 0.2, 2)) STORED,
    issued date NOT NULL DEFAULT current_date,
    during tsrange,
    total_with_tax numeric DEFAULT tax(100)
);
CREATE TABLE measurement (
    city_id integer NOT NULL,
    logdate date NOT NULL,
    peak integer
) PARTITION BY RANGE (logdate);
CREATE TABLE measurement_2024 PARTITION OF measurement FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE TABLE measurement_default PARTITION OF measurement DEFAULT;
CREATE INDEX measurement_city ON measurement (city_id);
ALTER TABLE measurement ADD CONSTRAINT measurement_pk PRIMARY KEY (city_id, logdate);
CREATE TYPE sales.floatrange AS RANGE (subtype = float8, subtype_diff = float8mi);
CREATE DOMAIN sales.positive_amount AS numeric(12, 2) DEFAULT 0 NOT NULL CONSTRAINT positive_amount_check CHECK (VALUE >= 0);
CREATE SCHEMA "Ops";
CREATE TABLE "Ops"."Select" (
    "Room" integer NOT NULL,
    during tsrange NOT NULL,
    "café" text COLLATE "C",
    price sales.positive_amount,
    spread sales.floatrange,
    CONSTRAINT "no double booking" EXCLUDE USING gist ("Room" WITH =, during WITH &&) DEFERRABLE INITIALLY IMMEDIATE
);
CREATE STATISTICS sales.invoice_stats (dependencies) ON customer_id, amount FROM sales.invoice;
COMMENT ON TYPE mood IS 'how a customer feels';
COMMENT ON DOMAIN sales.positive_amount IS 'never negative';
COMMENT ON FUNCTION tax(numeric) IS 'twenty percent';
COMMENT ON CONSTRAINT "no double booking" ON "Ops"."Select" IS 'one booking per room and time';
COMMENT ON INDEX measurement_city IS 'by city';
CREATE INDEX customer_doc_gin ON customer USING gin (doc);
CREATE INDEX customer_tags_gin ON customer USING gin (tags);
CREATE INDEX customer_lower_name ON customer (lower("Display ""Name""")) WHERE feeling <> 'sad';
CREATE INDEX customer_code_hash ON customer USING hash (code);
CREATE INDEX invoice_issued_brin ON sales.invoice USING brin (issued);
CREATE INDEX invoice_customer_incl ON sales.invoice (customer_id) INCLUDE (amount);
CREATE INDEX invoice_during_gist ON sales.invoice USING gist (during);
ALTER TABLE sales.invoice ADD CONSTRAINT invoice_no_overlap EXCLUDE USING gist (during WITH &&);
CREATE VIEW sales.big_invoice AS SELECT id, amount, tax(amount) AS computed_tax FROM sales.invoice WHERE amount > 100;
CREATE MATERIALIZED VIEW sales.invoice_total AS SELECT customer_id, sum(amount) AS total FROM sales.invoice GROUP BY customer_id;
CREATE FUNCTION sales.touch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.issued := coalesce(NEW.issued, current_date);
    RETURN NEW;
END
$$;
CREATE TRIGGER invoice_touch BEFORE INSERT ON sales.invoice FOR EACH ROW EXECUTE FUNCTION sales.touch();
COMMENT ON TRIGGER invoice_touch ON sales.invoice IS 'fills in the date';
CREATE PROCEDURE sales.void(p_id integer) LANGUAGE sql AS $$ DELETE FROM sales.invoice WHERE id = p_id $$;
CREATE TABLE audit_log (id bigserial PRIMARY KEY, note text);
CREATE FUNCTION audit_count() RETURNS bigint LANGUAGE sql STABLE BEGIN ATOMIC
    SELECT CASE WHEN count(*) > 0 THEN count(*) ELSE 0 END FROM audit_log;
END;
CREATE RULE customer_delete_log AS ON DELETE TO customer DO ALSO INSERT INTO audit_log (note) VALUES ('deleted ' || OLD.id);
CREATE TABLE "we""ird" ("quo""te" integer PRIMARY KEY);
CREATE SEQUENCE ticket_seq START 100;
INSERT INTO customer (email, "Display ""Name""", feeling, born, home, tags, scores, doc, code) VALUES
    ('ada@example.com', 'Ada', 'happy', 1990, ROW('1 Main St', 'Paris', '75001'), '{vip,early}', '{1,2,3}',
     to_tsvector('english', 'ada lovelace engine'), 'AB12'),
    ('Bob@Example.com', 'Bob', 'sad', NULL, NULL, '{}', NULL, NULL, NULL),
    ('nobody', NULL, DEFAULT, 2000, ROW(NULL, 'Oslo', NULL), '{"with space","quote\"d"}', '{}', '', 'ZZ');
INSERT INTO sales.invoice (customer_id, amount, during) VALUES
    (1, 250.00, '[2024-01-01 10:00, 2024-01-01 11:00)'),
    (1, 50.50, '[2024-01-02 10:00, 2024-01-02 11:00)'),
    (2, 1000.00, NULL);
INSERT INTO measurement VALUES (1, '2024-03-01', 20), (2, '2023-12-31', 5), (3, '2026-06-01', 31);
INSERT INTO audit_log (note) VALUES ('created');
INSERT INTO "we""ird" VALUES (1), (2);
INSERT INTO "Ops"."Select" VALUES (101, '[2024-01-01 10:00, 2024-01-01 12:00)', 'crème', 12.50, '[1.5, 2.5)'),
    (101, '[2024-01-01 12:00, 2024-01-01 13:00)', NULL, DEFAULT, NULL);
SELECT nextval('ticket_seq');
SELECT nextval('ticket_seq');
DELETE FROM sales.invoice WHERE id = 2;
REFRESH MATERIALIZED VIEW sales.invoice_total;
