package io.quarry.catalog;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarry.cid.Cid;
import io.quarry.error.ErrorCode;
import io.quarry.error.QuarryException;
import io.quarry.store.AtomicFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Named datasets: each name points to an append-only history of root CIDs, kept in {@code
 * <dir>/<name>.jsonl}, one JSON object per version ({@code {"version":1,"root":"bafy…",
 * "createdAt":"…"}}).
 *
 * <p>Crash safety: an append writes the whole new log to a temp file, fsyncs it and renames it over
 * the old one (then fsyncs the directory), so after a crash the log is either the old or the new
 * history, never a torn one. Appends to one name are serialized by a lock file, across processes.
 *
 * <p>Callers append a root only after every block of its DAG is in the block store (the importers
 * store blocks first and append last), so a dataset never points at missing blocks: a crash before
 * the append leaves unreferenced blocks, never a reference to absent ones.
 */
public final class Datasets {
  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final String SUFFIX = ".jsonl";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path dir;
  private final Runnable beforeAppend;

  public Datasets(Path dir) {
    this(dir, () -> {});
  }

  /**
   * @param beforeAppend runs before every append, outside the lock: makes the blocks the new root
   *     links to durable (the store's {@code BlockStore.syncDirectories})
   */
  public Datasets(Path dir, Runnable beforeAppend) {
    this.dir = requireNonNull(dir, "dir is null");
    this.beforeAppend = requireNonNull(beforeAppend, "beforeAppend is null");
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new QuarryException(
          ErrorCode.IO_ERROR, "Cannot create datasets directory " + dir + ": " + e, e);
    }
  }

  public Path directory() {
    return dir;
  }

  /** Names of all datasets, sorted. */
  public List<String> names() {
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(SUFFIX))
          .map(n -> n.substring(0, n.length() - SUFFIX.length()))
          .filter(n -> NAME.matcher(n).matches())
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new QuarryException(ErrorCode.IO_ERROR, "Cannot list datasets in " + dir + ": " + e, e);
    }
  }

  /** All versions of {@code name}, oldest first; empty if there is no such dataset. */
  public List<DatasetVersion> history(String name) {
    return read(checkName(name));
  }

  /**
   * The latest version of {@code name}; empty if there is no such dataset. Only the log's last
   * entry is parsed (queries ask this on every run; {@link #history} checks the whole log).
   */
  public Optional<DatasetVersion> latest(String name) {
    Path file = logFile(checkName(name));
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new QuarryException(
          ErrorCode.IO_ERROR, "Cannot read dataset log " + file + ": " + e, e);
    }
    int end = text.length();
    while (end > 0 && Character.isWhitespace(text.charAt(end - 1))) {
      end--;
    }
    if (end == 0) {
      return Optional.empty();
    }
    int start = text.lastIndexOf('\n', end - 1) + 1;
    int lineNo = 1;
    for (int i = 0; i < start; i++) {
      lineNo += text.charAt(i) == '\n' ? 1 : 0;
    }
    return Optional.of(parseLine(file, lineNo, name, text.substring(start, end)));
  }

  /**
   * Appends {@code root} as the next version of {@code name} (creating the dataset at version 1).
   * Call only after all blocks under {@code root} are stored.
   */
  public DatasetVersion append(String name, Cid root) {
    return append(name, root, -1).orElseThrow();
  }

  /**
   * Appends {@code root} only if the latest version of {@code name} still is {@code basedOn} (0: the
   * dataset does not exist yet), checked under the same lock as the append; empty if another
   * version came first. A writer that built the root from the version it read uses this, so two
   * concurrent appends never silently drop each other's rows.
   */
  public Optional<DatasetVersion> appendIfLatest(String name, Cid root, int basedOn) {
    if (basedOn < 0) {
      throw new IllegalArgumentException("basedOn is negative: " + basedOn);
    }
    return append(name, root, basedOn);
  }

  private Optional<DatasetVersion> append(String name, Cid root, int basedOn) {
    checkName(name);
    requireNonNull(root, "root is null");
    beforeAppend.run();
    // FileLock excludes other processes; threads of this JVM must be excluded separately.
    synchronized (Datasets.class) {
      return appendLocked(name, root, basedOn);
    }
  }

  private Optional<DatasetVersion> appendLocked(String name, Cid root, int basedOn) {
    Path lockFile = dir.resolve("." + name + ".lock");
    try (FileChannel lockChannel =
            FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = lockChannel.lock()) {
      List<DatasetVersion> history = read(name);
      if (basedOn >= 0 && history.size() != basedOn) {
        return Optional.empty();
      }
      DatasetVersion next = new DatasetVersion(name, history.size() + 1, root, Instant.now());
      ByteArrayOutputStream log = new ByteArrayOutputStream();
      for (DatasetVersion v : history) {
        writeLine(log, v);
      }
      writeLine(log, next);
      AtomicFiles.write(logFile(name), log.toByteArray());
      AtomicFiles.fsyncDirectory(dir);
      return Optional.of(next);
    } catch (IOException e) {
      throw new QuarryException(
          ErrorCode.IO_ERROR, "Cannot append to dataset '" + name + "' in " + dir + ": " + e, e);
    }
  }

  private Path logFile(String name) {
    return dir.resolve(name + SUFFIX);
  }

  private List<DatasetVersion> read(String name) {
    Path file = logFile(name);
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return List.of();
    } catch (IOException e) {
      throw new QuarryException(
          ErrorCode.IO_ERROR, "Cannot read dataset log " + file + ": " + e, e);
    }
    List<DatasetVersion> history = new ArrayList<>(lines.size());
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isBlank()) {
        continue;
      }
      DatasetVersion v = parseLine(file, i + 1, name, line);
      if (v.version() != history.size() + 1) {
        throw new QuarryException(
            ErrorCode.CORRUPT_DATA,
            "Dataset log "
                + file
                + " line "
                + (i + 1)
                + ": version "
                + v.version()
                + " follows version "
                + history.size());
      }
      history.add(v);
    }
    return List.copyOf(history);
  }

  private static DatasetVersion parseLine(Path file, int lineNo, String name, String line) {
    try {
      JsonNode node = JSON.readTree(line);
      int version = node.get("version").intValue();
      Cid root = Cid.parse(node.get("root").textValue());
      Instant createdAt = Instant.parse(node.get("createdAt").textValue());
      return new DatasetVersion(name, version, root, createdAt);
    } catch (IOException | RuntimeException e) {
      throw new QuarryException(
          ErrorCode.CORRUPT_DATA,
          "Dataset log " + file + " line " + lineNo + " is not a valid entry: " + e.getMessage(),
          e);
    }
  }

  private static void writeLine(ByteArrayOutputStream out, DatasetVersion v) throws IOException {
    ObjectNode node = JSON.createObjectNode();
    node.put("version", v.version());
    node.put("root", v.root().toString());
    node.put("createdAt", v.createdAt().toString());
    out.write(JSON.writeValueAsBytes(node));
    out.write('\n');
  }

  private static String checkName(String name) {
    requireNonNull(name, "name is null");
    if (!NAME.matcher(name).matches()) {
      throw new QuarryException(
          ErrorCode.INVALID_ARGUMENT,
          "Invalid dataset name '"
              + name
              + "': use letters, digits and '_', not starting with a"
              + " digit");
    }
    return name;
  }
}
