package io.covet.orm.processor;

/** A many-to-many or reverse field. */
record RelationInfo(String name, boolean manyToMany, String target, String through, String table,
                    String sourceColumn, String targetColumn, String remoteField) {
}
