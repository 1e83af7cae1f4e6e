package io.quarry.catalog;

import static java.util.Objects.requireNonNull;

import io.quarry.cid.Cid;
import java.time.Instant;

/** One entry of a dataset's history: version {@code version} (from 1) of {@code name} is root. */
public record DatasetVersion(String name, int version, Cid root, Instant createdAt) {
  public DatasetVersion {
    requireNonNull(name, "name is null");
    requireNonNull(root, "root is null");
    requireNonNull(createdAt, "createdAt is null");
    if (version < 1) {
      throw new IllegalArgumentException("version must be at least 1: " + version);
    }
  }
}
