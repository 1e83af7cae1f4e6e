package io.quarry.connectors.parquet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarry.error.ErrorCode;
import io.quarry.error.QuarryException;
import io.quarry.types.Column;
import io.quarry.types.DataType;
import io.quarry.types.TypeKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParquetInputErrorsTest {
  @TempDir Path dir;

  @Test
  void notParquetAtAllNamesTheFile() throws Exception {
    Path file = dir.resolve("x.parquet");
    Files.writeString(file, "id,name\n1,a\n");
    QuarryException e = assertThrows(QuarryException.class, () -> new ParquetRowReader(file, file.toString()));
    assertEquals(ErrorCode.MALFORMED_INPUT, e.code());
    assertTrue(e.getMessage().startsWith(file + ": not a readable Parquet file (footer near offset"), e.getMessage());

    Path tiny = dir.resolve("tiny.parquet");
    Files.writeString(tiny, "PAR1");
    e = assertThrows(QuarryException.class, () -> ShardFooter.read(tiny, tiny.toString()));
    assertEquals(tiny + ": not a Parquet file (4 bytes; a Parquet file has at least 12)", e.getMessage());
  }

  @Test
  void corruptPagesNameTheFileAndRowGroup() throws Exception {
    Path file = dir.resolve("t.parquet");
    try (ShardWriter w = new ShardWriter(file, List.of(new Column("s", DataType.of(TypeKind.VARCHAR))))) {
      for (int i = 0; i < 10_000; i++) {
        w.write(new Object[] {"value " + i * 7919});
      }
    }
    byte[] bytes = Files.readAllBytes(file);
    // Overwrite the middle of the data pages, leaving magic and footer intact.
    Arrays.fill(bytes, 200, bytes.length / 2, (byte) 0x5a);
    Files.write(file, bytes);
    QuarryException e = assertThrows(QuarryException.class, () -> {
      try (ParquetRowReader reader = new ParquetRowReader(file, file.toString())) {
        while (reader.next() != null) {
          // read everything
        }
      }
    });
    assertEquals(ErrorCode.MALFORMED_INPUT, e.code());
    assertTrue(e.getMessage().startsWith(file + ": not a readable Parquet file (row group 0"), e.getMessage());
  }
}
