package io.quarry.exec.hash;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarry.exec.vector.Batches;
import io.quarry.types.Column;
import io.quarry.types.DataType;
import io.quarry.types.TypeKind;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class KeyPartitionerTest {
  private final RootAllocator allocator = new RootAllocator();

  @AfterEach
  void close() {
    allocator.close();
  }

  private int[] partitions(DataType type, List<?> values, int[] scales, int p) {
    List<Column> columns = List.of(new Column("k", type));
    List<List<Object>> rows = new ArrayList<>();
    for (Object v : values) {
      rows.add(Arrays.asList(v));
    }
    try (VectorSchemaRoot root = Batches.fromRows(columns, rows, allocator)) {
      int[] out = new KeyPartitioner(scales, p).partitions(root.getFieldVectors(), values.size());
      return Arrays.copyOf(out, values.size());
    }
  }

  @Test
  void intAndBigintKeysShareTheirPartition() {
    List<Integer> ints = new ArrayList<>();
    List<Long> longs = new ArrayList<>();
    for (int i = -500; i < 500; i++) {
      ints.add(i * 7919);
      longs.add(i * 7919L);
    }
    int[] a = partitions(DataType.of(TypeKind.INT), ints, new int[] {-1}, 3);
    int[] b = partitions(DataType.of(TypeKind.BIGINT), longs, new int[] {-1}, 3);
    assertArrayEquals(a, b);
    for (int p = 0; p < 3; p++) {
      int partition = p;
      assertTrue(Arrays.stream(a).anyMatch(x -> x == partition), "partition " + p + " is used");
    }
  }

  @Test
  void decimalsOfDifferentScalesShareTheirPartitionAtTheJoinScale() {
    List<Column> left = List.of(new Column("a", DataType.decimal(10, 2)));
    List<Column> right = List.of(new Column("b", DataType.decimal(15, 4)));
    int[] scales = KeyPartitioner.joinKeyScales(left, List.of(0), right, List.of(0));
    assertArrayEquals(new int[] {4}, scales);
    List<BigDecimal> twoPlaces = new ArrayList<>();
    List<BigDecimal> fourPlaces = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      BigDecimal v = BigDecimal.valueOf(i * 37L - 3000, 2);
      twoPlaces.add(v);
      fourPlaces.add(v.setScale(4));
    }
    assertArrayEquals(
        partitions(DataType.decimal(10, 2), twoPlaces, scales, 4),
        partitions(DataType.decimal(15, 4), fourPlaces, scales, 4));
  }

  @Test
  void integerKeysJoinedWithDecimalsShareTheirPartition() {
    List<Column> left = List.of(new Column("a", DataType.of(TypeKind.INT)));
    List<Column> right = List.of(new Column("b", DataType.decimal(12, 2)));
    int[] scales = KeyPartitioner.joinKeyScales(left, List.of(0), right, List.of(0));
    List<Integer> ints = new ArrayList<>();
    List<BigDecimal> decimals = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      ints.add(i - 50);
      decimals.add(BigDecimal.valueOf(i - 50L).setScale(2));
    }
    assertArrayEquals(
        partitions(DataType.of(TypeKind.INT), ints, scales, 5),
        partitions(DataType.decimal(12, 2), decimals, scales, 5));
  }

  @Test
  void stringsPartitionByValueAndNullsGoToPartitionZero() {
    List<String> values = Arrays.asList("a", null, "longer than eight bytes", "a", null, "b");
    int[] out = partitions(DataType.of(TypeKind.VARCHAR), values, new int[] {-1}, 7);
    assertEquals(0, out[1]);
    assertEquals(0, out[4]);
    assertEquals(out[0], out[3]);
    int[] again =
        partitions(DataType.of(TypeKind.VARCHAR), List.of("b", "a"), new int[] {-1}, 7);
    assertEquals(out[5], again[0]);
    assertEquals(out[0], again[1]);
  }

  @Test
  void aRowsPartitionDoesNotDependOnTheRestOfItsBatch() {
    int[] out =
        partitions(DataType.of(TypeKind.BIGINT), List.of(1L, 2L, 3L, 4L), new int[] {-1}, 3);
    int[] again =
        partitions(DataType.of(TypeKind.BIGINT), List.of(4L, 3L, 2L, 1L), new int[] {-1}, 3);
    assertArrayEquals(out, new int[] {again[3], again[2], again[1], again[0]});
  }
}
