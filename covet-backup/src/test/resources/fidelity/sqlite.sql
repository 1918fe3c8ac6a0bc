-- Every object kind a same-engine SQLite restore must reproduce (issue 11). Trigger bodies hold ";", so this
-- script is run statement by statement as SQLite itself splits it (the test uses executeUpdate per statement
-- it reads up to a line that is just "--end").
CREATE TABLE customer (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL COLLATE NOCASE, balance NUMERIC(10,2) DEFAULT 0, joined DATETIME DEFAULT CURRENT_TIMESTAMP, kind VARCHAR(10) CHECK (kind = 'person' OR kind = 'company' OR kind IS NULL))
--end
CREATE TABLE "order" (id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL REFERENCES customer (id) ON DELETE CASCADE, amount REAL NOT NULL, tax REAL GENERATED ALWAYS AS (amount * 0.2) STORED, total REAL AS (amount + tax) VIRTUAL)
--end
CREATE TABLE setting (key TEXT PRIMARY KEY, value ANY) STRICT, WITHOUT ROWID
--end
CREATE TABLE tally (k TEXT NOT NULL PRIMARY KEY, n INT) WITHOUT ROWID
--end
CREATE TABLE "we""ird" ("quo""te" INTEGER PRIMARY KEY)
--end
CREATE INDEX order_customer ON "order" (customer_id)
--end
CREATE INDEX customer_lower ON customer (lower(name)) WHERE kind IS NOT NULL
--end
CREATE VIRTUAL TABLE doc USING fts5(title, body)
--end
CREATE VIEW big_order AS SELECT id, amount FROM "order" WHERE amount > 100
--end
CREATE VIEW big_order_names AS SELECT c.name FROM big_order b JOIN "order" o ON o.id = b.id JOIN customer c ON c.id = o.customer_id
--end
CREATE TRIGGER order_tally AFTER INSERT ON "order" BEGIN INSERT INTO tally (k, n) VALUES ('orders', 1) ON CONFLICT (k) DO UPDATE SET n = n + 1; END
--end
INSERT INTO customer (name, balance, kind) VALUES ('Ada', 10.5, 'person'), ('Acme', 99999999.99, 'company'), ('x', NULL, NULL)
--end
INSERT INTO "order" (id, customer_id, amount) VALUES (1, 1, 250), (2, 2, 50.5), (3, 2, 1000)
--end
DELETE FROM customer WHERE id = 3
--end
INSERT INTO setting VALUES ('theme', 'dark'), ('size', 12), ('blob', x'00ff')
--end
INSERT INTO doc (title, body) VALUES ('hello', 'the quick brown fox'), ('bye', 'jumps over the lazy dog')
--end
INSERT INTO "we""ird" VALUES (1), (2)
