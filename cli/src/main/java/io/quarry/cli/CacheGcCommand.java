package io.quarry.cli;

import io.quarry.cache.ResultCache;
import io.quarry.cache.ResultCacheConfig;
import io.quarry.cache.StoreEviction;
import io.quarry.error.ErrorCode;
import io.quarry.error.QuarryException;
import io.quarry.types.ByteSize;
import io.quarry.store.Store;
import java.io.PrintStream;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Evicts stored results, least recently used first, down to a size. */
@Command(
    name = "gc",
    description = {
      "Evict stored results, least recently used first (written or read from the store), until"
          + " those kept take at most --max-size; then delete the blocks of the evicted ones that"
          + " nothing kept links to. Shards, datasets, imported CARs and saved queries are never"
          + " deleted. An evicted result is computed again when a query needs it.",
      "Best run while no node serves the store; a query running meanwhile recomputes what it can"
          + " no longer read."
    })
final class CacheGcCommand implements Callable<Integer> {
  private final CliContext context;

  @Option(
      names = "--max-size",
      paramLabel = "SIZE",
      defaultValue = "0",
      description = "What the kept results may take, e.g. 512MiB or 2GB (default 0: evict all).")
  String maxSize;

  @Option(names = "--dry-run", description = "Only say what would be evicted and freed.")
  boolean dryRun;

  CacheGcCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    long max;
    try {
      max = ByteSize.parse(maxSize);
    } catch (IllegalArgumentException e) {
      throw new QuarryException(ErrorCode.INVALID_ARGUMENT, "--max-size: " + e.getMessage());
    }
    try (Store store = context.openStore()) {
      StoreEviction.Report r = ResultCache.open(store, ResultCacheConfig.DEFAULTS).evictStored(max, dryRun);
      PrintStream out = context.out();
      out.printf("stored results: %d (%s)%n", r.results(), Sizes.bytes(r.resultBytes()));
      if (r.evicted() == 0) {
        out.printf("nothing to evict: the results take at most %s%n", Sizes.bytes(max));
        return ErrorReporter.OK;
      }
      out.printf(
          "%s %d results (%s), the least recently used, last used %s; kept %d (%s)%n",
          dryRun ? "would evict" : "evicted",
          r.evicted(),
          Sizes.bytes(r.evictedBytes()),
          Instant.ofEpochMilli(r.lastUsedEvictedMillis()),
          r.results() - r.evicted(),
          Sizes.bytes(r.resultBytes() - r.evictedBytes()));
      out.printf(
          "%s %s: %d blocks nothing else links to%n",
          dryRun ? "would free" : "freed",
          Sizes.bytes(r.bytesFreed()),
          r.blocksDeleted());
    }
    return ErrorReporter.OK;
  }
}
