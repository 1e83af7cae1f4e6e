package io.quarry.exec.hash;

import static java.util.Objects.requireNonNull;

import io.quarry.types.Column;
import io.quarry.types.DataType;
import io.quarry.types.TypeKind;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.vector.FieldVector;

/**
 * Assigns rows to one of {@code partitions} hash partitions by their key columns, the same way on
 * every node and for both sides of a join: keys are encoded by {@link KeyEncoder} (integers widened
 * to 8 bytes, decimals rescaled to a common scale per key), whose hash does not depend on the JVM.
 * A row with a NULL key, which matches nothing, goes to partition 0.
 */
public final class KeyPartitioner {
  private static final long SALT = 0x243F6A8885A308D3L;

  private final KeyEncoder encoder;
  private final int partitions;
  private int[] out = new int[0];

  /** {@code decimalScales[k]}: the scale decimal keys of column k are compared at, or -1. */
  public KeyPartitioner(int[] decimalScales, int partitions) {
    requireNonNull(decimalScales, "decimalScales is null");
    if (partitions < 1) {
      throw new IllegalArgumentException("partitions must be positive: " + partitions);
    }
    this.encoder = new KeyEncoder(decimalScales, false);
    this.partitions = partitions;
  }

  /**
   * The scale each key of a join is compared at, as the hash join compares them: the larger scale
   * of the two sides when either is DECIMAL, else -1.
   */
  public static int[] joinKeyScales(
      List<Column> left, List<Integer> leftKeys, List<Column> right, List<Integer> rightKeys) {
    int[] scales = new int[leftKeys.size()];
    for (int k = 0; k < scales.length; k++) {
      DataType l = left.get(leftKeys.get(k)).type();
      DataType r = right.get(rightKeys.get(k)).type();
      boolean decimal = l.kind() == TypeKind.DECIMAL || r.kind() == TypeKind.DECIMAL;
      scales[k] = decimal ? Math.max(l.scale(), r.scale()) : -1;
    }
    return scales;
  }

  /**
   * The partition of each of the first {@code rows} rows of {@code keys}; the array is reused by
   * the next call.
   */
  public int[] partitions(List<FieldVector> keys, int rows) {
    if (out.length < rows) {
      out = new int[Math.max(rows, 16)];
    }
    if (keys.isEmpty()) {
      Arrays.fill(out, 0, rows, 0);
      return out;
    }
    encoder.encode(keys, rows);
    long[] hashes = encoder.hashes();
    for (int i = 0; i < rows; i++) {
      // Mixed again: the hash join's table uses the same hash's low bits for its buckets.
      long mixed = KeyEncoder.fmix(hashes[i] ^ SALT);
      out[i] = encoder.anyNull(i) ? 0 : (int) Math.floorMod(mixed, partitions);
    }
    return out;
  }
}
