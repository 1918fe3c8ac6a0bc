package io.covet.cli;

import io.covet.sql.Column;
import io.covet.sql.Table;

/** The demo's tables as typed covet-sql tables (the ORM generates such classes; these are written by hand). */
final class DemoTables {
    private DemoTables() {
    }

    /** {@code demo_reading}: the bulk-loaded sensor readings. */
    static final class Readings extends Table {
        static final Readings READINGS = new Readings(null);

        final Column<Long> ID = column("id", Long.class);
        final Column<String> SENSOR = column("sensor", String.class);
        final Column<Double> READING = column("reading", Double.class);

        private Readings(String alias) {
            super(null, "demo_reading", alias);
        }

        @Override
        public Readings as(String alias) {
            return new Readings(alias);
        }
    }

    /** {@code demo_category}: a small category tree for the recursive query. */
    static final class Categories extends Table {
        static final Categories CATEGORIES = new Categories(null);

        final Column<Long> ID = column("id", Long.class);
        final Column<Long> PARENT_ID = column("parent_id", Long.class);
        final Column<String> NAME = column("name", String.class);

        private Categories(String alias) {
            super(null, "demo_category", alias);
        }

        @Override
        public Categories as(String alias) {
            return new Categories(alias);
        }
    }
}
