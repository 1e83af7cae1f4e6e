package io.quarry.bench;

import static java.util.Objects.requireNonNull;

import io.quarry.connectors.parquet.ShardWriter;
import io.trino.tpch.TpchEntity;
import io.trino.tpch.TpchTable;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * TPC-H tables of one scale factor as Parquet files, generated once and kept under {@code
 * <dataRoot>/sf<N>/parquet/<table>/part-NNNNN.parquet}. A marker file written last says the
 * generation finished; a directory without it (an interrupted run) is deleted and generated again.
 */
public final class TpchData {
  static final String MARKER = "_COMPLETE";
  private static final String MARKER_TEXT = "generator=io.trino.tpch:tpch format=1\n";
  private static final long ROWS_PER_PART = 1_000_000;

  private final double scaleFactor;
  private final Path directory;
  private final Map<String, List<Path>> files;

  private TpchData(double scaleFactor, Path directory, Map<String, List<Path>> files) {
    this.scaleFactor = scaleFactor;
    this.directory = directory;
    this.files = files;
  }

  public double scaleFactor() {
    return scaleFactor;
  }

  /** {@code <dataRoot>/sf<N>}: the Parquet files and, next to them, the store they import into. */
  public Path directory() {
    return directory;
  }

  /** Parquet files per table name, in part order. */
  public Map<String, List<Path>> files() {
    return files;
  }

  public static String scaleName(double scaleFactor) {
    return "sf" + BigDecimal.valueOf(scaleFactor).stripTrailingZeros().toPlainString();
  }

  /** Generates the tables unless a complete generation is already on disk. */
  public static TpchData prepare(double scaleFactor, Path dataRoot, int threads, PrintStream out)
      throws IOException {
    requireNonNull(dataRoot, "dataRoot is null");
    if (!(scaleFactor > 0)) {
      throw new IllegalArgumentException("scale factor must be > 0: " + scaleFactor);
    }
    Path directory = dataRoot.resolve(scaleName(scaleFactor)).toAbsolutePath();
    Path parquet = directory.resolve("parquet");
    Path marker = parquet.resolve(MARKER);
    if (Files.exists(marker)
        && Files.readString(marker, StandardCharsets.UTF_8).equals(markerText(scaleFactor))) {
      out.printf("TPC-H %s: using generated data in %s%n", scaleName(scaleFactor), parquet);
      return new TpchData(scaleFactor, directory, list(parquet));
    }
    if (Files.exists(directory)) {
      out.printf("TPC-H %s: removing incomplete data in %s%n", scaleName(scaleFactor), directory);
      Directories.delete(directory);
    }
    long start = System.nanoTime();
    out.printf("TPC-H %s: generating Parquet into %s%n", scaleName(scaleFactor), parquet);
    generate(scaleFactor, parquet, threads);
    Files.writeString(marker, markerText(scaleFactor), StandardCharsets.UTF_8);
    out.printf(
        "TPC-H %s: generated in %.1f s%n",
        scaleName(scaleFactor), (System.nanoTime() - start) / 1e9);
    return new TpchData(scaleFactor, directory, list(parquet));
  }

  private static String markerText(double scaleFactor) {
    return "sf=" + scaleName(scaleFactor) + " " + MARKER_TEXT;
  }

  private static void generate(double scaleFactor, Path parquet, int threads) throws IOException {
    List<Runnable> tasks = new ArrayList<>();
    for (TpchTable<?> table : TpchSchema.tables()) {
      Path tableDir = parquet.resolve(table.getTableName());
      Files.createDirectories(tableDir);
      int parts =
          (int)
              Math.max(
                  1,
                  Math.ceil(TpchSchema.estimatedRows(table, scaleFactor) / (double) ROWS_PER_PART));
      for (int part = 1; part <= parts; part++) {
        int p = part;
        Path file = tableDir.resolve(String.format("part-%05d.parquet", part - 1));
        tasks.add(() -> writePart(table, scaleFactor, p, parts, file));
      }
    }
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (Runnable task : tasks) {
        futures.add(pool.submit(task));
      }
      for (Future<?> f : futures) {
        try {
          f.get();
        } catch (java.util.concurrent.ExecutionException e) {
          Throwable cause = e.getCause();
          if (cause instanceof RuntimeException r) {
            throw r;
          }
          throw new IOException("TPC-H generation failed: " + cause, cause);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException("TPC-H generation interrupted", e);
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static <E extends TpchEntity> void writePart(
      TpchTable<E> table, double scaleFactor, int part, int parts, Path file) {
    try (ShardWriter writer = new ShardWriter(file, TpchSchema.columns(table))) {
      for (E entity : table.createGenerator(scaleFactor, part, parts)) {
        writer.write(TpchSchema.row(table, entity));
      }
    }
  }

  private static Map<String, List<Path>> list(Path parquet) throws IOException {
    Map<String, List<Path>> files = new LinkedHashMap<>();
    for (TpchTable<?> table : TpchSchema.tables()) {
      Path dir = parquet.resolve(table.getTableName());
      try (Stream<Path> s = Files.list(dir)) {
        files.put(
            table.getTableName(),
            s.filter(p -> p.getFileName().toString().endsWith(".parquet")).sorted().toList());
      } catch (UncheckedIOException e) {
        throw e.getCause();
      }
    }
    return files;
  }
}
