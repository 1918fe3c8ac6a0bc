package com.example.library;

import io.covet.core.Database;
import io.covet.orm.Orm;

import java.util.List;

/** The sample application: stores a few books and lists the recent ones. */
public final class Library {
    private Library() {
    }

    /** Creates the table on {@code db}, saves three books and returns the titles published after 2000, by title. */
    public static List<String> recentTitles(Database db) {
        Orm orm = Orm.builder().database(db).models(Book_.TYPE).build();
        orm.createTables();
        orm.save(new Book("Dune", 1965));
        orm.save(new Book("Anathem", 2008));
        orm.save(new Book("Piranesi", 2020));
        return orm.objects(Book_.TYPE).filter(Book_.YEAR.gt(2000)).orderBy(Book_.TITLE.asc()).list().stream()
                .map(Book::title).toList();
    }

    /** Runs the sample on an in-memory SQLite database and prints the titles. */
    public static void main(String[] args) {
        try (Database db = Database.open(args.length > 0 ? args[0] : "sqlite::memory:")) {
            recentTitles(db).forEach(System.out::println);
        }
    }
}
