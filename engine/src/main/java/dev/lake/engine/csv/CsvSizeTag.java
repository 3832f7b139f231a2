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
   * The bytes {@link CsvExport#writeRows} writes for {@code file} of {@code snapshot}, when the
   * file's tag says so for the snapshot's layout ({@code layout} is {@link #layout} of its schema);
   * empty when the file has to be rendered to know.
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
   * Measures rows as they are handed to the Parquet writer and gives each file written its tag.
   * Files are cut from the stream of rows in order, so a file of n rows holds the next n rows
   * measured. A row the codec refuses (cannot happen for rows coerced to the table's types, but
   * would make every count after it wrong) turns the tags off for the rest of the writer's life.
   */
  public static final class Meter {
    private final String layout;
    private final CsvRowWriter counter;
    // Lengths of the rows measured but not yet assigned to a file, [head, tail).
    private int[] lengths = new int[1024];
    private int head;
    private int tail;
    private boolean broken;

    /** Measures rows of {@code schema} (values in schema order, in the engine's Java convention). */
    public Meter(Schema schema) {
      this.layout = layout(schema);
      this.counter = CsvRowWriter.open(OutputStream.nullOutputStream(), schema);
    }

    /** Measures the next row written. */
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
      if (length > Integer.MAX_VALUE) {
        broken = true;
        return;
      }
      if (tail == lengths.length) {
        int pending = tail - head;
        lengths = pending * 2 <= lengths.length ? compact() : Arrays.copyOfRange(lengths, head, head + lengths.length * 2);
        head = 0;
        tail = pending;
      }
      lengths[tail++] = (int) length;
    }

    private int[] compact() {
      System.arraycopy(lengths, head, lengths, 0, tail - head);
      return lengths;
    }

    /**
     * The tags of the next file written, which holds the next {@code rows} rows measured (empty
     * when its row count is unknown or the rows were not all measured — and from then on).
     */
    public Map<String, String> nextFile(OptionalLong rows) {
      if (broken || rows.isEmpty() || rows.getAsLong() > tail - head) {
        broken = true;
        return Map.of();
      }
      long bytes = 0;
      int end = head + (int) rows.getAsLong();
      for (int i = head; i < end; i++) {
        bytes += lengths[i];
      }
      head = end;
      return Map.of(KEY, layout + ":" + bytes);
    }
  }
}
