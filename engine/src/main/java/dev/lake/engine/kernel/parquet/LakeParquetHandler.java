package dev.lake.engine.kernel.parquet;

import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.defaults.engine.fileio.FileIO;
import io.delta.kernel.engine.FileReadResult;
import io.delta.kernel.engine.ParquetHandler;
import io.delta.kernel.expressions.Column;
import io.delta.kernel.expressions.Predicate;
import io.delta.kernel.types.DataType;
import io.delta.kernel.types.StructField;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.DataFileStatus;
import io.delta.kernel.utils.FileStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * The engine's Parquet handler: files of flat, plainly typed columns (every table lake writes,
 * and most that others write) are read by {@link FlatParquetFileReader}, column by column into
 * primitive arrays; everything else — nested columns, predicates for row-group pruning (log
 * checkpoints), type widening, unusual encodings of a type — goes to Kernel's own reader, file
 * by file. Writes are Kernel's.
 */
public final class LakeParquetHandler implements ParquetHandler {
  private final FileIO fileIO;
  private final ParquetHandler kernel;

  /**
   * @param fileIO how files are opened (the same one Kernel's handler uses)
   * @param kernel Kernel's handler, for writes and for what the flat reader refuses
   */
  public LakeParquetHandler(FileIO fileIO, ParquetHandler kernel) {
    this.fileIO = fileIO;
    this.kernel = kernel;
  }

  @Override
  public CloseableIterator<FileReadResult> readParquetFiles(
      CloseableIterator<FileStatus> files, StructType physicalSchema, Optional<Predicate> predicate) throws IOException {
    if (predicate.isPresent() || !flat(physicalSchema)) {
      return kernel.readParquetFiles(files, physicalSchema, predicate);
    }
    return new CloseableIterator<>() {
      private CloseableIterator<ColumnarBatch> current;
      private String currentPath;

      @Override
      public boolean hasNext() {
        while (current == null || !current.hasNext()) {
          closeCurrent();
          if (!files.hasNext()) {
            return false;
          }
          FileStatus f = files.next();
          currentPath = f.getPath();
          current = open(f, physicalSchema);
        }
        return true;
      }

      @Override
      public FileReadResult next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return new FileReadResult(current.next(), currentPath);
      }

      @Override
      public void close() throws IOException {
        try {
          closeCurrent();
        } finally {
          files.close();
        }
      }

      private void closeCurrent() {
        if (current != null) {
          try {
            current.close();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          } finally {
            current = null;
          }
        }
      }
    };
  }

  /** One file's batches: the flat reader's, or Kernel's when the file does not suit it. */
  private CloseableIterator<ColumnarBatch> open(FileStatus f, StructType schema) {
    try {
      FlatParquetFileReader flat =
          FlatParquetFileReader.open(ParquetInputs.of(fileIO.newInputFile(f.getPath(), f.getSize())), schema);
      if (flat != null) {
        return flat;
      }
      return kernel.readParquetFiles(io.delta.kernel.internal.util.Utils.singletonCloseableIterator(f), schema, Optional.empty())
          .map(FileReadResult::getData);
    } catch (IOException e) {
      throw new UncheckedIOException("reading Parquet file " + f.getPath() + ": " + e.getMessage(), e);
    }
  }

  /** Only top-level columns of primitive types (the flat reader checks each file's encoding). */
  static boolean flat(StructType schema) {
    for (StructField field : schema.fields()) {
      DataType t = field.getDataType();
      if (t instanceof StructType || t instanceof io.delta.kernel.types.ArrayType || t instanceof io.delta.kernel.types.MapType) {
        return false;
      }
    }
    return true;
  }

  @Override
  public CloseableIterator<DataFileStatus> writeParquetFiles(
      String directoryPath, CloseableIterator<FilteredColumnarBatch> dataIter, List<Column> statsColumns) throws IOException {
    return kernel.writeParquetFiles(directoryPath, dataIter, statsColumns);
  }

  @Override
  public void writeParquetFileAtomically(String filePath, CloseableIterator<FilteredColumnarBatch> data) throws IOException {
    kernel.writeParquetFileAtomically(filePath, data);
  }
}
