package io.quarry.node.engine;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarry.cache.BackgroundWrites;
import io.quarry.cache.ResultCacheConfig;
import io.quarry.cid.Multibase;
import io.quarry.cid.Multihash;
import io.quarry.exec.plan.PlanCodec;
import io.quarry.exec.plan.PlanNode;
import io.quarry.planner.PlannedQuery;
import io.quarry.planner.QueryPlanner;
import io.quarry.planner.ScanSummary;
import io.quarry.sql.SqlFrontend;
import io.quarry.store.AtomicFiles;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The latest plan of each query text, kept in {@code <home>/cache/plans/} so that a restarted
 * engine extends it to a table's new version instead of planning again. A file is
 * {@code {"build","sql","roots","scans","plan"}}: only a plan written by the same build of the
 * planner (and the same engine version) is used, and a file that does not read back whole is
 * ignored: plans can always be made again.
 */
final class PlanStore {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static volatile String build;

  private final Path dir;

  PlanStore(Path dir) {
    this.dir = requireNonNull(dir, "dir is null");
  }

  /** The plan stored for {@code sql}, with the dataset roots it was planned under. */
  Optional<PlanCache.Entry> load(String sql) {
    BackgroundWrites.flush();
    Path file = fileOf(sql);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      JsonNode json = JSON.readTree(Files.readAllBytes(file));
      if (!build().equals(json.path("build").asText()) || !sql.equals(json.path("sql").asText())) {
        return Optional.empty();
      }
      Map<String, String> roots = new LinkedHashMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = json.get("roots").fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        roots.put(e.getKey(), e.getValue().asText());
      }
      List<ScanSummary> scans = new ArrayList<>();
      for (JsonNode s : json.get("scans")) {
        scans.add(
            new ScanSummary(
                s.get("table").asText(),
                s.get("root").asText(),
                s.get("scanned").asInt(),
                s.get("total").asInt()));
      }
      PlanNode plan = PlanCodec.decode(json.get("plan").asText().getBytes(StandardCharsets.UTF_8));
      return Optional.of(new PlanCache.Entry(roots, new PlannedQuery(plan, scans, List.of())));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /**
   * Keeps {@code entry} as the plan of {@code sql}, written in the background (a query never waits
   * for it; see {@link BackgroundWrites}); a plan that cannot be written is only lost.
   */
  void save(String sql, PlanCache.Entry entry) {
    BackgroundWrites.submit(() -> write(sql, entry));
  }

  private void write(String sql, PlanCache.Entry entry) {
    try {
      ObjectNode json = JSON.createObjectNode();
      json.put("build", build());
      json.put("sql", sql);
      ObjectNode roots = json.putObject("roots");
      entry.roots().forEach(roots::put);
      ArrayNode scans = json.putArray("scans");
      for (ScanSummary s : entry.planned().scans()) {
        scans
            .addObject()
            .put("table", s.table())
            .put("root", s.root())
            .put("scanned", s.scannedShards())
            .put("total", s.totalShards());
      }
      json.put("plan", new String(PlanCodec.encode(entry.planned().root()), StandardCharsets.UTF_8));
      Files.createDirectories(dir);
      AtomicFiles.write(fileOf(sql), JSON.writeValueAsBytes(json));
    } catch (IOException | RuntimeException e) {
      // Best effort: the query is planned again next time.
    }
  }

  private Path fileOf(String sql) {
    Multihash digest = Multihash.sha256(sql.getBytes(StandardCharsets.UTF_8));
    return dir.resolve(Multibase.encode(Multibase.Base.BASE32, digest.digest()).substring(1) + ".json");
  }

  /**
   * What the stored plans depend on: the engine version and the planner's and SQL front end's
   * class files (names, sizes and times), so a rebuilt planner never reuses an older one's plans.
   */
  static String build() {
    String b = build;
    if (b == null) {
      StringBuilder s = new StringBuilder(ResultCacheConfig.ENGINE_VERSION);
      for (Class<?> c : List.of(QueryPlanner.class, SqlFrontend.class, PlanCodec.class)) {
        s.append('|').append(codeFingerprint(c));
      }
      Multihash digest = Multihash.sha256(s.toString().getBytes(StandardCharsets.UTF_8));
      b = Multibase.encode(Multibase.Base.BASE32, digest.digest());
      build = b;
    }
    return b;
  }

  private static String codeFingerprint(Class<?> c) {
    try {
      CodeSource source = c.getProtectionDomain().getCodeSource();
      if (source == null) {
        return "unknown";
      }
      Path location = Path.of(source.getLocation().toURI());
      if (!Files.isDirectory(location)) {
        return location + ":" + Files.size(location) + ":" + Files.getLastModifiedTime(location);
      }
      StringBuilder s = new StringBuilder(location.toString());
      try (Stream<Path> files = Files.walk(location)) {
        for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
          s.append(':').append(location.relativize(f)).append('=').append(Files.size(f))
              .append('@').append(Files.getLastModifiedTime(f).toMillis());
        }
      }
      return s.toString();
    } catch (IOException | URISyntaxException | RuntimeException e) {
      return "unknown-" + System.nanoTime();
    }
  }
}
