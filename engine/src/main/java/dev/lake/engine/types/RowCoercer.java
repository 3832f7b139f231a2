package dev.lake.engine.types;

import dev.lake.engine.error.ConstraintViolationException;
import dev.lake.engine.error.SchemaException;

/**
 * Checks a row against a schema and converts its values to the canonical Java classes: right
 * number of values, each fits its column's type, no NULL in a NOT NULL column. Errors name the
 * row (1-based, as the caller counts them) and the column.
 */
public final class RowCoercer {
  private final Schema schema;

  public RowCoercer(Schema schema) {
    this.schema = schema;
  }

  /**
   * A new array of canonical values.
   *
   * @param rowNumber the 1-based row number shown in errors
   * @throws SchemaException for a wrong value count or a value that does not fit
   * @throws ConstraintViolationException for NULL in a NOT NULL column
   */
  public Object[] coerce(Object[] row, long rowNumber) {
    if (row.length != schema.size()) {
      throw new SchemaException(
          "row " + rowNumber + " has " + row.length + " values; the table has " + schema.size()
              + " columns: " + String.join(", ", schema.columnNames()));
    }
    Object[] out = new Object[row.length];
    for (int i = 0; i < row.length; i++) {
      Field f = schema.field(i);
      if (row[i] == null) {
        if (!f.nullable()) {
          throw new ConstraintViolationException(
              "row " + rowNumber + ", column '" + f.name() + "': NULL in a NOT NULL column");
        }
        continue;
      }
      try {
        out[i] = Values.coerce(f.type(), row[i]);
      } catch (SchemaException e) {
        throw new SchemaException("row " + rowNumber + ", column '" + f.name() + "': " + e.getMessage(), e);
      }
    }
    return out;
  }
}
