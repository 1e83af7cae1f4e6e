package io.quarry.cache;

import static java.util.Objects.requireNonNull;

import io.quarry.cid.Cid;
import io.quarry.cid.Multicodec;
import io.quarry.cid.Multihash;
import io.quarry.exec.plan.MergedPartialsNode;
import io.quarry.exec.plan.PlanCodec;
import io.quarry.exec.plan.PlanNode;
import io.quarry.exec.plan.ScanNode;
import io.quarry.exec.plan.ShardRef;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * What a cached result is found by: a CIDv1 (raw codec, sha2-256) of
 *
 * <pre>
 *   "quarry-result-key/1" 0x00 kind 0x00
 *   len(plan) plan-bytes            canonical plan (PlanCodec), anonymous for fragments
 *   count (len(cid) cid-bytes)*     the shard CIDs the plan reads, sorted, each once
 *   len(version) version            the engine version
 * </pre>
 *
 * <p>lengths and the count as unsigned LEB128 varints. The raw codec says the key is a digest of an
 * opaque preimage, not a block anyone can fetch. {@code kind} is {@code fragment} (an exchange
 * input, keyed without its output names, stored in canonical row order), {@code merge} (the same
 * for a {@link MergedPartialsNode}: many shards' partial states merged, so that per-shard work is
 * counted apart from merging) or {@code query} (a whole plan, keyed with its column names, stored
 * in the order it produces rows).
 */
public record FragmentKey(Cid cid, Kind kind) {
  /** The two things the cache keeps results of. */
  public enum Kind {
    FRAGMENT,
    QUERY,
    MERGE;

    String id() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public FragmentKey {
    requireNonNull(cid, "cid is null");
    requireNonNull(kind, "kind is null");
  }

  /**
   * The key of one fragment (an exchange input) run by an engine of {@code engineVersion}; of kind
   * {@code merge} for a {@link MergedPartialsNode}.
   */
  public static FragmentKey forFragment(PlanNode fragment, String engineVersion) {
    Kind kind = fragment instanceof MergedPartialsNode ? Kind.MERGE : Kind.FRAGMENT;
    return of(kind, PlanCodec.encodeAnonymous(fragment), shardCids(fragment), engineVersion);
  }

  /** The key of a whole query plan run by an engine of {@code engineVersion}. */
  public static FragmentKey forQuery(PlanNode plan, String engineVersion) {
    return of(Kind.QUERY, PlanCodec.encode(plan), shardCids(plan), engineVersion);
  }

  static FragmentKey of(Kind kind, byte[] plan, List<String> shardCids, String engineVersion) {
    requireNonNull(engineVersion, "engineVersion is null");
    ByteArrayOutputStream out = new ByteArrayOutputStream(plan.length + 64 * shardCids.size() + 64);
    out.writeBytes(("quarry-result-key/1\0" + kind.id() + "\0").getBytes(StandardCharsets.UTF_8));
    lengthPrefixed(out, plan);
    varint(out, shardCids.size());
    for (String shard : shardCids) {
      lengthPrefixed(out, Cid.parse(shard).toV1().bytes());
    }
    lengthPrefixed(out, engineVersion.getBytes(StandardCharsets.UTF_8));
    return new FragmentKey(Cid.v1(Multicodec.RAW, Multihash.sha256(out.toByteArray())), kind);
  }

  /** Every shard the plan reads, once each, as CIDv1 strings sorted. */
  public static List<String> shardCids(PlanNode plan) {
    TreeSet<String> cids = new TreeSet<>();
    for (ShardRef s : shards(plan)) {
      cids.add(Cid.parse(s.cid()).toV1().toString());
    }
    return new ArrayList<>(cids);
  }

  /** Every scan's shard in the plan, in plan order (a shard scanned twice appears twice). */
  public static List<ShardRef> shards(PlanNode plan) {
    List<ShardRef> out = new ArrayList<>();
    collect(plan, out);
    return out;
  }

  /** The stored bytes of the distinct shards the plan reads: what a cache hit saves reading. */
  public static long inputBytes(PlanNode plan) {
    java.util.Map<String, Long> bytes = new java.util.HashMap<>();
    for (ShardRef s : shards(plan)) {
      bytes.put(s.cid(), s.bytes());
    }
    return bytes.values().stream().mapToLong(Long::longValue).sum();
  }

  private static void collect(PlanNode node, List<ShardRef> out) {
    if (node instanceof MergedPartialsNode merged) {
      out.addAll(merged.shards()); // without making its parts
      return;
    }
    if (node instanceof ScanNode scan) {
      out.add(scan.shard());
    }
    for (PlanNode in : node.inputs()) {
      collect(in, out);
    }
  }

  private static void lengthPrefixed(ByteArrayOutputStream out, byte[] bytes) {
    varint(out, bytes.length);
    out.writeBytes(bytes);
  }

  private static void varint(ByteArrayOutputStream out, long value) {
    long v = value;
    while ((v & ~0x7FL) != 0) {
      out.write((int) ((v & 0x7F) | 0x80));
      v >>>= 7;
    }
    out.write((int) v);
  }

  @Override
  public String toString() {
    return cid.toString();
  }
}
