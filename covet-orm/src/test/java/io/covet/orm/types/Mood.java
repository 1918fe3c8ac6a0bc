package io.covet.orm.types;

enum Mood {
    HAPPY, SAD, NEUTRAL, EXCITED_AND_LONG_NAMED
}
