package io.quarry.node.placement;

import static java.util.Objects.requireNonNull;

import io.quarry.types.DataType;
import java.util.List;
import java.util.Map;

/**
 * An import run by a node on files it can read, then spread over the cluster: each shard placed on
 * {@code replicas} live nodes. {@code types} overrides inferred column types by column name, as
 * {@code quarry import --type} does (a request without it on the wire means none); {@code
 * shardBytes} is the shard size ({@code --shard-size}; null, or absent on the wire, means the
 * default).
 */
public record ImportRequest(
    List<String> paths,
    String name,
    boolean append,
    long shardRows,
    int replicas,
    Map<String, DataType> types,
    Long shardBytes) {
  public ImportRequest {
    paths = List.copyOf(requireNonNull(paths, "paths is null"));
    requireNonNull(name, "name is null");
    if (shardRows < 1) {
      throw new IllegalArgumentException("shardRows must be positive: " + shardRows);
    }
    if (replicas < 1) {
      throw new IllegalArgumentException("replicas must be positive: " + replicas);
    }
    types = types == null ? Map.of() : Map.copyOf(types);
  }

  public ImportRequest(
      List<String> paths,
      String name,
      boolean append,
      long shardRows,
      int replicas,
      Map<String, DataType> types) {
    this(paths, name, append, shardRows, replicas, types, null);
  }

  /** A request that keeps the inferred column types. */
  public ImportRequest(
      List<String> paths, String name, boolean append, long shardRows, int replicas) {
    this(paths, name, append, shardRows, replicas, Map.of(), null);
  }
}
