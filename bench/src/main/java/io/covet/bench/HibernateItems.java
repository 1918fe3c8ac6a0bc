package io.covet.bench;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Inheritance;
import jakarta.persistence.InheritanceType;
import jakarta.persistence.PrimaryKeyJoinColumn;
import jakarta.persistence.Table;

/** The same hierarchy as plain JPA entities with Hibernate's JOINED strategy, mapped to the same tables. */
public final class HibernateItems {
    private HibernateItems() {
    }

    /** The root of the JOINED hierarchy. */
    @Entity(name = "HItem")
    @Table(name = "poly_item")
    @Inheritance(strategy = InheritanceType.JOINED)
    public static class HItem {
        @Id
        public Long id;
        @Column(name = "title")
        public String title;
        @Column(name = "price")
        public int price;
    }

    /** A book. */
    @Entity(name = "HBook")
    @Table(name = "poly_book")
    @PrimaryKeyJoinColumn(name = "poly_item_ptr_id")
    public static class HBook extends HItem {
        @Column(name = "pages")
        public int pages;
        @Column(name = "author")
        public String author;
    }

    /** A film. */
    @Entity(name = "HFilm")
    @Table(name = "poly_film")
    @PrimaryKeyJoinColumn(name = "poly_item_ptr_id")
    public static class HFilm extends HItem {
        @Column(name = "minutes")
        public int minutes;
    }

    /** A game. */
    @Entity(name = "HGame")
    @Table(name = "poly_game")
    @PrimaryKeyJoinColumn(name = "poly_item_ptr_id")
    public static class HGame extends HItem {
        @Column(name = "players")
        public int players;
    }
}
