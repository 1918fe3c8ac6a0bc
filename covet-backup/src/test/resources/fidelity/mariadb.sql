-- Every object kind a same-engine MariaDB restore must reproduce (issue 11). Routine, trigger and event bodies
-- are single statements, so the script splits on ";".
CREATE TABLE category (
    id TINYINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    name VARCHAR(25) CHARACTER SET latin1 COLLATE latin1_swedish_ci NOT NULL,
    last_update TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT='film categories';
CREATE TABLE film (
    film_id SMALLINT UNSIGNED NOT NULL AUTO_INCREMENT,
    title VARCHAR(128) NOT NULL,
    description TEXT,
    release_year YEAR DEFAULT NULL,
    rating ENUM('G','PG','PG-13','R','NC-17') DEFAULT 'G',
    special_features SET('Trailers','Commentaries','Deleted Scenes','Behind the Scenes'),
    flags BIT(4) NOT NULL DEFAULT b'0101',
    code CHAR(3) NOT NULL DEFAULT 'AAA',
    digest BINARY(4),
    blobish VARBINARY(16),
    rental_rate DECIMAL(4,2) NOT NULL DEFAULT 4.99,
    length MEDIUMINT UNSIGNED,
    big BIGINT UNSIGNED,
    meta JSON,
    location POINT NOT NULL,
    title_upper VARCHAR(128) AS (UPPER(title)) VIRTUAL,
    title_len INT AS (CHAR_LENGTH(title)) PERSISTENT,
    category_id TINYINT UNSIGNED,
    PRIMARY KEY (film_id),
    FULLTEXT KEY film_text (title, description),
    SPATIAL KEY film_location (location),
    KEY film_title_prefix (title(10)),
    KEY film_rate_desc (rental_rate DESC, film_id),
    UNIQUE KEY film_code (code, release_year),
    CONSTRAINT film_category_fk FOREIGN KEY (category_id) REFERENCES category (id) ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT film_rating_check CHECK (rating = 'G' OR rating = 'PG' OR rating = 'PG-13' OR rental_rate > 1)
) ENGINE=InnoDB AUTO_INCREMENT=500 DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci COMMENT='films on offer';
CREATE TABLE film_log (id INT AUTO_INCREMENT PRIMARY KEY, film_id SMALLINT UNSIGNED, note VARCHAR(200)) ENGINE=InnoDB;
CREATE TABLE `we``ird` (`quo``te` INT PRIMARY KEY) ENGINE=MyISAM;
CREATE FUNCTION price_with_tax(p DECIMAL(4,2)) RETURNS DECIMAL(6,2) DETERMINISTIC RETURN ROUND(p * 1.2, 2);
CREATE PROCEDURE film_count(OUT n INT) READS SQL DATA SELECT COUNT(*) INTO n FROM film;
CREATE VIEW film_price AS SELECT film_id, title, price_with_tax(rental_rate) AS price FROM film;
CREATE VIEW cheap_film AS SELECT film_id, title FROM film_price WHERE price < 5;
CREATE TRIGGER film_after_insert AFTER INSERT ON film FOR EACH ROW INSERT INTO film_log (film_id, note) VALUES (NEW.film_id, CONCAT('new ', NEW.title));
CREATE EVENT purge_log ON SCHEDULE EVERY 1 DAY STARTS '2030-01-01 00:00:00' DISABLE DO DELETE FROM film_log WHERE id < 0;
INSERT INTO category (name, last_update) VALUES ('Action', '2024-01-01 10:00:00'), ('Åsa', '2024-01-02 10:00:00');
INSERT INTO film (title, description, release_year, rating, special_features, flags, code, digest, blobish, rental_rate, length, big, meta, location, category_id) VALUES
    ('ACADEMY DINOSAUR', 'An epic drama of a feminist and a mad scientist', 2006, 'PG', 'Deleted Scenes,Behind the Scenes', b'1010', 'ACA', x'01020304', x'ff00', 0.99, 86, 18446744073709551615, '{"a": [1, 2]}', ST_GeomFromText('POINT(1 2)'), 1),
    ('ACE GOLDFINGER', NULL, NULL, 'G', '', b'0000', 'ACE', NULL, NULL, 4.99, 16777215, 0, NULL, ST_GeomFromText('POINT(-3.5 7)'), 2),
    ('ADAPTATION HOLES', 'A astounding reflection', 2155, 'NC-17', 'Trailers', b'1111', 'ADA', x'00000000', x'', 2.99, NULL, NULL, '[]', ST_GeomFromText('POINT(0 0)'), NULL);
INSERT INTO `we``ird` VALUES (1), (2);
