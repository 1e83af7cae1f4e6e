package io.quarry.cache;

import static java.util.Objects.requireNonNull;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.quarry.cid.Cid;
import io.quarry.error.ErrorCode;
import io.quarry.error.QuarryException;
import io.quarry.exec.ExecContext;
import io.quarry.exec.FragmentRunner;
import io.quarry.exec.Operator;
import io.quarry.exec.plan.PlanNode;
import io.quarry.store.Block;
import io.quarry.store.Store;
import io.quarry.types.Column;
import io.quarry.unixfs.ImportProfile;
import io.quarry.unixfs.UnixFsReader;
import io.quarry.unixfs.UnixFsWriter;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Results of fragments and whole queries, found by their {@link FragmentKey}. L1 keeps recent
 * results' bytes in memory, bounded by size (Caffeine, evicted only by size); L2 is the node's
 * store: each result is a UnixFS file of its Arrow IPC stream in the block store, and an index maps
 * keys to result CIDs (see {@link ResultIndex}), so results survive restarts; L3, when set, is
 * other nodes' results (see {@link RemoteResults}): a result found there is fetched, checked and
 * stored in L2. Data under a CID never changes, so nothing is ever invalidated.
 */
public final class ResultCache {
  private static final String[] LEVELS = {"L1", "L2", "L3"};
  /**
   * Results whose blocks and index entry are still being written in the background, by store and
   * key: in memory already, so a lookup that misses L1 before the write ends still finds them.
   */
  private static final Map<Pending, CompletableFuture<StoredResult>> PENDING =
      new ConcurrentHashMap<>();
  /** Encodes results in the background; every buffer is released when its result is encoded. */
  private static final BufferAllocator ENCODING = new RootAllocator(Long.MAX_VALUE);

  private record Pending(Path home, FragmentKey key) {}

  private final Store store;
  private final ResultCacheConfig config;
  private final ResultIndex index;
  private final AheadRuns ahead = new AheadRuns();
  private final Cache<FragmentKey, StoredResult> l1;
  // Per plan object (compared by identity, held weakly): its key, columns and input size.
  private final Cache<PlanNode, Optional<KeyedPlan>> keyedFragments = keyedPlans();
  private final Cache<PlanNode, Optional<KeyedPlan>> keyedQueries = keyedPlans();
  private final Cache<FragmentKey, Boolean> tooLarge =
      Caffeine.newBuilder().maximumSize(4096).executor(Runnable::run).build();
  private final AtomicLong[][] hits = counters();
  private final AtomicLong[][] misses = counters();
  private final AtomicLong[][] bytesSaved = counters();
  private final AtomicLong[] computed = counters()[0];
  private final AtomicLong stored = new AtomicLong();
  private final AtomicLong storeFailures = new AtomicLong();
  private volatile RemoteResults remote;

  private ResultCache(Store store, ResultCacheConfig config) {
    // Results computed by an earlier cache on this store are in its index before this one reads it.
    BackgroundWrites.flush();
    this.store = store;
    this.config = config;
    this.index = new ResultIndex(store.home().resolve("cache").resolve("index"));
    this.l1 =
        Caffeine.newBuilder()
            .maximumWeight(config.l1MaxBytes())
            .weigher((FragmentKey k, StoredResult r) -> (int) Math.min(Integer.MAX_VALUE, r.ipc().length))
            .executor(Runnable::run)
            .build();
  }

  /** The cache of the node whose store is {@code store}. */
  public static ResultCache open(Store store, ResultCacheConfig config) {
    return new ResultCache(requireNonNull(store, "store is null"), requireNonNull(config, "config is null"));
  }

  public ResultCacheConfig config() {
    return config;
  }

  /** Asks {@code remote} for results neither memory nor the store has (L3). */
  public void useRemote(RemoteResults remote) {
    this.remote = requireNonNull(remote, "remote is null");
  }

  /** The keys of every result this node stores: what it announces to other nodes. */
  public Set<FragmentKey> heldKeys() {
    BackgroundWrites.flush();
    return index.keys();
  }

  /** The result this node stores under {@code key}, as other nodes ask for it (counts nothing). */
  public Optional<RemoteResults.Located> held(FragmentKey key) {
    BackgroundWrites.flush();
    return index
        .get(requireNonNull(key, "key is null"))
        .filter(e -> store.blocks().has(e.result()))
        .map(e -> new RemoteResults.Located(e.result(), e.rows()));
  }

  /** The key of an exchange input under this cache's engine version. */
  public FragmentKey fragmentKey(PlanNode fragment) {
    requireNonNull(fragment, "fragment is null");
    return keyed(fragment, FragmentKey.Kind.FRAGMENT)
        .map(KeyedPlan::key)
        .orElseGet(() -> FragmentKey.forFragment(fragment, config.engineVersion()));
  }

  /** The key of a whole plan under this cache's engine version. */
  public FragmentKey queryKey(PlanNode plan) {
    requireNonNull(plan, "plan is null");
    Optional<KeyedPlan> keyed = keyedQueries.getIfPresent(plan);
    return keyed != null && keyed.isPresent()
        ? keyed.get().key()
        : FragmentKey.forQuery(plan, config.engineVersion());
  }

  /**
   * {@code plan} as a whole query with its key, columns and input size, computed once per plan
   * object; empty when the plan reads no shard (such plans are not cached).
   */
  public Optional<KeyedPlan> keyedQuery(PlanNode plan) {
    return keyed(requireNonNull(plan, "plan is null"), FragmentKey.Kind.QUERY);
  }

  private Optional<KeyedPlan> keyed(PlanNode plan, FragmentKey.Kind kind) {
    boolean fragment = kind == FragmentKey.Kind.FRAGMENT;
    return (fragment ? keyedFragments : keyedQueries)
        .get(
            plan,
            p -> {
              if (FragmentKey.shards(p).isEmpty()) {
                return Optional.empty();
              }
              String version = config.engineVersion();
              FragmentKey key =
                  fragment ? FragmentKey.forFragment(p, version) : FragmentKey.forQuery(p, version);
              return Optional.of(KeyedPlan.of(p, key));
            });
  }

  /**
   * Runs exchange inputs through the cache: an input that reads shards is replayed from L1 or L2 if
   * its result is there, else computed and, once it finished without error, stored.
   */
  public FragmentRunner fragmentRunner() {
    return fragmentRunner(FragmentRunner.LOCAL);
  }

  /**
   * Like {@link #fragmentRunner()}, but a miss is obtained through {@code next} (e.g. a runner that
   * dispatches the fragment to the node holding its shard) and its rows stored here.
   */
  public FragmentRunner fragmentRunner(FragmentRunner next) {
    requireNonNull(next, "next is null");
    return (fragment, compute, ctx) ->
        cached(fragment, FragmentKey.Kind.FRAGMENT, () -> next.run(fragment, compute, ctx), ctx);
  }

  /**
   * The operator of a whole plan through the cache (a plan that reads no shard is computed
   * directly). The returned operator is a {@link CachedOperator} when the plan is cacheable.
   */
  public Operator query(PlanNode plan, Supplier<Operator> compute, ExecContext ctx) {
    return cached(plan, FragmentKey.Kind.QUERY, compute, ctx);
  }

  /**
   * Like {@link #query}, but the result is stored whatever its size and even if the plan reads no
   * shard: for results that are kept as objects (saved queries run by CID, schedules), whose
   * {@link CachedOperator#resultCid()} is wanted.
   */
  public CachedOperator materialize(PlanNode plan, Supplier<Operator> compute, ExecContext ctx) {
    KeyedPlan keyed =
        keyedQuery(plan)
            .orElseGet(
                () -> KeyedPlan.of(plan, FragmentKey.forQuery(plan, config.engineVersion())));
    return new CachedOperator(this, keyed, compute, ctx, Long.MAX_VALUE, true, false);
  }

  private Operator cached(
      PlanNode plan, FragmentKey.Kind kind, Supplier<Operator> compute, ExecContext ctx) {
    Optional<KeyedPlan> keyed = keyed(plan, kind);
    if (keyed.isEmpty()) {
      return compute.get();
    }
    return new CachedOperator(
        this, keyed.get(), compute, ctx, config.maxResultBytes(), false, false);
  }

  /**
   * The result stored under {@code key}: from L1, else from L2 (then kept in L1). Counts a hit or a
   * miss at each level asked; a hit saves reading {@code inputBytes}.
   */
  public Optional<StoredResult> lookup(FragmentKey key, long inputBytes) {
    return lookup(key, inputBytes, level -> {});
  }

  /** Like {@link #lookup(FragmentKey, long)}; a hit also tells {@code level} where it was found. */
  public Optional<StoredResult> lookup(FragmentKey key, long inputBytes, Consumer<String> level) {
    int k = key.kind().ordinal();
    StoredResult inMemory = l1.getIfPresent(key);
    if (inMemory != null) {
      hits[0][k].incrementAndGet();
      bytesSaved[0][k].addAndGet(inputBytes);
      level.accept(LEVELS[0]);
      return Optional.of(inMemory);
    }
    StoredResult pending = pending(key);
    if (pending != null) {
      // Still being written: as good as in memory.
      hits[0][k].incrementAndGet();
      bytesSaved[0][k].addAndGet(inputBytes);
      level.accept(LEVELS[0]);
      l1.put(key, pending);
      return Optional.of(pending);
    }
    misses[0][k].incrementAndGet();
    Optional<StoredResult> onDisk = index.get(key).flatMap(e -> readStored(e.result(), e.rows()));
    if (onDisk.isEmpty()) {
      misses[1][k].incrementAndGet();
      return lookupRemote(key, inputBytes, level);
    }
    index.touch(key);
    hits[1][k].incrementAndGet();
    bytesSaved[1][k].addAndGet(inputBytes);
    level.accept(LEVELS[1]);
    l1.put(key, onDisk.get());
    return onDisk;
  }

  /**
   * L3: the result of {@code key} from another node, checked against the CID it was announced
   * with, then stored here (L2 and L1). Anything that goes wrong on the way is a miss.
   */
  private Optional<StoredResult> lookupRemote(FragmentKey key, long inputBytes, Consumer<String> level) {
    RemoteResults l3 = remote;
    if (l3 == null) {
      return Optional.empty();
    }
    int k = key.kind().ordinal();
    try {
      Optional<RemoteResults.Located> located = l3.find(key);
      Optional<byte[]> ipc = located.isEmpty() ? Optional.empty() : l3.fetch(located.get());
      if (ipc.isPresent()) {
        Cid cid = writeResult(ipc.get());
        if (cid.equals(located.get().result())) {
          index.put(key, cid, located.get().rows());
          StoredResult result = new StoredResult(cid, ipc.get(), located.get().rows());
          l1.put(key, result);
          hits[2][k].incrementAndGet();
          bytesSaved[2][k].addAndGet(inputBytes);
          level.accept(LEVELS[2]);
          return Optional.of(result);
        }
      }
    } catch (RuntimeException e) {
      // A holder that vanished or sent something else: the result is computed here instead.
    }
    misses[2][k].incrementAndGet();
    return Optional.empty();
  }

  private Cid writeResult(byte[] ipc) {
    return UnixFsWriter.writeFile(
        new ByteArrayInputStream(ipc), ImportProfile.UNIXFS_V1_2025, store.blocks());
  }

  /** The CID of the result stored under {@code key}, if there is one (counts nothing). */
  public Optional<Cid> resultOf(FragmentKey key) {
    StoredResult inMemory = l1.getIfPresent(key);
    if (inMemory != null) {
      return Optional.of(inMemory.cid());
    }
    StoredResult pending = pending(key);
    if (pending != null) {
      return Optional.of(pending.cid());
    }
    return index.get(key).map(ResultIndex.Entry::result);
  }

  /**
   * Stores {@code rows} (canonical Java values) as the result of {@code key}: encoded (sorted by
   * every column if {@code canonicalOrder}), written to the block store, indexed, kept in L1.
   */
  public StoredResult store(
      FragmentKey key,
      List<Column> columns,
      List<List<Object>> rows,
      boolean canonicalOrder,
      BufferAllocator allocator) {
    byte[] ipc = ResultEncoding.encode(columns, rows, canonicalOrder, allocator);
    Cid cid = writeResult(ipc);
    index.put(key, cid, rows.size());
    StoredResult result = new StoredResult(cid, ipc, rows.size());
    l1.put(key, result);
    stored.incrementAndGet();
    return result;
  }

  /**
   * Like {@link #store}, but done by {@link BackgroundWrites}, so a query does not wait for it:
   * encoding the rows, keeping the result in L1, then writing its blocks and index entry (blocks
   * first, so the entry never points at a missing result). Until it is in L1 a lookup of {@code
   * key} waits for it. The future fails if the result could not be encoded; any failure counts as
   * a store failure.
   */
  CompletableFuture<StoredResult> storeInBackground(
      FragmentKey key, List<Column> columns, List<List<Object>> rows, boolean canonicalOrder) {
    CompletableFuture<StoredResult> done = new CompletableFuture<>();
    Pending pending = new Pending(store.home(), key);
    PENDING.put(pending, done);
    BackgroundWrites.submit(
        () -> {
          try {
            List<Block> blocks = new ArrayList<>();
            StoredResult result = encode(key, columns, rows, canonicalOrder, blocks);
            done.complete(result);
            write(key, result, blocks);
          } catch (RuntimeException | Error e) {
            // Whatever went wrong, no lookup may wait for this result forever.
            storeFailures.incrementAndGet();
            done.completeExceptionally(e);
          } finally {
            PENDING.remove(pending, done);
          }
        });
    return done;
  }

  /** Encodes a result into its blocks (added to {@code blocks}) and keeps it in L1. */
  private StoredResult encode(
      FragmentKey key,
      List<Column> columns,
      List<List<Object>> rows,
      boolean canonicalOrder,
      List<Block> blocks) {
    byte[] ipc;
    try (BufferAllocator allocator =
        ENCODING.newChildAllocator("result-" + key, 0, Long.MAX_VALUE)) {
      ipc = ResultEncoding.encode(columns, rows, canonicalOrder, allocator);
    }
    Cid cid =
        UnixFsWriter.writeFile(
            new ByteArrayInputStream(ipc), ImportProfile.UNIXFS_V1_2025, blocks::add);
    StoredResult result = new StoredResult(cid, ipc, rows.size());
    l1.put(key, result);
    return result;
  }

  /** Writes an encoded result's blocks, then its index entry (so it never names missing blocks). */
  private void write(FragmentKey key, StoredResult result, List<Block> blocks) {
    for (Block block : blocks) {
      store.blocks().put(block);
    }
    index.put(key, result.cid(), result.rows());
    stored.incrementAndGet();
  }

  /**
   * Whether the result of {@code key} is in memory (L1, or being stored): reading it takes no work
   * of the reader's. (One being computed ahead is not: its reader may have to wait for it.)
   */
  boolean inMemory(FragmentKey key) {
    return l1.getIfPresent(key) != null || PENDING.containsKey(new Pending(store.home(), key));
  }

  /** Whether {@code key}'s fragment is being computed (or was) ahead and not yet claimed. */
  boolean computingAhead(FragmentKey key) {
    return ahead.has(key);
  }

  /**
   * Starts computing {@code fragment} (an exchange input, obtained through {@code compute}) on
   * {@code ctx}'s pool ahead of the query that will read it, storing its rows like any computed
   * fragment's: after an append, the new shards' fragments start as soon as the plan is known,
   * while the query is still being prepared. The query's own read of the fragment then takes its
   * batches as they are (see {@link AheadRuns}), or, if it has not started yet, computes it itself.
   * Does nothing (false) when the fragment reads no shard or is being computed already. {@code
   * release} runs when nothing of the work is left in {@code ctx}'s allocator, whatever happened
   * (e.g. to close it).
   */
  public boolean computeAhead(
      PlanNode fragment, Supplier<Operator> compute, ExecContext ctx, Runnable release) {
    requireNonNull(compute, "compute is null");
    requireNonNull(release, "release is null");
    Optional<KeyedPlan> keyed =
        keyed(requireNonNull(fragment, "fragment is null"), FragmentKey.Kind.FRAGMENT);
    if (keyed.isEmpty()) {
      release.run();
      return false;
    }
    KeyedPlan k = keyed.get();
    return ahead.start(
        k.key(),
        ctx.pool(),
        publish -> {
          List<VectorSchemaRoot> batches = new ArrayList<>();
          CachedOperator op =
              new CachedOperator(this, k, compute, ctx, config.maxResultBytes(), false, true);
          try {
            for (VectorSchemaRoot b = op.next(); b != null; b = op.next()) {
              batches.add(b);
            }
          } catch (RuntimeException | Error e) {
            // The reader computes the fragment itself, and reports what goes wrong.
            batches.forEach(VectorSchemaRoot::close);
            closeQuietly(op);
            return;
          }
          // The reader takes the batches now; closing the operators can follow.
          publish.accept(new AheadRuns.Output(batches, op.storing()));
          closeQuietly(op);
        },
        release);
  }

  /**
   * Claims {@code key}'s computation ahead: waits for it if it has started and gives its batches,
   * moved into {@code allocator} (it was counted as computed); null when there is none, it had not
   * started (then it never will) or it failed.
   */
  AheadRuns.Claimed claimAhead(FragmentKey key, BufferAllocator allocator) {
    return ahead.claim(key, allocator);
  }

  private static void closeQuietly(Operator op) {
    try {
      op.close();
    } catch (RuntimeException e) {
      // Its rows are delivered (or it failed already): what is left is released with its allocator.
    }
  }

  /** Releases what fragments computed ahead left that no query read (an engine closing). */
  public void releaseAhead() {
    ahead.releaseEnded();
  }

  /** Whether {@code plan} (this very object) was run through the cache as a query before. */
  public boolean ranBefore(PlanNode plan) {
    return keyedQueries.getIfPresent(requireNonNull(plan, "plan is null")) != null;
  }

  /** The result of {@code key} being stored in the background, once encoded; null if none. */
  private StoredResult pending(FragmentKey key) {
    CompletableFuture<StoredResult> pending = PENDING.get(new Pending(store.home(), key));
    if (pending == null) {
      return null;
    }
    try {
      return BackgroundWrites.hurry(pending);
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** Waits until every result handed to the background writer so far is in the store. */
  public void flush() {
    BackgroundWrites.flush();
  }

  /**
   * The Arrow IPC stream of a stored result, by its CID (from the block store, every block
   * verified). NOT_FOUND if the store does not hold it.
   */
  public byte[] read(Cid result) {
    requireNonNull(result, "result is null");
    if (!store.blocks().has(result)) {
      BackgroundWrites.flush();
    }
    if (!store.blocks().has(result)) {
      throw new QuarryException(ErrorCode.NOT_FOUND, "Result " + result + " is not in the store");
    }
    try (InputStream in = new UnixFsReader(store.blocks()).openFile(result)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new QuarryException(ErrorCode.IO_ERROR, "Cannot read result " + result + ": " + e, e);
    }
  }

  private Optional<StoredResult> readStored(Cid result, long rows) {
    try {
      return Optional.of(new StoredResult(result, read(result), rows));
    } catch (QuarryException e) {
      // A result whose blocks are gone or corrupt is a miss: it is computed and stored again.
      return Optional.empty();
    }
  }

  void countComputed(FragmentKey.Kind kind) {
    computed[kind.ordinal()].incrementAndGet();
  }

  void countStoreFailure() {
    storeFailures.incrementAndGet();
  }

  /** How many fragments (merges, queries) of {@code kind} were computed for want of a cached result. */
  public long computed(FragmentKey.Kind kind) {
    return computed[kind.ordinal()].get();
  }

  /**
   * Evicts results from the store, least recently used first, until those it keeps take at most
   * {@code maxBytes} (see {@link StoreEviction}); they leave memory too. With {@code dryRun} it
   * only reports what it would evict and free.
   */
  public StoreEviction.Report evictStored(long maxBytes, boolean dryRun) {
    BackgroundWrites.flush();
    return new StoreEviction(store, index).evict(maxBytes, dryRun, l1::invalidate);
  }

  /** Records that {@code key}'s result was computed here and was too large to keep. */
  void noteTooLarge(FragmentKey key) {
    tooLarge.put(key, Boolean.TRUE);
  }

  /**
   * Whether {@code fragment}'s result was computed by this cache and found too large to keep (the
   * last few thousand such results are remembered), so it will not be found next time either.
   */
  public boolean knownTooLarge(PlanNode fragment) {
    return tooLarge.getIfPresent(fragmentKey(fragment)) != null;
  }

  /** Results stored since the cache was opened. */
  public long stored() {
    BackgroundWrites.flush();
    return stored.get();
  }

  /** Results that were computed but could not be stored (the query still succeeded). */
  public long storeFailures() {
    BackgroundWrites.flush();
    return storeFailures.get();
  }

  /**
   * Counters per level (L1, L2, L3) and kind (fragment, query, merge). L3's entries are the result
   * keys other live nodes announce (keys do not show their kind, so every kind's row gives the same
   * number); its misses count only lookups made while a remote level is set.
   */
  public List<CacheStats> stats() {
    BackgroundWrites.flush();
    l1.cleanUp();
    long[] l1Entries = new long[FragmentKey.Kind.values().length];
    for (FragmentKey key : l1.asMap().keySet()) {
      l1Entries[key.kind().ordinal()]++;
    }
    List<CacheStats> out = new ArrayList<>();
    for (int level = 0; level < LEVELS.length; level++) {
      for (FragmentKey.Kind kind : FragmentKey.Kind.values()) {
        int k = kind.ordinal();
        long entries =
            level == 0 ? l1Entries[k] : level == 1 ? index.entries(kind) : remoteEntries();
        out.add(
            new CacheStats(
                LEVELS[level], kind.id(), hits[level][k].get(), misses[level][k].get(), bytesSaved[level][k].get(), entries));
      }
    }
    return out;
  }

  private long remoteEntries() {
    RemoteResults l3 = remote;
    return l3 == null ? 0 : l3.entries();
  }

  /** Bytes of results held in memory now. */
  public long l1Bytes() {
    l1.cleanUp();
    return l1.policy().eviction().map(e -> e.weightedSize().orElse(0L)).orElse(0L);
  }

  private static Cache<PlanNode, Optional<KeyedPlan>> keyedPlans() {
    return Caffeine.newBuilder().weakKeys().maximumSize(4096).executor(Runnable::run).build();
  }

  private static AtomicLong[][] counters() {
    AtomicLong[][] c = new AtomicLong[LEVELS.length][FragmentKey.Kind.values().length];
    for (AtomicLong[] row : c) {
      for (int i = 0; i < row.length; i++) {
        row[i] = new AtomicLong();
      }
    }
    return c;
  }
}
