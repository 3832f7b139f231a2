package dev.lake.engine.maintenance;

import dev.lake.engine.csv.CsvValueCodec;
import dev.lake.engine.error.InvalidInputException;
import dev.lake.engine.error.LakeException;
import dev.lake.engine.expr.BoundPredicate;
import dev.lake.engine.expr.Predicate;
import dev.lake.engine.kernel.ScanFile;
import dev.lake.engine.kernel.SkippingPredicates;
import dev.lake.engine.kernel.TableMeta;
import dev.lake.engine.types.LakeType;
import dev.lake.engine.types.Schema;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which files of a snapshot an OPTIMIZE may touch: checks its options against the table (a WHERE
 * on partition columns only, Z-order columns that exist, are not partition columns and have an
 * order) and decides for each file whether its partition is selected.
 */
final class OptimizeScope {
  private final Schema schema;
  private final List<String> partitionColumns;
  private final BoundPredicate where;
  private final Optional<io.delta.kernel.expressions.Predicate> skipping;
  private final int[] zOrderPositions;

  /** @throws InvalidInputException for a bad WHERE or ZORDER BY column, naming it */
  OptimizeScope(String table, TableMeta meta, OptimizeOptions options) {
    this.schema = meta.schema();
    this.partitionColumns = meta.partitionColumns();
    Predicate p = options.where();
    try {
      this.where = BoundPredicate.bind(p, schema);
    } catch (LakeException e) {
      throw new InvalidInputException("OPTIMIZE WHERE on table " + table + ": " + e.getMessage(), e);
    }
    BitSet cols = where.columns();
    for (int c = cols.nextSetBit(0); c >= 0; c = cols.nextSetBit(c + 1)) {
      String name = schema.field(c).name();
      if (!isPartitionColumn(name)) {
        throw new InvalidInputException("OPTIMIZE WHERE on table " + table + " may only reference partition columns"
            + " (as in Delta); column " + name + " is not one" + partitionList());
      }
    }
    this.skipping = where.isAlwaysTrue() ? Optional.empty() : SkippingPredicates.of(p, schema);
    List<String> z = options.zOrderBy();
    if (!z.isEmpty() && meta.kernel().getClusteringColumnInfos().map(c -> !c.isEmpty()).orElse(false)) {
      // Delta refuses it too: the table's layout is defined by its clustering columns.
      throw new InvalidInputException("ZORDER BY: table " + table
          + " uses liquid clustering (table feature clustering); Z-ordering it would undo its clustering");
    }
    this.zOrderPositions = new int[z.size()];
    for (int i = 0; i < z.size(); i++) {
      String col = z.get(i);
      int pos = schema.indexOf(col);
      if (pos < 0) {
        throw new InvalidInputException("ZORDER BY: table " + table + " has no column " + col);
      }
      String name = schema.field(pos).name();
      if (isPartitionColumn(name)) {
        throw new InvalidInputException("ZORDER BY: column " + name + " is a partition column of table " + table
            + "; Z-ordering by it is pointless (each file holds one value), as Delta also refuses");
      }
      LakeType type = schema.field(pos).type();
      if (!ZOrder.isOrderable(type)) {
        throw new InvalidInputException("ZORDER BY: column " + name + " of table " + table + " has type " + type
            + ", which has no order (lists, maps and structs cannot be Z-ordered)");
      }
      zOrderPositions[i] = pos;
    }
  }

  /** The Kernel predicate that prunes files by partition values, if any. */
  Optional<io.delta.kernel.expressions.Predicate> skipping() {
    return skipping;
  }

  /** Positions of the Z-order columns in the table schema; empty for bin-packing. */
  int[] zOrderPositions() {
    return zOrderPositions;
  }

  /**
   * True when the file's partition is selected. Kernel's pruning already dropped most others;
   * this is the exact check on the parsed partition values. A value lake cannot parse keeps
   * the file in scope (Kernel's pruning decided).
   */
  boolean selects(ScanFile file) {
    if (where.isAlwaysTrue()) {
      return true;
    }
    Map<String, String> values = file.partitionValues();
    try {
      return where.test(i -> partitionValue(values, i));
    } catch (RuntimeException e) {
      return true;
    }
  }

  private Object partitionValue(Map<String, String> values, int position) {
    String name = schema.field(position).name();
    String text = values.get(name);
    if (text == null) {
      for (Map.Entry<String, String> e : values.entrySet()) {
        if (e.getKey().equalsIgnoreCase(name)) {
          text = e.getValue();
        }
      }
    }
    return text == null ? null : CsvValueCodec.parse(schema.field(position).type(), text);
  }

  private boolean isPartitionColumn(String name) {
    return partitionColumns.stream().anyMatch(name::equalsIgnoreCase);
  }

  private String partitionList() {
    return partitionColumns.isEmpty()
        ? " (the table is not partitioned)"
        : " (partition columns: " + String.join(", ", partitionColumns) + ")";
  }
}
