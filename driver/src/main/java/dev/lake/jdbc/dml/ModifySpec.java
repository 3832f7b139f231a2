package dev.lake.jdbc.dml;

import dev.lake.engine.expr.Predicate;
import java.util.List;

/**
 * What a lake TableModify does, fixed at planning.
 *
 * @param operation INSERT, UPDATE, DELETE or MERGE
 * @param columns the table's column names, in order, as planned
 * @param updateColumns the columns an UPDATE (or MERGE's update) sets, in input order
 * @param mergeInsertWidth MERGE only: the number of insert-value columns at the start of each
 *     input row (0 without a WHEN NOT MATCHED clause)
 * @param deletePredicate DELETE only: when the rows to delete are exactly those matching this
 *     engine predicate, it is applied directly (re-planned on conflicts) instead of row by row
 */
public record ModifySpec(
    String operation, List<String> columns, List<String> updateColumns, int mergeInsertWidth, Predicate deletePredicate) {}
