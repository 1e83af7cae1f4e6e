package io.quarry.bench;

import io.quarry.cid.Cid;
import io.quarry.connectors.importer.DatasetImporter;
import io.quarry.connectors.importer.ImportOptions;
import io.quarry.connectors.importer.ImportProgress;
import io.quarry.connectors.importer.ImportResult;
import io.quarry.store.Store;
import io.quarry.unixfs.ImportProfile;
import io.quarry.unixfs.UnixFsWriter;
import io.trino.tpch.LineItem;
import io.trino.tpch.TpchTable;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * How fast bytes get in: importing the lineitem table into a dataset as CSV, as Parquet written by
 * DuckDB (decoded and cut into new shards) and as Quarry's own shard files (which fit as they are,
 * so are stored without re-encoding); and the CID of the CSV file, computed in this JVM and by a
 * fresh {@code quarry cid} process, next to a fresh {@code ipfs-car pack} process on the same file
 * when ipfs-car runs without downloading.
 */
final class IngestBenchmark {
  private static final String CLI_MAIN = "io.quarry.cli.Main";

  private IngestBenchmark() {}

  static List<IngestMeasurement> measure(TpchData data, PrintStream out) throws IOException {
    List<IngestMeasurement> results = new ArrayList<>();
    Path csv = lineitemCsv(data, out);
    List<Path> parquet = data.files().get("lineitem");
    Path scratch = data.directory().resolve("ingest-scratch");
    Directories.delete(scratch);
    Path foreign = duckDbParquet(parquet, data.directory());
    try (Store store = Store.open(scratch)) {
      results.add(importInto(store, "import CSV (lineitem)", "lineitem_csv", List.of(csv)));
      results.add(
          importInto(
              store, "import Parquet by DuckDB (lineitem)", "lineitem_duckdb", List.of(foreign)));
      results.add(
          importInto(store, "import Quarry shards (lineitem)", "lineitem_parquet", parquet));
    } finally {
      Directories.delete(scratch);
    }
    results.add(quarryCid(csv));
    results.add(quarryCidProcess(csv, data.directory()));
    results.add(ipfsCar(csv, data.directory()));
    for (IngestMeasurement m : results) {
      out.printf(
          "  %-36s %8.1f MB  %s%n",
          m.what(),
          m.bytes() / 1e6,
          Double.isNaN(m.seconds())
              ? m.note()
              : String.format(
                  "%6.2f s  %7.1f MB/s  %s", m.seconds(), m.megabytesPerSecond(), m.note()));
    }
    return results;
  }

  private static IngestMeasurement importInto(
      Store store, String what, String dataset, List<Path> inputs) throws IOException {
    long bytes = Directories.size(inputs);
    long start = System.nanoTime();
    ImportResult result =
        DatasetImporter.run(
            store,
            inputs,
            new ImportOptions(dataset, false, ImportOptions.DEFAULT_SHARD_ROWS, Map.of()),
            ImportProgress.NONE);
    double seconds = (System.nanoTime() - start) / 1e9;
    return new IngestMeasurement(what, bytes, seconds, "root " + result.version().root());
  }

  private static IngestMeasurement quarryCid(Path file) throws IOException {
    long start = System.nanoTime();
    Cid cid;
    try (InputStream in = Files.newInputStream(file)) {
      cid = UnixFsWriter.writeFile(in, ImportProfile.UNIXFS_V1_2025, block -> {});
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    return new IngestMeasurement(
        "quarry cid (lineitem.csv)", Files.size(file), seconds, cid.toString());
  }

  /**
   * {@code quarry cid FILE} as a new process (JVM start-up included, as Node.js's is for ipfs-car),
   * when this JVM runs the CLI; skipped otherwise.
   */
  private static IngestMeasurement quarryCidProcess(Path file, Path workDir) throws IOException {
    String what = "quarry cid process (lineitem.csv)";
    long bytes = Files.size(file);
    Optional<String> java = ProcessHandle.current().info().command();
    String classPath = System.getProperty("java.class.path", "");
    if (java.isEmpty() || !classPath.contains("quarry-cli")) {
      return new IngestMeasurement(what, bytes, Double.NaN, "skipped: not run from the quarry CLI");
    }
    return timedProcess(
        what,
        bytes,
        List.of(java.get(), "-cp", classPath, CLI_MAIN, "cid", file.toString()),
        workDir,
        "JVM");
  }

  /**
   * Runs {@code command} and times it; the note is the last line it printed (the CID), or why it
   * failed. {@code runtime} names the start-up the time includes.
   */
  private static IngestMeasurement timedProcess(
      String what, long bytes, List<String> command, Path workDir, String runtime)
      throws IOException {
    long start = System.nanoTime();
    Exec run = exec(command, workDir);
    double seconds = (System.nanoTime() - start) / 1e9;
    if (run.exitCode() != 0) {
      return new IngestMeasurement(what, bytes, Double.NaN, "failed: " + run.output().strip());
    }
    String[] lines = run.output().strip().split("\n");
    return new IngestMeasurement(
        what,
        bytes,
        seconds,
        lines[lines.length - 1].strip() + " (includes " + runtime + " start-up)");
  }

  /**
   * lineitem as one Parquet file written by DuckDB (its defaults: snappy, its own row groups), once
   * per scale factor: Parquet as other tools write it, which an import decodes and re-shards.
   */
  private static Path duckDbParquet(List<Path> shards, Path dir) throws IOException {
    Path file = dir.resolve("lineitem-duckdb.parquet");
    if (Files.exists(file)) {
      return file;
    }
    Path tmp = dir.resolve("lineitem-duckdb.parquet.tmp");
    String files =
        shards.stream()
            .map(p -> "'" + p.toString().replace("'", "''") + "'")
            .collect(Collectors.joining(", "));
    try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:");
        Statement statement = duckdb.createStatement()) {
      statement.execute(
          "COPY (SELECT * FROM read_parquet([" + files + "])) TO '"
              + tmp.toString().replace("'", "''") + "' (FORMAT parquet)");
    } catch (SQLException e) {
      throw new IOException("DuckDB could not write " + tmp + ": " + e.getMessage(), e);
    }
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    return file;
  }

  private static IngestMeasurement ipfsCar(Path file, Path workDir) throws IOException {
    long bytes = Files.size(file);
    String what = "ipfs-car pack (lineitem.csv)";
    List<String> command = ipfsCarCommand(workDir);
    if (command == null) {
      return new IngestMeasurement(
          what, bytes, Double.NaN, "skipped: ipfs-car is not installed (npm i -g ipfs-car)");
    }
    Path car = workDir.resolve("lineitem.car");
    try {
      List<String> pack = new ArrayList<>(command);
      pack.addAll(List.of("pack", file.toString(), "--no-wrap", "--output", car.toString()));
      return timedProcess(what, bytes, pack, workDir, "Node.js");
    } finally {
      Files.deleteIfExists(car);
    }
  }

  /**
   * {@code ipfs-car} on the PATH, else the copy the integration tests install under {@code
   * it/target/npm}, else through npx without downloading; null if none runs.
   */
  private static List<String> ipfsCarCommand(Path workDir) {
    Path testInstall = Directories.repoRoot().resolve("it/target/npm/node_modules/.bin/ipfs-car");
    List<List<String>> candidates = new ArrayList<>();
    candidates.add(List.of("ipfs-car"));
    if (Files.isExecutable(testInstall)) {
      candidates.add(List.of(testInstall.toString()));
    }
    candidates.add(List.of("npx", "--no-install", "ipfs-car"));
    for (List<String> candidate : candidates) {
      List<String> probe = new ArrayList<>(candidate);
      probe.add("--help");
      try {
        if (exec(probe, workDir).exitCode() == 0) {
          return candidate;
        }
      } catch (IOException e) {
        // Not installed in this form; try the next.
      }
    }
    return null;
  }

  private record Exec(int exitCode, String output) {}

  private static Exec exec(List<String> command, Path dir) throws IOException {
    Process p =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    try {
      byte[] output = p.getInputStream().readAllBytes();
      if (!p.waitFor(30, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        return new Exec(-1, "timed out");
      }
      return new Exec(p.exitValue(), new String(output, StandardCharsets.UTF_8));
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while running " + command, e);
    }
  }

  /** lineitem as CSV with a header, written once per scale factor next to the Parquet files. */
  private static Path lineitemCsv(TpchData data, PrintStream out) throws IOException {
    Path csv = data.directory().resolve("lineitem.csv");
    if (Files.exists(csv)) {
      return csv;
    }
    out.println("  writing lineitem.csv for the CSV import measurement");
    Path tmp = data.directory().resolve("lineitem.csv.tmp");
    TpchTable<LineItem> table = TpchTable.LINE_ITEM;
    try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
      List<io.quarry.types.Column> columns = TpchSchema.columns(table);
      List<String> names = columns.stream().map(c -> c.name()).toList();
      w.write(String.join(",", names));
      w.write('\n');
      for (LineItem item : table.createGenerator(data.scaleFactor(), 1, 1)) {
        Object[] row = TpchSchema.row(table, item);
        for (int i = 0; i < row.length; i++) {
          if (i > 0) {
            w.write(',');
          }
          w.write(csvField(row[i], columns.get(i).type().kind()));
        }
        w.write('\n');
      }
    }
    Files.move(tmp, csv, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    return csv;
  }

  private static String csvField(Object v, io.quarry.types.TypeKind kind) {
    if (kind == io.quarry.types.TypeKind.DATE) {
      return java.time.LocalDate.ofEpochDay(((Number) v).longValue()).toString();
    }
    if (v instanceof String s) {
      return "\"" + s.replace("\"", "\"\"") + "\"";
    }
    if (v instanceof java.math.BigDecimal d) {
      return d.toPlainString();
    }
    return String.valueOf(v);
  }
}
