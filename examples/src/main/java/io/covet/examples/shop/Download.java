package io.covet.examples.shop;

import io.covet.orm.Column;
import io.covet.orm.FieldType;
import io.covet.orm.Model;

/** A digital fulfilment: a download link (multi-table child of {@link Fulfilment}). */
@Model(table = "download")
public class Download extends Fulfilment {
    @Column(type = FieldType.URL)
    String url;
    @Column(defaultValue = "0")
    int downloads;

    /** For the ORM. */
    public Download() {
    }

    /** A new download for {@code order}. */
    public Download(Order order, String reference, String url) {
        super(order, reference);
        this.url = url;
    }

    /** The download link. */
    public String url() {
        return url;
    }

    /** How many times the link was used. */
    public int downloads() {
        return downloads;
    }
}
