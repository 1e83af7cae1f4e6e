package io.quarry.sql;

import static java.util.Objects.requireNonNull;

import io.quarry.catalog.DatasetVersion;
import io.quarry.cid.Cid;
import io.quarry.connectors.dataset.ColumnStats;
import io.quarry.connectors.dataset.DatasetManifest;
import io.quarry.connectors.dataset.DatasetManifests;
import io.quarry.connectors.dataset.ShardInfo;
import io.quarry.error.ErrorCode;
import io.quarry.error.QuarryException;
import io.quarry.store.Store;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The tables of a store. A reference is, in this order: a dataset name (any case; its latest
 * version); {@code name@N} (version N, from 1); {@code name@CID} (the version with that root); or a
 * CID (any dataset root in the store, named or not).
 */
public final class StoreCatalog implements TableCatalog {
  private static final Pattern VERSION_NUMBER = Pattern.compile("[0-9]+");

  private final Store store;
  private final List<SystemTable> systemTables;

  public StoreCatalog(Store store) {
    this(store, List.of());
  }

  /** The store's tables, and {@code systemTables} in schema {@code system}. */
  public StoreCatalog(Store store, List<SystemTable> systemTables) {
    this.store = requireNonNull(store, "store is null");
    this.systemTables = List.copyOf(requireNonNull(systemTables, "systemTables is null"));
  }

  @Override
  public List<SystemTable> systemTables() {
    return systemTables;
  }

  /** The system table {@code reference} ({@code system.name}) denotes, if any. */
  public Optional<SystemTable> systemTable(String reference) {
    return SystemSchema.find(systemTables, reference);
  }

  @Override
  public List<String> names() {
    return store.datasets().names();
  }

  @Override
  public Optional<TableDefinition> resolve(String reference) {
    int at = reference.lastIndexOf('@');
    if (at > 0) {
      return Optional.of(versioned(reference, reference.substring(0, at), reference.substring(at + 1)));
    }
    Optional<String> name = datasetName(reference);
    if (name.isPresent()) {
      DatasetVersion latest =
          store.datasets().latest(name.get()).orElseThrow(() -> notFound(reference));
      return Optional.of(table(reference, latest.root()));
    }
    if (looksLikeCid(reference)) {
      return Optional.of(table(reference, Cid.parse(reference)));
    }
    return Optional.empty();
  }

  /** The definition of the dataset with this root, named {@code name} in plans. */
  public TableDefinition table(String name, Cid root) {
    if (!store.blocks().has(root)) {
      throw new QuarryException(ErrorCode.NOT_FOUND, "no dataset root " + root + " in the store");
    }
    DatasetManifest manifest;
    try {
      manifest = DatasetManifests.load(store, root);
    } catch (QuarryException e) {
      if (e.code() == ErrorCode.NOT_FOUND) {
        throw new QuarryException(
            ErrorCode.NOT_FOUND, "no dataset root " + root + " in the store: " + e.getMessage(), e);
      }
      throw e;
    }
    List<ShardDefinition> shards = new ArrayList<>();
    for (ShardInfo shard : manifest.shards()) {
      List<ColumnStatistics> stats = new ArrayList<>();
      for (ColumnStats s : shard.stats()) {
        stats.add(new ColumnStatistics(s.min(), s.max(), s.nullCount()));
      }
      shards.add(new ShardDefinition(shard.cid().toString(), shard.rows(), shard.bytes(), stats));
    }
    return new TableDefinition(name, root.toString(), manifest.columns(), shards);
  }

  private TableDefinition versioned(String reference, String dataset, String version) {
    String name = datasetName(dataset).orElseThrow(() -> notFound(dataset));
    List<DatasetVersion> history = store.datasets().history(name);
    if (VERSION_NUMBER.matcher(version).matches()) {
      int v = Integer.parseInt(version);
      if (v < 1 || v > history.size()) {
        throw new QuarryException(
            ErrorCode.NOT_FOUND,
            "dataset '" + name + "' has versions 1 to " + history.size() + ", not " + version);
      }
      return table(reference, history.get(v - 1).root());
    }
    Cid root = Cid.parse(version);
    for (DatasetVersion dv : history) {
      if (dv.root().equals(root) || dv.root().toV1().equals(root.toV1())) {
        return table(reference, dv.root());
      }
    }
    throw new QuarryException(
        ErrorCode.NOT_FOUND, root + " is not a version of dataset '" + name + "'");
  }

  private Optional<String> datasetName(String reference) {
    for (String n : store.datasets().names()) {
      if (n.equalsIgnoreCase(reference)) {
        return Optional.of(n);
      }
    }
    return Optional.empty();
  }

  /** CIDv0 ({@code Qm…}) and CIDv1 as usually written ({@code baf…}, or any long multibase text). */
  static boolean looksLikeCid(String reference) {
    return reference.startsWith("Qm")
        || reference.startsWith("baf")
        || (reference.length() >= 46 && reference.matches("[bzB][A-Za-z0-9]+"));
  }

  private static QuarryException notFound(String name) {
    return new QuarryException(ErrorCode.NOT_FOUND, "Table '" + name + "' not found");
  }
}
