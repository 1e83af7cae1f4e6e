package io.quarry.cli;

import static java.util.Objects.requireNonNull;

import io.quarry.cache.ResultCache;
import io.quarry.cache.schedule.Schedule;
import io.quarry.cache.schedule.ScheduleExecutor;
import io.quarry.cache.schedule.ScheduleRun;
import io.quarry.cid.Cid;
import io.quarry.connectors.importer.DatasetImporter;
import io.quarry.connectors.importer.ImportOptions;
import io.quarry.connectors.importer.ImportProgress;
import io.quarry.connectors.importer.ImportResult;
import io.quarry.connectors.parquet.ShardWriter;
import io.quarry.exec.FragmentRunner;
import io.quarry.exec.ShardResolver;
import io.quarry.exec.vector.Batches;
import io.quarry.store.Store;
import io.quarry.types.Column;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Runs a schedule's query through the result cache over the datasets of {@code store}. With
 * {@code into}, the rows are written as one Parquet shard and imported as a new version of that
 * dataset (created by the first run): each version holds that run's result, or, for a schedule
 * that appends, every run's rows so far.
 * A node's {@code Scheduler} and {@code quarry schedule run-due} both use this.
 */
public final class ScheduledQueryExecutor implements ScheduleExecutor {
  private final Store store;
  private final ResultCache cache;
  private final ShardResolver shards;
  private final FragmentRunner fragments;

  public ScheduledQueryExecutor(Store store, ResultCache cache) {
    this(store, cache, shard -> store.wholeFile(Cid.parse(shard.cid())), FragmentRunner.LOCAL);
  }

  /**
   * A node's executor: shards come through {@code shards} (fetched when the node lacks them) and
   * the fragments its cache misses through {@code fragments} (run on their holders).
   */
  public ScheduledQueryExecutor(
      Store store, ResultCache cache, ShardResolver shards, FragmentRunner fragments) {
    this.store = requireNonNull(store, "store is null");
    this.cache = requireNonNull(cache, "cache is null");
    this.shards = requireNonNull(shards, "shards is null");
    this.fragments = requireNonNull(fragments, "fragments is null");
  }

  @Override
  public ScheduleRun.Outcome run(Schedule schedule) {
    if (schedule.into().isEmpty()) {
      CachedQuery.Outcome outcome = CachedQuery.run(store, cache, shards, fragments, schedule.sql(), c -> { }, b -> { });
      return new ScheduleRun.Outcome(
          outcome.rows(), Optional.of(outcome.resultCid().toString()), Optional.empty(), Optional.empty());
    }
    Path shard = store.home().resolve("tmp").resolve("schedule-" + UUID.randomUUID() + ".parquet");
    try {
      ShardWriter[] writer = new ShardWriter[1];
      CachedQuery.Outcome outcome;
      try {
        outcome =
            CachedQuery.run(
                store,
                cache,
                shards,
                fragments,
                schedule.sql(),
                columns -> writer[0] = new ShardWriter(shard, columns),
                batch -> write(writer[0], batch));
      } finally {
        if (writer[0] != null) {
          writer[0].close();
        }
      }
      ImportResult imported =
          DatasetImporter.run(
              store,
              List.of(shard),
              schedule.appendInto()
                  ? ImportOptions.create(schedule.into().get()).withAppend(true)
                  : ImportOptions.create(schedule.into().get()).withReplace(true),
              ImportProgress.NONE);
      return new ScheduleRun.Outcome(
          outcome.rows(),
          Optional.of(outcome.resultCid().toString()),
          Optional.of(imported.version().version()),
          Optional.of(imported.version().root().toString()));
    } finally {
      try {
        Files.deleteIfExists(shard);
      } catch (IOException e) {
        // A leftover file in tmp/ is swept when the store is next opened.
      }
    }
  }

  private static void write(ShardWriter writer, VectorSchemaRoot batch) {
    List<FieldVector> vectors = batch.getFieldVectors();
    List<Column> columns = writer.columns();
    for (int r = 0; r < batch.getRowCount(); r++) {
      Object[] row = new Object[columns.size()];
      for (int c = 0; c < row.length; c++) {
        row[c] = Batches.get(vectors.get(c), r);
      }
      writer.write(row);
    }
  }
}
