package io.covet.backup.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SkipDependentsTest {

    @Test
    void aTableNameIsFoundAsAnIdentifierInAnyQuotingButNotInsideTextOrComments() {
        assertThat(SkipDependents.namesIdentifier("SELECT id FROM item WHERE x > 1", "item", false)).isTrue();
        assertThat(SkipDependents.namesIdentifier("select * from ITEM", "item", false)).isTrue();
        assertThat(SkipDependents.namesIdentifier("select `db`.`item`.`id` AS `id` from `db`.`item`", "item", true))
                .isTrue();
        assertThat(SkipDependents.namesIdentifier("SELECT * FROM \"odd \"\"name\"\"\"", "odd \"name\"", false))
                .isTrue();
        assertThat(SkipDependents.namesIdentifier("SELECT * FROM [item]", "item", false)).isTrue();

        assertThat(SkipDependents.namesIdentifier("SELECT id FROM items", "item", false)).isFalse();
        assertThat(SkipDependents.namesIdentifier("SELECT 'item' FROM other", "item", false)).isFalse();
        assertThat(SkipDependents.namesIdentifier("SELECT 'it''s item' FROM other", "item", false)).isFalse();
        assertThat(SkipDependents.namesIdentifier("SELECT 'it\\'s item' FROM other", "item", true)).isFalse();
        assertThat(SkipDependents.namesIdentifier("SELECT 1 /* item */ FROM other", "item", false)).isFalse();
        assertThat(SkipDependents.namesIdentifier("SELECT 1 -- from item\nFROM other", "item", false)).isFalse();
    }
}
