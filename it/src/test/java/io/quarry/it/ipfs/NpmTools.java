package io.quarry.it.ipfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.abort;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The JavaScript IPFS tools the compatibility tests compare against, installed with npm into {@code
 * it/target/npm} once per build (a later test, or a later build without {@code clean}, reuses the
 * install). Tests are skipped, with the reason shown, when node/npm are missing or the install
 * fails (no network).
 */
final class NpmTools {
  /** The packages and major versions the contract names. */
  static final List<String> PACKAGES = List.of("ipfs-car@3", "ipfs-unixfs-importer@17");

  private static final Path DIR = Path.of("target", "npm").toAbsolutePath();
  private static final Path MARKER = DIR.resolve("installed.txt");
  private static String unavailable;
  private static boolean ready;

  private NpmTools() {}

  /** Installs the tools if needed, or skips the calling test saying why they are unavailable. */
  static synchronized void require() {
    if (ready) {
      return;
    }
    if (unavailable == null) {
      unavailable = install();
      ready = unavailable == null;
    }
    if (!ready) {
      abort(unavailable);
    }
  }

  private static String install() {
    try {
      Result node = run(List.of("node", "--version"), null, Path.of("."), 60, false);
      if (node.exitCode != 0) {
        return "node is not usable: " + node.stderr;
      }
    } catch (IOException e) {
      return "node is not installed ("
          + e.getMessage()
          + "); the IPFS compatibility tests need"
          + " node and npm";
    }
    try {
      Files.createDirectories(DIR);
      String spec = String.join(" ", PACKAGES) + "\n";
      if (!(Files.exists(MARKER)
          && Files.readString(MARKER).equals(spec)
          && Files.isDirectory(DIR.resolve("node_modules/ipfs-car")))) {
        List<String> cmd =
            new ArrayList<>(
                List.of(
                    "npm",
                    "install",
                    "--prefix",
                    DIR.toString(),
                    "--no-audit",
                    "--no-fund",
                    "--loglevel=error"));
        cmd.addAll(PACKAGES);
        Result r = run(cmd, null, DIR, 600, false);
        if (r.exitCode != 0) {
          return "npm install " + PACKAGES + " failed (no network?): " + tail(r.stderr);
        }
        Files.writeString(MARKER, spec);
      }
      try (InputStream script = NpmTools.class.getResourceAsStream("/ipfs/unixfs-cids.mjs")) {
        Files.copy(script, DIR.resolve("unixfs-cids.mjs"), StandardCopyOption.REPLACE_EXISTING);
      }
      return null;
    } catch (IOException e) {
      return "npm is not installed or failed to run (" + e.getMessage() + ")";
    }
  }

  /** Runs the ipfs-car command line; fails the test on a non-zero exit. */
  static Result ipfsCar(Path workDir, String... args) throws IOException {
    List<String> cmd =
        new ArrayList<>(List.of("node", DIR.resolve("node_modules/ipfs-car/bin.js").toString()));
    cmd.addAll(List.of(args));
    return checked(run(cmd, null, workDir, 600, false));
  }

  /** ipfs-car pack of bytes fed on stdin, CAR discarded: returns the root CID it prints. */
  static String ipfsCarPackStdin(Feeder feeder) throws IOException {
    List<String> cmd =
        List.of(
            "node", DIR.resolve("node_modules/ipfs-car/bin.js").toString(), "pack", "--no-wrap");
    Result r = checked(run(cmd, feeder, DIR, 600, true));
    return lastLine(r.stderr);
  }

  /** Root CIDs of the files from the reference script (see src/test/js/unixfs-cids.mjs). */
  static List<String> referenceCids(String engine, int chunkSize, int maxLinks, List<Path> files)
      throws IOException {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                "node",
                DIR.resolve("unixfs-cids.mjs").toString(),
                engine,
                Integer.toString(chunkSize),
                Integer.toString(maxLinks)));
    files.forEach(f -> cmd.add(f.toString()));
    Result r = checked(run(cmd, null, DIR, 600, false));
    List<String> cids = r.stdout.lines().filter(l -> !l.isBlank()).toList();
    assertEquals(files.size(), cids.size(), "one CID per file expected: " + r.stdout);
    return cids;
  }

  /** Writes a process's stdin. */
  @FunctionalInterface
  interface Feeder {
    void feed(OutputStream stdin) throws IOException;
  }

  record Result(int exitCode, String stdout, String stderr) {}

  static String lastLine(String text) {
    List<String> lines = text.lines().filter(l -> !l.isBlank()).toList();
    return lines.isEmpty() ? "" : lines.get(lines.size() - 1).trim();
  }

  private static Result checked(Result r) {
    if (r.exitCode != 0) {
      throw new AssertionError("command failed with exit code " + r.exitCode + ": " + r.stderr);
    }
    return r;
  }

  private static Result run(
      List<String> cmd, Feeder feeder, Path workDir, int timeoutSeconds, boolean discardStdout)
      throws IOException {
    Path out = Files.createTempFile("npm-out", ".txt");
    Path err = Files.createTempFile("npm-err", ".txt");
    try {
      ProcessBuilder pb =
          new ProcessBuilder(cmd)
              .directory(workDir.toFile())
              .redirectOutput(
                  discardStdout
                      ? ProcessBuilder.Redirect.DISCARD
                      : ProcessBuilder.Redirect.to(out.toFile()))
              .redirectError(err.toFile());
      if (feeder == null) {
        pb.redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
      }
      Process p = pb.start();
      CompletableFuture<Void> feeding = CompletableFuture.completedFuture(null);
      if (feeder != null) {
        feeding =
            CompletableFuture.runAsync(
                () -> {
                  try (OutputStream stdin = p.getOutputStream()) {
                    feeder.feed(stdin);
                  } catch (IOException e) {
                    throw new UncheckedIOException(e);
                  }
                });
      }
      if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError("timed out after " + timeoutSeconds + " s: " + cmd);
      }
      feeding.join();
      return new Result(
          p.exitValue(),
          Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while running " + cmd, e);
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  private static java.io.File nullDevice() {
    return new java.io.File(
        System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
  }

  private static String tail(String s) {
    return s.length() <= 2000 ? s : "…" + s.substring(s.length() - 2000);
  }
}
