package com.example.library;

import io.covet.core.Database;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LibraryTest {
    @Test
    void theGeneratedMetamodelQueriesARealDatabase() {
        try (Database db = Database.open("sqlite::memory:")) {
            assertThat(Library.recentTitles(db)).containsExactly("Anathem", "Piranesi");
        }
    }
}
