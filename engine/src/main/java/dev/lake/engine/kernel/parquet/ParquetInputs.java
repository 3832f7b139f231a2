package dev.lake.engine.kernel.parquet;

import io.delta.kernel.defaults.engine.fileio.InputFile;
import io.delta.kernel.defaults.engine.fileio.SeekableInputStream;
import java.io.IOException;
import org.apache.parquet.io.DelegatingSeekableInputStream;

/** Kernel's file abstraction as parquet-mr's, so that both readers go through the same FileIO. */
final class ParquetInputs {
  private ParquetInputs() {}

  static org.apache.parquet.io.InputFile of(InputFile file) {
    return new org.apache.parquet.io.InputFile() {
      @Override
      public long getLength() throws IOException {
        return file.length();
      }

      @Override
      public org.apache.parquet.io.SeekableInputStream newStream() throws IOException {
        SeekableInputStream in = file.newStream();
        return new DelegatingSeekableInputStream(in) {
          @Override
          public long getPos() throws IOException {
            return in.getPos();
          }

          @Override
          public void seek(long newPos) throws IOException {
            in.seek(newPos);
          }
        };
      }

      @Override
      public String toString() {
        return file.path();
      }
    };
  }
}
