package io.quarry.node.placement;

import io.quarry.catalog.DatasetVersion;
import io.quarry.connectors.dataset.DatasetManifest;
import io.quarry.connectors.dataset.DatasetManifests;
import io.quarry.connectors.dataset.ShardInfo;
import io.quarry.error.ErrorCode;
import io.quarry.error.QuarryException;
import io.quarry.store.Store;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What {@code quarry ls} shows of a store: every dataset's latest version, or one dataset's
 * versions and its latest version's columns and shards. Read from the local store, or by a node
 * for {@code ls --connect} (the records travel as JSON).
 */
public final class DatasetListing {
  /** A dataset's latest version; rows, shards and bytes are null for a root that is no table. */
  public record Summary(
      String name, int version, String root, Long rows, Integer shards, Long bytes) {}

  public record Version(int version, String root, String createdAt) {}

  public record Shard(String name, String cid, long rows, long bytes) {}

  /** A dataset's history, then its latest version: rows, columns ("name TYPE") and shards. */
  public record Detail(
      String name, List<Version> versions, long rows, List<String> columns, List<Shard> shards) {}

  private DatasetListing() {}

  public static List<Summary> summaries(Store store) {
    List<Summary> out = new ArrayList<>();
    for (String name : store.datasets().names()) {
      DatasetVersion latest = store.datasets().latest(name).orElseThrow();
      Long rows = null;
      Integer shards = null;
      Long bytes = null;
      try {
        DatasetManifest manifest = DatasetManifests.load(store, latest.root());
        rows = manifest.rows();
        shards = manifest.shards().size();
        bytes = manifest.shards().stream().mapToLong(ShardInfo::bytes).sum();
      } catch (QuarryException e) {
        // A root that is not a table (e.g. an arbitrary CAR) still lists; its counts stay unknown.
      }
      out.add(new Summary(name, latest.version(), latest.root().toString(), rows, shards, bytes));
    }
    return out;
  }

  /** The error for a name {@code store} (described as {@code where}) has no dataset of. */
  public static QuarryException unknown(Store store, String name, String where) {
    List<String> names = store.datasets().names();
    return new QuarryException(
        ErrorCode.NOT_FOUND,
        "no dataset named '" + name + "' " + where + " (datasets: "
            + (names.isEmpty() ? "none" : String.join(", ", names)) + ")");
  }

  /** The dataset's listing, or empty if the store has no dataset of that name. */
  public static Optional<Detail> detail(Store store, String name) {
    List<DatasetVersion> history = store.datasets().history(name);
    if (history.isEmpty()) {
      return Optional.empty();
    }
    List<Version> versions = new ArrayList<>();
    for (DatasetVersion v : history) {
      versions.add(new Version(v.version(), v.root().toString(), v.createdAt().toString()));
    }
    DatasetManifest manifest =
        DatasetManifests.load(store, history.get(history.size() - 1).root());
    List<String> columns =
        manifest.columns().stream().map(c -> c.name() + " " + c.type().sqlName()).toList();
    List<Shard> shards = new ArrayList<>();
    for (ShardInfo s : manifest.shards()) {
      shards.add(new Shard(s.name(), s.cid().toString(), s.rows(), s.bytes()));
    }
    return Optional.of(new Detail(name, versions, manifest.rows(), columns, shards));
  }
}
