package io.quarry.connectors.parquet;

import io.quarry.error.ErrorCode;
import io.quarry.error.QuarryException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.LocalInputFile;

/** Opens local Parquet files without Hadoop, turning a bad file into a clear user error. */
public final class ParquetFiles {
  private ParquetFiles() {}

  public static ParquetReadOptions readOptions() {
    return ParquetReadOptions.builder(new PlainParquetConfiguration())
        .withCodecFactory(QuarryCodecFactory.INSTANCE)
        // Our shards carry page CRCs: a page whose bytes changed on disk (zstd keeps small pages
        // uncompressed, so nothing else would notice) is an error, never wrong values.
        .usePageChecksumVerification(true)
        .build();
  }

  /**
   * Opens {@code file} and reads its footer. {@code name} is how the file is named in errors (a
   * path, or a shard name and CID).
   */
  public static ParquetFileReader open(Path file, String name) {
    long size = sizeOf(file, name);
    if (size < 12) {
      throw new QuarryException(
          ErrorCode.MALFORMED_INPUT,
          name + ": not a Parquet file (" + size + " bytes; a Parquet file has at least 12)");
    }
    try {
      return ParquetFileReader.open(new LocalInputFile(file), readOptions());
    } catch (IOException | RuntimeException e) {
      throw malformed(name, "footer near offset " + (size - 8), e);
    }
  }

  /** A MALFORMED_INPUT error naming the file, where in it, and what the reader said. */
  public static QuarryException malformed(String name, String where, Throwable cause) {
    if (cause instanceof QuarryException q) {
      return q;
    }
    String detail = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    return new QuarryException(
        ErrorCode.MALFORMED_INPUT,
        name + ": not a readable Parquet file (" + where + "): " + detail,
        cause);
  }

  private static long sizeOf(Path file, String name) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new QuarryException(ErrorCode.IO_ERROR, "cannot read " + name + ": " + e, e);
    }
  }
}
