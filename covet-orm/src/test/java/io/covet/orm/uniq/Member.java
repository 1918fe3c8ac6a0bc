package io.covet.orm.uniq;

import io.covet.orm.Column;
import io.covet.orm.Entity;
import io.covet.orm.Model;
import io.covet.orm.PrimaryKey;
import io.covet.orm.Unique;

/** A club member: e-mail unique, shirt number unique within the club. */
@Model(table = "uq_member", uniqueTogether = @Unique(fields = {"club", "number"}))
public class Member extends Entity {
    @PrimaryKey
    Long id;
    @Column(unique = true)
    String email;
    String club;
    int number;
    @Column(nullable = true, unique = true)
    String nickname;

    public Member() {
    }

    Member(String email, String club, int number) {
        this.email = email;
        this.club = club;
        this.number = number;
    }
}
