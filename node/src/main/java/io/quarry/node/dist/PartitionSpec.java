package io.quarry.node.dist;

import static java.util.Objects.requireNonNull;

import io.quarry.cache.FragmentKey;
import io.quarry.cid.Cid;
import io.quarry.cid.Multicodec;
import io.quarry.cid.Multihash;
import io.quarry.exec.hash.KeyPartitioner;
import io.quarry.exec.plan.PlanNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * How one side of a repartitioned join is split: on the key columns {@code keys} of its rows, with
 * the decimal scale of each key ({@code scales}, -1 when not DECIMAL; see {@link
 * KeyPartitioner#joinKeyScales}), into {@code partitions} partitions. Both sides of a join use the
 * same scales and count, so equal keys land in the same partition on every node.
 */
public record PartitionSpec(List<Integer> keys, List<Integer> scales, int partitions) {
  public PartitionSpec {
    keys = List.copyOf(requireNonNull(keys, "keys is null"));
    scales = List.copyOf(requireNonNull(scales, "scales is null"));
    if (keys.size() != scales.size()) {
      throw new IllegalArgumentException(keys.size() + " keys but " + scales.size() + " scales");
    }
    if (partitions < 1) {
      throw new IllegalArgumentException("partitions must be positive: " + partitions);
    }
  }

  static PartitionSpec of(List<Integer> keys, int[] scales, int partitions) {
    return new PartitionSpec(keys, java.util.Arrays.stream(scales).boxed().toList(), partitions);
  }

  KeyPartitioner partitioner() {
    return new KeyPartitioner(scales.stream().mapToInt(Integer::intValue).toArray(), partitions);
  }

  /**
   * The key the partitions of {@code fragment}'s rows are stored and announced under: a CIDv1
   * (raw, sha2-256) of {@code "quarry-partition/1"}, the fragment's result key (which names its
   * plan, shards and the engine version) and this spec. The same fragment split the same way
   * has the same rows in each partition, so the key names them on any node.
   */
  public Cid key(PlanNode fragment, String engineVersion) {
    ByteArrayOutputStream preimage = new ByteArrayOutputStream();
    preimage.writeBytes("quarry-partition/1\0".getBytes(StandardCharsets.UTF_8));
    preimage.writeBytes(FragmentKey.forFragment(fragment, engineVersion).cid().bytes());
    preimage.writeBytes((keys + "/" + scales + "/" + partitions).getBytes(StandardCharsets.UTF_8));
    return Cid.v1(Multicodec.RAW, Multihash.sha256(preimage.toByteArray()));
  }
}
