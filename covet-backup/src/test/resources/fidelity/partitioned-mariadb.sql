-- Partitioned MariaDB tables as people write them, beyond what @Partitioned models: sub-partitions by HASH and
-- KEY, RANGE over an expression, MAXVALUE, LIST with DEFAULT, multi-column RANGE COLUMNS, partition comments.
CREATE TABLE sale (
    id INT NOT NULL AUTO_INCREMENT,
    region CHAR(2) NOT NULL,
    sold_on DATE NOT NULL,
    amount DECIMAL(10,2) NOT NULL,
    PRIMARY KEY (id, sold_on),
    KEY sale_amount (amount)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4
PARTITION BY RANGE (YEAR(sold_on)) SUBPARTITION BY HASH (id) SUBPARTITIONS 2 (
    PARTITION p2023 VALUES LESS THAN (2024) COMMENT = 'closed year',
    PARTITION p2024 VALUES LESS THAN (2025),
    PARTITION pmax VALUES LESS THAN MAXVALUE
);
CREATE TABLE visit (
    id INT NOT NULL,
    country CHAR(2) NOT NULL,
    seen DATETIME(3) NOT NULL,
    PRIMARY KEY (id, country)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4
PARTITION BY LIST COLUMNS (country) SUBPARTITION BY KEY (id) (
    PARTITION eu VALUES IN ('de', 'fr') (SUBPARTITION eu_a, SUBPARTITION eu_b),
    PARTITION us VALUES IN ('us') (SUBPARTITION us_a, SUBPARTITION us_b)
);
CREATE TABLE ledger (
    id INT NOT NULL,
    booked DATE NOT NULL,
    total DECIMAL(12,2),
    PRIMARY KEY (id, booked)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4
PARTITION BY RANGE (TO_DAYS(booked)) (
    PARTITION p_old VALUES LESS THAN (TO_DAYS('2020-01-01')),
    PARTITION p_now VALUES LESS THAN (TO_DAYS('2030-01-01')),
    PARTITION p_max VALUES LESS THAN MAXVALUE
);
CREATE TABLE metric (
    host VARCHAR(20) NOT NULL,
    day INT NOT NULL,
    v DOUBLE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4
PARTITION BY RANGE COLUMNS (day, host) (
    PARTITION m0 VALUES LESS THAN (10, 'm'),
    PARTITION m1 VALUES LESS THAN (10, MAXVALUE),
    PARTITION m2 VALUES LESS THAN (MAXVALUE, MAXVALUE)
);
CREATE TABLE ticket (
    id INT NOT NULL,
    status INT NOT NULL,
    PRIMARY KEY (id, status)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4
PARTITION BY LIST (status % 10) (
    PARTITION open VALUES IN (0, 1),
    PARTITION closed VALUES IN (2),
    PARTITION other DEFAULT
);
CREATE TABLE blob_store (
    id BIGINT NOT NULL PRIMARY KEY,
    data BLOB
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4
PARTITION BY LINEAR HASH (id) PARTITIONS 3;

INSERT INTO sale (region, sold_on, amount) VALUES ('de', '2023-05-01', 10.00), ('us', '2024-02-02', 20.50),
    ('fr', '2024-12-31', 30.25), ('jp', '2031-01-01', 40.00), ('de', '2025-06-06', 1.00);
INSERT INTO visit VALUES (1, 'de', '2024-01-01 10:00:00.123'), (2, 'fr', '2024-01-02 11:00:00'),
    (3, 'us', '2024-01-03 12:00:00.5');
INSERT INTO ledger VALUES (1, '2019-12-31', 5.00), (2, '2024-01-01', NULL), (3, '2099-01-01', 7.50);
INSERT INTO metric VALUES ('alpha', 1, 0.5), ('zulu', 5, 1.5), ('a', 10, 2.5), ('x', 10, 3.5), ('b', 11, NULL);
INSERT INTO ticket VALUES (1, 10), (2, 21), (3, 32), (4, 45);
INSERT INTO blob_store VALUES (1, X'00FF'), (2, NULL), (3, X'CAFE'), (4, X'');
