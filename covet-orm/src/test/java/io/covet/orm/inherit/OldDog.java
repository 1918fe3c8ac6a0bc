package io.covet.orm.inherit;

import io.covet.orm.Model;

/** A proxy of a proxy: still Animal's table, Animal's ordering (it declares none), no manager. */
@Model(proxy = true)
public class OldDog extends Dog {
    public OldDog() {
    }
}
