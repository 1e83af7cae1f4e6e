package io.quarry.connectors.dataset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarry.cid.Cid;
import io.quarry.cid.Multicodec;
import io.quarry.cid.Multihash;
import io.quarry.error.ErrorCode;
import io.quarry.error.QuarryException;
import io.quarry.types.Column;
import io.quarry.types.DataType;
import io.quarry.types.TypeKind;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ManifestJsonTest {
  static DatasetManifest sample() {
    List<Column> columns = List.of(
        new Column("b", DataType.of(TypeKind.BOOLEAN)),
        new Column("i", DataType.of(TypeKind.INT)),
        new Column("l", DataType.of(TypeKind.BIGINT).withNullable(false)),
        new Column("d", DataType.of(TypeKind.DOUBLE)),
        new Column("m", DataType.decimal(38, 4)),
        new Column("dt", DataType.of(TypeKind.DATE)),
        new Column("ts", DataType.of(TypeKind.TIMESTAMP)),
        new Column("s", DataType.of(TypeKind.VARCHAR)));
    List<ColumnStats> stats = List.of(
        new ColumnStats(false, true, 0),
        new ColumnStats(-5, 7, 3),
        new ColumnStats(Long.MIN_VALUE, Long.MAX_VALUE, 0),
        new ColumnStats(-0.1, 1e300, 1),
        new ColumnStats(new BigDecimal("-12345678901234567890123456789012.3456"), new BigDecimal("0.0000"), 2),
        new ColumnStats(-719162, 2932896, 0),
        new ColumnStats(-62135596800000000L, 1700000000123456L, 0),
        new ColumnStats(null, null, ColumnStats.UNKNOWN));
    Cid cid = Cid.v1(Multicodec.RAW, Multihash.sha256("x".getBytes(StandardCharsets.UTF_8)));
    return new DatasetManifest(columns, List.of(new ShardInfo("part-00000.parquet", cid, 10, 1234, stats)));
  }

  @Test
  void roundTripsEveryType() {
    DatasetManifest manifest = sample();
    byte[] json = ManifestJson.write(manifest);
    assertEquals(manifest, ManifestJson.read(json, "test"));
    assertArrayEquals(json, ManifestJson.write(ManifestJson.read(json, "test")));
    String text = new String(json, StandardCharsets.UTF_8);
    assertTrue(text.contains("\"type\" : \"DECIMAL(38, 4)\""), text);
    assertTrue(text.contains("\"min\" : \"0001-01-01T00:00\""), text);
    assertTrue(text.endsWith("}\n") && !text.contains("\r"), text);
  }

  @Test
  void malformedManifestIsCorruptData() {
    byte[] json = ManifestJson.write(sample());
    byte[] truncated = Arrays.copyOf(json, json.length / 2);
    QuarryException e = assertThrows(QuarryException.class, () -> ManifestJson.read(truncated, "dataset X"));
    assertEquals(ErrorCode.CORRUPT_DATA, e.code());
    assertTrue(e.getMessage().startsWith("dataset X: malformed dataset manifest"), e.getMessage());
    e = assertThrows(QuarryException.class,
        () -> ManifestJson.read("{\"format\": \"other\"}".getBytes(StandardCharsets.UTF_8), "dataset X"));
    assertTrue(e.getMessage().contains("not a Quarry dataset manifest"), e.getMessage());
  }
}
