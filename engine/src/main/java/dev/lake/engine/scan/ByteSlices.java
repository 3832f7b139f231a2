package dev.lake.engine.scan;

/**
 * Byte strings as slices of shared arrays: value {@code i} is bytes [{@code offsets[i]}, {@code
 * offsets[i] + lengths[i]}) of {@code arrays[i]}, and a null array is NULL. A scan hands STRING
 * columns over this way so that a value read from a Parquet page is not copied into an array
 * of its own: neighbouring values share their page's array. Not copied: do not change them.
 *
 * @param arrays the array each value lies in (null for NULL)
 * @param offsets where each value starts in its array
 * @param lengths each value's length in bytes
 */
public record ByteSlices(byte[][] arrays, int[] offsets, int[] lengths) {}
