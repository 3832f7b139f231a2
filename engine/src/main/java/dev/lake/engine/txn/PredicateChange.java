package dev.lake.engine.txn;

import dev.lake.engine.expr.BoundPredicate;
import dev.lake.engine.expr.Predicate;
import dev.lake.engine.kernel.SkippingPredicates;
import dev.lake.engine.types.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * A row change that affects the rows where a predicate holds (DELETE, UPDATE): rows are matched
 * on the predicate's columns, files skipped by what the predicate implies about their stats.
 */
abstract class PredicateChange implements RowChange {
  private final Predicate where;
  private final List<String> matchColumns = new ArrayList<>();
  private final BoundPredicate onMatch;

  PredicateChange(Predicate where, Schema table) {
    this.where = where;
    BoundPredicate bound = BoundPredicate.bind(where, table);
    bound.columns().stream().forEach(i -> matchColumns.add(table.field(i).name()));
    if (matchColumns.isEmpty()) {
      // A constant predicate reads no column; the rewriter still needs one to visit rows.
      matchColumns.add(table.field(0).name());
    }
    this.onMatch = BoundPredicate.bind(where, table.project(matchColumns));
  }

  /** True when the predicate is the constant TRUE. */
  boolean matchesEverything() {
    return onMatch.isAlwaysTrue();
  }

  @Override
  public List<String> matchColumns() {
    return matchColumns;
  }

  @Override
  public Optional<io.delta.kernel.expressions.Predicate> skipping(Schema table) {
    return matchesEverything() ? Optional.empty() : SkippingPredicates.of(where, table);
  }

  @Override
  public boolean affects(IntFunction<Object> values) {
    return onMatch.test(values);
  }
}
