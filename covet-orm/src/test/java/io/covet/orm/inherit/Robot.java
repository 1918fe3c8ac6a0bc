package io.covet.orm.inherit;

import io.covet.orm.Model;

/** A grandchild of the soft-delete root Asset. */
@Model(table = "inh_robot")
public class Robot extends Machine {
    int arms;

    public Robot() {
    }

    Robot(String name, int power, int arms) {
        super(name, power);
        this.arms = arms;
    }
}
