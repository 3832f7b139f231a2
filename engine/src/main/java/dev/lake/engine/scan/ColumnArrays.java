package dev.lake.engine.scan;

/**
 * The values of one column of a {@link RowBatch} as the array the scan decoded them into, so that
 * a writer can format the column in one loop: visible row {@code r} is array element {@code
 * rows[r]}. {@code values} is a {@code long[]} for INT64, an {@code int[]} for INT32 and DATE (the
 * day number), a {@code boolean[]} for BOOLEAN, the unscaled {@code long[]} for a DECIMAL of at
 * most 18 digits (at the column's scale) and the stored UTF-8 as {@link ByteSlices} for STRING
 * (a null array for NULL; the bytes may be malformed UTF-8). The arrays are not copied: do not
 * change them.
 *
 * @param values the values, indexed by array element
 * @param nulls NULL flags by array element, or null when only {@code values} marks NULLs (STRING)
 *     or no element is NULL
 * @param rows the array element of each visible row
 */
public record ColumnArrays(Object values, boolean[] nulls, int[] rows) {}
