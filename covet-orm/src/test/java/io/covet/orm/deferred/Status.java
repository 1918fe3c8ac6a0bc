package io.covet.orm.deferred;

/** An article's state. */
public enum Status {
    DRAFT, LIVE
}
