package io.covet.orm;

/**
 * A foreign key's target exists but is soft-deleted ({@link SoftDelete}): {@link Ref#get()} does not hand out
 * deleted rows. Read the row explicitly ({@code orm.objects(Customer_.TYPE).allObjects().get(ref.id())}) or
 * restore it.
 */
public class DeletedReference extends DoesNotExist {
    /** An exception naming the reference, the deleted row and what to do. */
    public DeletedReference(String message) {
        super(message);
    }
}
