package io.covet.orm.processor;

import java.util.List;

/** A model as analysed: what the generated metamodel needs. */
record ModelInfo(String packageName, String simpleName, String qualifiedName, String table, List<FieldInfo> fields,
                 List<RelationInfo> relations, List<String> ordering, List<Group> indexes,
                 List<Group> uniques, List<String[]> checks, List<String> compositeKey, boolean record,
                 boolean readOnly, String historyTable, List<String> historyExcluded,
                 String[] softDelete, String manager, String historyCapture) {
}
