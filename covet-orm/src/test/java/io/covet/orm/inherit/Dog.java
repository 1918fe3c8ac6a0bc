package io.covet.orm.inherit;

import io.covet.orm.Manager;
import io.covet.orm.Model;

/** A proxy of Animal: the same table, its own ordering (most legs first) and its own manager (dogs only). */
@Model(proxy = true, ordering = {"-legs", "name"})
@Manager(DogQuery.class)
public class Dog extends Animal {
    public Dog() {
    }

    Dog(String name, int legs) {
        super(name, "dog", legs);
    }

    /** Behaviour only the proxy type has. */
    String bark() {
        return name + " says woof";
    }
}
