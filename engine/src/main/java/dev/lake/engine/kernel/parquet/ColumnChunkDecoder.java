package dev.lake.engine.kernel.parquet;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.apache.parquet.CorruptDeltaByteArrays;
import org.apache.parquet.bytes.ByteBufferInputStream;
import org.apache.parquet.bytes.BytesUtils;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Dictionary;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.ValuesType;
import org.apache.parquet.column.page.DataPage;
import org.apache.parquet.column.page.DataPageV1;
import org.apache.parquet.column.page.DataPageV2;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.page.PageReader;
import org.apache.parquet.column.values.RequiresPreviousReader;
import org.apache.parquet.column.values.ValuesReader;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;

/**
 * Decodes the pages of one flat (non-repeated) column chunk into primitive arrays, a batch of
 * rows at a time, without parquet-mr's per-value column reader: definition levels are decoded
 * for a run of rows, then the run's non-null values in one loop — PLAIN fixed-width values as a
 * bulk copy from the page buffer, dictionary-encoded values as dictionary ids gathered from the
 * dictionary decoded once into an array — and spread over the non-null rows.
 *
 * <p>Pages are parquet-mr's ({@link PageReader}: already decompressed, v1 and v2), levels and
 * dictionary ids are decoded a run at a time by {@link HybridIntDecoder} (with parquet-mr's bit
 * unpackers), and every other
 * value encoding (DELTA_*, BYTE_STREAM_SPLIT, RLE booleans and fixed-length byte arrays) by the
 * {@link ValuesReader} parquet-mr's own column reader would use, one value per call. A
 * dictionary page may be followed by dictionary-encoded and then PLAIN pages (a writer's
 * fallback when the dictionary grew too large); each page is decoded by its own encoding.
 *
 * <p>Each read method returns the batch's null flags, or null when no value in it is null.
 */
final class ColumnChunkDecoder {
  private final ColumnDescriptor column;
  private final PageReader pages;
  private final String createdBy;
  private final int maxDefinition;
  private final Dictionary dictionary;

  // The dictionary decoded once per chunk, for the type asked for.
  private int[] dictInts;
  private long[] dictLongs;
  private float[] dictFloats;
  private double[] dictDoubles;
  private byte[][] dictBytes;

  private int pageLeft; // values (rows: the column is flat) left in the current page
  private HybridIntDecoder levelRuns; // definition levels of the page (RLE/bit-packed hybrid)
  private ValuesReader otherLevels; // ... in v1's deprecated BIT_PACKED encoding
  private int[] scratch = new int[FlatParquetFileReader.BATCH_ROWS]; // levels or dictionary ids of a run
  private PageValues values;
  private ValuesReader previousGeneric; // for PARQUET-246 files, as parquet-mr's reader does

  private boolean[] nulls; // of the batch being read

  ColumnChunkDecoder(ColumnDescriptor column, PageReader pages, String createdBy) throws IOException {
    if (column.getMaxRepetitionLevel() != 0 || column.getMaxDefinitionLevel() > 1) {
      throw new IllegalArgumentException("not a flat column: " + column);
    }
    this.column = column;
    this.pages = pages;
    this.createdBy = createdBy;
    this.maxDefinition = column.getMaxDefinitionLevel();
    DictionaryPage dp = pages.readDictionaryPage();
    this.dictionary = dp == null ? null : dp.getEncoding().initDictionary(column, dp);
  }

  // ------------------------------------------------------------------------------ batches

  boolean[] readInts(int[] out, int rows) throws IOException {
    nulls = null;
    for (int done = 0; done < rows; ) {
      int k = startRun(rows - done);
      int defined = levels(done, k, rows);
      values.ints(out, done, defined);
      if (defined < k) {
        for (int r = done + k - 1, d = done + defined - 1; r > d; r--) {
          out[r] = nulls[r] ? 0 : out[d--];
        }
      }
      done += k;
    }
    return nulls;
  }

  boolean[] readLongs(long[] out, int rows) throws IOException {
    nulls = null;
    for (int done = 0; done < rows; ) {
      int k = startRun(rows - done);
      int defined = levels(done, k, rows);
      values.longs(out, done, defined);
      if (defined < k) {
        for (int r = done + k - 1, d = done + defined - 1; r > d; r--) {
          out[r] = nulls[r] ? 0 : out[d--];
        }
      }
      done += k;
    }
    return nulls;
  }

  boolean[] readFloats(float[] out, int rows) throws IOException {
    nulls = null;
    for (int done = 0; done < rows; ) {
      int k = startRun(rows - done);
      int defined = levels(done, k, rows);
      values.floats(out, done, defined);
      if (defined < k) {
        for (int r = done + k - 1, d = done + defined - 1; r > d; r--) {
          out[r] = nulls[r] ? 0 : out[d--];
        }
      }
      done += k;
    }
    return nulls;
  }

  boolean[] readDoubles(double[] out, int rows) throws IOException {
    nulls = null;
    for (int done = 0; done < rows; ) {
      int k = startRun(rows - done);
      int defined = levels(done, k, rows);
      values.doubles(out, done, defined);
      if (defined < k) {
        for (int r = done + k - 1, d = done + defined - 1; r > d; r--) {
          out[r] = nulls[r] ? 0 : out[d--];
        }
      }
      done += k;
    }
    return nulls;
  }

  boolean[] readBooleans(boolean[] out, int rows) throws IOException {
    nulls = null;
    for (int done = 0; done < rows; ) {
      int k = startRun(rows - done);
      int defined = levels(done, k, rows);
      values.booleans(out, done, defined);
      if (defined < k) {
        for (int r = done + k - 1, d = done + defined - 1; r > d; r--) {
          out[r] = !nulls[r] && out[d--];
        }
      }
      done += k;
    }
    return nulls;
  }

  /**
   * BINARY and FIXED_LEN_BYTE_ARRAY values as slices (value r is {@code lengths[r]} bytes of
   * {@code arrays[r]} from {@code offsets[r]}); a null value is a null array. PLAIN values are
   * slices of their page's array, which nothing reuses: pages are decompressed into, or read
   * as, arrays of their own (the reader's allocator is the heap's, which never recycles).
   */
  void readBinaries(byte[][] arrays, int[] offsets, int[] lengths, int rows) throws IOException {
    nulls = null;
    for (int done = 0; done < rows; ) {
      int k = startRun(rows - done);
      int defined = levels(done, k, rows);
      values.binaries(arrays, offsets, lengths, done, defined);
      if (defined < k) {
        for (int r = done + k - 1, d = done + defined - 1; r > d; r--) {
          if (nulls[r]) {
            arrays[r] = null;
          } else {
            arrays[r] = arrays[d];
            offsets[r] = offsets[d];
            lengths[r] = lengths[d--];
          }
        }
      }
      done += k;
    }
  }

  /** The length of the next run of rows within one page (moving to the next page if needed). */
  private int startRun(int wanted) throws IOException {
    while (pageLeft == 0) {
      nextPage();
    }
    int k = Math.min(wanted, pageLeft);
    pageLeft -= k;
    return k;
  }

  /** Decodes k definition levels for rows [from, from + k); returns how many are non-null. */
  private int levels(int from, int k, int rows) throws IOException {
    if (maxDefinition == 0) {
      return k;
    }
    int[] levels = scratch(k);
    int skipped = 0; // leading rows known to be defined without decoding their levels one by one
    if (levelRuns != null) {
      // A column without NULLs stores its levels as long runs of the defined level: skip them.
      skipped = levelRuns.skipRepeats(maxDefinition, k);
      if (skipped == k) {
        return k;
      }
      levelRuns.read(levels, 0, k - skipped);
    } else {
      for (int j = 0; j < k; j++) {
        levels[j] = otherLevels.readInteger();
      }
    }
    int defined = skipped;
    for (int j = 0, at = from + skipped; j < k - skipped; j++, at++) {
      if (levels[j] == maxDefinition) {
        defined++;
      } else {
        if (nulls == null) {
          nulls = new boolean[rows];
        }
        nulls[at] = true;
      }
    }
    return defined;
  }

  private int[] scratch(int n) {
    if (scratch.length < n) {
      scratch = new int[n];
    }
    return scratch;
  }

  // -------------------------------------------------------------------------------- pages

  private void nextPage() throws IOException {
    DataPage page = pages.readPage();
    if (page == null) {
      throw new IOException("column " + column + " has fewer values than its row group has rows");
    }
    pageLeft = page.getValueCount();
    if (page instanceof DataPageV1 v1) {
      ByteBufferInputStream in = v1.getBytes().toInputStream();
      // Repetition levels of a flat column take no bytes, but skip them as parquet-mr does.
      v1.getRlEncoding().getValuesReader(column, ValuesType.REPETITION_LEVEL).initFromPage(pageLeft, in);
      levelRuns = null;
      otherLevels = null;
      if (maxDefinition > 0 && v1.getDlEncoding() == Encoding.RLE) {
        int length = BytesUtils.readIntLittleEndian(in); // v1 prefixes RLE levels with their length
        levelRuns = new HybridIntDecoder(1, in.slice(length));
      } else if (maxDefinition > 0) {
        otherLevels = v1.getDlEncoding().getValuesReader(column, ValuesType.DEFINITION_LEVEL);
        otherLevels.initFromPage(pageLeft, in);
      } else {
        v1.getDlEncoding().getValuesReader(column, ValuesType.DEFINITION_LEVEL).initFromPage(pageLeft, in);
      }
      values = values(v1.getValueEncoding(), in, pageLeft);
    } else if (page instanceof DataPageV2 v2) {
      if (v2.isCompressed()) {
        throw new IOException("column " + column + ": a v2 data page arrived compressed");
      }
      otherLevels = null;
      levelRuns = maxDefinition == 0 ? null : new HybridIntDecoder(1, v2.getDefinitionLevels().toByteBuffer());
      values = values(v2.getDataEncoding(), v2.getData().toInputStream(), pageLeft);
    } else {
      throw new IOException("column " + column + ": unknown page kind " + page.getClass().getName());
    }
  }

  private PageValues values(Encoding encoding, ByteBufferInputStream in, int count) throws IOException {
    PrimitiveTypeName type = column.getPrimitiveType().getPrimitiveTypeName();
    if (encoding.usesDictionary()) {
      if (dictionary == null) {
        throw new IOException("column " + column + " has a dictionary-encoded page but no dictionary");
      }
      int bitWidth = BytesUtils.readIntLittleEndianOnOneByte(in); // as parquet-mr's DictionaryValuesReader
      return new DictionaryIds(new HybridIntDecoder(bitWidth, in.slice(in.available())));
    }
    if (encoding == Encoding.PLAIN
        && (type == PrimitiveTypeName.INT32
            || type == PrimitiveTypeName.INT64
            || type == PrimitiveTypeName.FLOAT
            || type == PrimitiveTypeName.DOUBLE
            || type == PrimitiveTypeName.BINARY)) {
      return new Plain(in.slice(in.available()).order(ByteOrder.LITTLE_ENDIAN));
    }
    if (encoding == Encoding.PLAIN && type == PrimitiveTypeName.BOOLEAN) {
      return new PlainBooleans(in.slice(in.available()));
    }
    ValuesReader reader = encoding.getValuesReader(column, ValuesType.VALUES);
    reader.initFromPage(count, in);
    if (CorruptDeltaByteArrays.requiresSequentialReads(createdBy, encoding)
        && previousGeneric instanceof RequiresPreviousReader
        && reader instanceof RequiresPreviousReader r) {
      r.setPreviousReader(previousGeneric); // PARQUET-246: such files' pages depend on the last one
    }
    previousGeneric = reader;
    return new Generic(reader);
  }

  /**
   * The non-null values of a page, read n at a time into an array from an offset. A page holds
   * values of its column's one physical type; the other methods are never called for it.
   */
  private abstract static class PageValues {
    void ints(int[] out, int at, int n) throws IOException {
      throw notOfType("INT32");
    }

    void longs(long[] out, int at, int n) throws IOException {
      throw notOfType("INT64");
    }

    void floats(float[] out, int at, int n) throws IOException {
      throw notOfType("FLOAT");
    }

    void doubles(double[] out, int at, int n) throws IOException {
      throw notOfType("DOUBLE");
    }

    void booleans(boolean[] out, int at, int n) throws IOException {
      throw notOfType("BOOLEAN");
    }

    void binaries(byte[][] arrays, int[] offsets, int[] lengths, int at, int n) throws IOException {
      throw notOfType("BINARY");
    }

    private IllegalStateException notOfType(String type) {
      return new IllegalStateException(getClass().getSimpleName() + " does not hold " + type + " values");
    }
  }

  /** PLAIN fixed-width values (little-endian) and length-prefixed BINARY, from the page buffer. */
  private static final class Plain extends PageValues {
    private final ByteBuffer buf;

    Plain(ByteBuffer buf) {
      this.buf = buf;
    }

    // A little-endian view's bulk get is one native copy (the JDK's copyMemory), whatever the JIT:
    // under C1 it is about 20 times faster than assembling each value from bytes. It throws
    // BufferUnderflowException when the page is short.
    @Override
    void ints(int[] out, int at, int n) {
      buf.asIntBuffer().get(out, at, n);
      buf.position(buf.position() + 4 * n);
    }

    @Override
    void longs(long[] out, int at, int n) {
      buf.asLongBuffer().get(out, at, n);
      buf.position(buf.position() + 8 * n);
    }

    @Override
    void floats(float[] out, int at, int n) {
      buf.asFloatBuffer().get(out, at, n);
      buf.position(buf.position() + 4 * n);
    }

    @Override
    void doubles(double[] out, int at, int n) {
      buf.asDoubleBuffer().get(out, at, n);
      buf.position(buf.position() + 8 * n);
    }

    @Override
    void binaries(byte[][] arrays, int[] offsets, int[] lengths, int at, int n) throws IOException {
      if (!buf.hasArray()) {
        for (int j = 0; j < n; j++) {
          int len = buf.remaining() < 4 ? -1 : buf.getInt();
          if (len < 0 || len > buf.remaining()) {
            throw pastPage(len);
          }
          byte[] b = new byte[len];
          buf.get(b);
          arrays[at + j] = b;
          offsets[at + j] = 0;
          lengths[at + j] = len;
        }
        return;
      }
      // Pages are heap buffers: index the array, which costs a call per access less than the
      // buffer's getters where the JIT does not inline them (C1).
      byte[] a = buf.array();
      int base = buf.arrayOffset();
      int p = base + buf.position();
      int end = base + buf.limit();
      for (int j = 0; j < n; j++) {
        int len = end - p < 4 ? -1 : (a[p] & 0xff) | (a[p + 1] & 0xff) << 8 | (a[p + 2] & 0xff) << 16 | a[p + 3] << 24;
        p += 4;
        if (len < 0 || len > end - p) {
          throw pastPage(len);
        }
        arrays[at + j] = a;
        offsets[at + j] = p;
        lengths[at + j] = len;
        p += len;
      }
      buf.position(p - base);
    }

    private static IOException pastPage(int len) {
      return new IOException(
          len < 0 ? "a PLAIN BINARY value's length runs past its page" : "a PLAIN BINARY value of " + len + " bytes runs past its page");
    }
  }

  /** PLAIN booleans: one bit per value, least significant bit first. */
  private static final class PlainBooleans extends PageValues {
    private final ByteBuffer buf;
    private long bit;

    PlainBooleans(ByteBuffer buf) {
      this.buf = buf;
    }

    @Override
    void booleans(boolean[] out, int at, int n) throws IOException {
      if (bit + n > 8L * buf.remaining()) {
        throw new IOException("PLAIN booleans run past their page");
      }
      if (buf.hasArray()) {
        byte[] a = buf.array();
        int from = buf.arrayOffset() + buf.position();
        for (int j = 0; j < n; ) {
          if ((bit & 7) == 0 && n - j >= 8) { // a whole byte: one load for eight values
            int b = a[from + (int) (bit >>> 3)];
            int o = at + j;
            out[o] = (b & 1) != 0;
            out[o + 1] = (b & 2) != 0;
            out[o + 2] = (b & 4) != 0;
            out[o + 3] = (b & 8) != 0;
            out[o + 4] = (b & 16) != 0;
            out[o + 5] = (b & 32) != 0;
            out[o + 6] = (b & 64) != 0;
            out[o + 7] = (b & 128) != 0;
            j += 8;
            bit += 8;
          } else {
            out[at + j++] = (a[from + (int) (bit >>> 3)] & (1 << (bit & 7))) != 0;
            bit++;
          }
        }
        return;
      }
      int from = buf.position();
      for (int j = 0; j < n; j++, bit++) {
        out[at + j] = (buf.get(from + (int) (bit >>> 3)) & (1 << (bit & 7))) != 0;
      }
    }
  }

  /** Dictionary ids (RLE/bit-packed runs) gathered from the decoded dictionary. */
  private final class DictionaryIds extends PageValues {
    private final HybridIntDecoder runs;

    DictionaryIds(HybridIntDecoder runs) {
      this.runs = runs;
    }

    /** The next n ids, each checked against the dictionary's size. */
    private int[] ids(int n) throws IOException {
      int[] ids = scratch(n);
      runs.read(ids, 0, n);
      int max = dictionary.getMaxId();
      for (int j = 0; j < n; j++) {
        if (ids[j] < 0 || ids[j] > max) {
          throw new IOException("column " + column + ": dictionary id " + ids[j] + " past the dictionary's " + (max + 1) + " entries");
        }
      }
      return ids;
    }

    @Override
    void ints(int[] out, int at, int n) throws IOException {
      if (dictInts == null) {
        dictInts = new int[dictionary.getMaxId() + 1];
        for (int i = 0; i < dictInts.length; i++) {
          dictInts[i] = dictionary.decodeToInt(i);
        }
      }
      int[] d = dictInts;
      int[] ids = ids(n);
      for (int j = 0; j < n; j++) {
        out[at + j] = d[ids[j]];
      }
    }

    @Override
    void longs(long[] out, int at, int n) throws IOException {
      if (dictLongs == null) {
        dictLongs = new long[dictionary.getMaxId() + 1];
        for (int i = 0; i < dictLongs.length; i++) {
          dictLongs[i] = dictionary.decodeToLong(i);
        }
      }
      long[] d = dictLongs;
      int[] ids = ids(n);
      for (int j = 0; j < n; j++) {
        out[at + j] = d[ids[j]];
      }
    }

    @Override
    void floats(float[] out, int at, int n) throws IOException {
      if (dictFloats == null) {
        dictFloats = new float[dictionary.getMaxId() + 1];
        for (int i = 0; i < dictFloats.length; i++) {
          dictFloats[i] = dictionary.decodeToFloat(i);
        }
      }
      float[] d = dictFloats;
      int[] ids = ids(n);
      for (int j = 0; j < n; j++) {
        out[at + j] = d[ids[j]];
      }
    }

    @Override
    void doubles(double[] out, int at, int n) throws IOException {
      if (dictDoubles == null) {
        dictDoubles = new double[dictionary.getMaxId() + 1];
        for (int i = 0; i < dictDoubles.length; i++) {
          dictDoubles[i] = dictionary.decodeToDouble(i);
        }
      }
      double[] d = dictDoubles;
      int[] ids = ids(n);
      for (int j = 0; j < n; j++) {
        out[at + j] = d[ids[j]];
      }
    }

    @Override
    void booleans(boolean[] out, int at, int n) throws IOException {
      int[] ids = ids(n);
      for (int j = 0; j < n; j++) {
        out[at + j] = dictionary.decodeToBoolean(ids[j]);
      }
    }

    /** Rows with the same id share one array: readers never change the bytes they are given. */
    @Override
    void binaries(byte[][] arrays, int[] offsets, int[] lengths, int at, int n) throws IOException {
      if (dictBytes == null) {
        dictBytes = new byte[dictionary.getMaxId() + 1][];
        for (int i = 0; i < dictBytes.length; i++) {
          dictBytes[i] = dictionary.decodeToBinary(i).getBytes();
        }
      }
      byte[][] d = dictBytes;
      int[] ids = ids(n);
      for (int j = 0; j < n; j++) {
        byte[] v = d[ids[j]];
        arrays[at + j] = v;
        offsets[at + j] = 0;
        lengths[at + j] = v.length;
      }
    }
  }

  /** Any other encoding, through parquet-mr's values reader, one value per call. */
  private static final class Generic extends PageValues {
    private final ValuesReader in;

    Generic(ValuesReader in) {
      this.in = in;
    }

    @Override
    void ints(int[] out, int at, int n) {
      for (int j = 0; j < n; j++) {
        out[at + j] = in.readInteger();
      }
    }

    @Override
    void longs(long[] out, int at, int n) {
      for (int j = 0; j < n; j++) {
        out[at + j] = in.readLong();
      }
    }

    @Override
    void floats(float[] out, int at, int n) {
      for (int j = 0; j < n; j++) {
        out[at + j] = in.readFloat();
      }
    }

    @Override
    void doubles(double[] out, int at, int n) {
      for (int j = 0; j < n; j++) {
        out[at + j] = in.readDouble();
      }
    }

    @Override
    void booleans(boolean[] out, int at, int n) {
      for (int j = 0; j < n; j++) {
        out[at + j] = in.readBoolean();
      }
    }

    @Override
    void binaries(byte[][] arrays, int[] offsets, int[] lengths, int at, int n) {
      for (int j = 0; j < n; j++) {
        byte[] v = in.readBytes().getBytes(); // owned bytes: page buffers may be reused
        arrays[at + j] = v;
        offsets[at + j] = 0;
        lengths[at + j] = v.length;
      }
    }
  }
}
