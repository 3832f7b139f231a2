package dev.lake.engine.csv;

import dev.lake.engine.Snapshot;
import dev.lake.engine.scan.DataFile;
import dev.lake.engine.types.Schema;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The size of a data file's rows as lake CSV, recorded when lake writes the file: a tag of its
 * {@code add} action, {@value #KEY} = {@code <layout>:<bytes>}. The mount's {@code stat} adds
 * these up instead of rendering the table first, and {@code cat} then reads the rows while they
 * are being rendered.
 *
 * <p>The byte count holds only for the CSV layout it was measured in — the table's columns and
 * types, and this codec's text — so the tag names that layout ({@link #layout}, a digest of the
 * codec's version and the schema); after ALTER TABLE ADD COLUMN, a type change or a codec change
 * the tag no longer applies and the file is rendered to learn its size. A file with a deletion
 * vector (written by another engine) shows fewer rows than were measured: its tag is ignored too.
 * Other engines keep the tags of the files they do not rewrite, and write none: their files are
 * rendered first, as before.
 */
public final class CsvSizeTag {
  /** The tag's key in an {@code add} action's {@code tags}. */
  public static final String KEY = "lake.csvBytes";

  /** Changes whenever {@link CsvBatchWriter} would write any value differently. */
  private static final String CODEC_VERSION = "lake-csv-1";

  private CsvSizeTag() {}

  /** Names the CSV layout of {@code schema}: equal for equal columns and types, under this codec. */
  public static String layout(Schema schema) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest((CODEC_VERSION + "\n" + schema).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(Arrays.copyOf(digest, 8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  /**
   * The bytes {@link CsvExport#writeRows} writes for {@code file} of a snapshot whose schema's
   * {@link #layout} is {@code layout}, when the file's tag gives them for that layout; empty when
   * the file has to be rendered to know.
   */
  public static OptionalLong renderedSize(DataFile file, String layout) {
    if (file.hasDeletionVector()) {
      return OptionalLong.empty();
    }
    String tag = file.tags().get(KEY);
    if (tag == null || tag.length() <= layout.length() + 1 || !tag.startsWith(layout) || tag.charAt(layout.length()) != ':') {
      return OptionalLong.empty();
    }
    try {
      long bytes = Long.parseLong(tag, layout.length() + 1, tag.length(), 10);
      return bytes >= 0 ? OptionalLong.of(bytes) : OptionalLong.empty();
    } catch (NumberFormatException e) {
      return OptionalLong.empty();
    }
  }

  /** {@link #renderedSize(DataFile, String)} for the layout of {@code snapshot}'s schema. */
  public static OptionalLong renderedSize(Snapshot snapshot, DataFile file) {
    return renderedSize(file, layout(snapshot.schema()));
  }

  /**
   * Measures rows as they are handed to the Parquet writer, batch by batch, and gives each file
   * written its tag. The writer cuts files from the stream of rows in order and pulls the next
   * batch only once the current one is used up, so a finished file holds whatever rows of earlier
   * batches are not yet in a file, then the first rows of the latest batch: only the latest
   * batch's row lengths are kept (memory bounded by one batch, however large the files). Whenever
   * a file's row count does not fit that picture (unknown, or the writer read ahead), or the codec
   * refuses a row (rows are coerced to the table's types first, so it should not), the tags are
   * off for the rest of the writer's life: a file without a tag is rendered to learn its size.
   */
  public static final class Meter {
    private final String layout;
    private final CsvRowWriter counter;
    // Rows of earlier batches not yet in a file, and their bytes.
    private long carriedRows;
    private long carriedBytes;
    // The latest batch: each row's length; [0, used) are in files already.
    private int[] lengths = new int[1024];
    private int size;
    private int used;
    private boolean broken;

    /** Measures rows of {@code schema} (values in schema order, in the engine's Java convention). */
    public Meter(Schema schema) {
      this.layout = layout(schema);
      this.counter = CsvRowWriter.open(OutputStream.nullOutputStream(), schema);
    }

    /** The rows measured from now on form the next batch handed to the writer. */
    public void startBatch() {
      for (int i = used; i < size; i++) {
        carriedBytes += lengths[i];
      }
      carriedRows += size - used;
      size = 0;
      used = 0;
    }

    /** Measures the next row of the current batch. */
    public void add(Object[] row) {
      if (broken) {
        return;
      }
      long before = counter.bytesWritten();
      try {
        counter.writeRow(row);
      } catch (RuntimeException e) {
        broken = true;
        return;
      }
      long length = counter.bytesWritten() - before;
      if (length > Integer.MAX_VALUE || size == Integer.MAX_VALUE - 8) {
        broken = true;
        return;
      }
      if (size == lengths.length) {
        lengths = Arrays.copyOf(lengths, (int) Math.min(Integer.MAX_VALUE - 8, 2L * lengths.length));
      }
      lengths[size++] = (int) length;
    }

    /**
     * The tags of the next file written, which holds the next {@code rows} rows measured (empty
     * when its rows cannot be told apart — and from then on).
     */
    public Map<String, String> nextFile(OptionalLong rows) {
      long fromLatest = rows.isPresent() ? rows.getAsLong() - carriedRows : -1;
      if (broken || fromLatest < 0 || fromLatest > size - used) {
        broken = true;
        return Map.of();
      }
      long bytes = carriedBytes;
      int end = used + (int) fromLatest;
      for (int i = used; i < end; i++) {
        bytes += lengths[i];
      }
      used = end;
      carriedRows = 0;
      carriedBytes = 0;
      return Map.of(KEY, layout + ":" + bytes);
    }
  }
}
