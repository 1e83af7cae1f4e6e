package io.quarry.cache.schedule;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarry.error.ErrorCode;
import io.quarry.error.QuarryException;
import io.quarry.store.AtomicFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
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
 * Schedules and their run histories, under {@code <home>/schedules/}: {@code NAME.json} (the
 * definition, written atomically), {@code NAME.history.jsonl} (one JSON line per run, appended and
 * fsynced; a torn last line from a crash is skipped) and {@code NAME.lock} (held while a run is in
 * progress, so a node and {@code quarry schedule run-due} never run the same schedule at once).
 */
public final class ScheduleStore {
  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path dir;

  public ScheduleStore(Path home) {
    this.dir = requireNonNull(home, "home is null").resolve("schedules");
  }

  /** Adds a schedule; INVALID_ARGUMENT if the name is taken or bad, or the cron expression is. */
  public Schedule add(Schedule schedule) {
    checkName(schedule.name());
    CronExpressions.parse(schedule.cron());
    if (Files.exists(definition(schedule.name()))) {
      throw new QuarryException(
          ErrorCode.INVALID_ARGUMENT,
          "schedule '" + schedule.name() + "' already exists; remove it first with quarry schedule rm "
              + schedule.name());
    }
    createDir();
    ObjectNode o = JSON.createObjectNode();
    o.put("name", schedule.name());
    o.put("cron", schedule.cron());
    o.put("sql", schedule.sql());
    schedule.into().ifPresent(into -> o.put("into", into));
    if (schedule.appendInto()) {
      o.put("appendInto", true);
    }
    o.put("createdAt", schedule.createdAt().toString());
    AtomicFiles.write(definition(schedule.name()), bytes(o));
    AtomicFiles.fsyncDirectory(dir);
    return schedule;
  }

  public Optional<Schedule> get(String name) {
    checkName(name);
    try {
      JsonNode o = JSON.readTree(Files.readAllBytes(definition(name)));
      return Optional.of(
          new Schedule(
              o.get("name").asText(),
              o.get("cron").asText(),
              o.get("sql").asText(),
              o.hasNonNull("into") ? Optional.of(o.get("into").asText()) : Optional.empty(),
              o.path("appendInto").asBoolean(false),
              Instant.parse(o.get("createdAt").asText())));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException | RuntimeException e) {
      throw new QuarryException(
          ErrorCode.CORRUPT_DATA, "schedule file " + definition(name) + " is unreadable: " + e, e);
    }
  }

  /** The schedule, or NOT_FOUND naming it. */
  public Schedule require(String name) {
    return get(name)
        .orElseThrow(() -> new QuarryException(ErrorCode.NOT_FOUND, "schedule '" + name + "' not found"));
  }

  /** Every schedule, by name. */
  public List<Schedule> list() {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    List<String> names = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      files
          .map(p -> p.getFileName().toString())
          .filter(f -> f.endsWith(".json") && !f.startsWith("."))
          .forEach(f -> names.add(f.substring(0, f.length() - ".json".length())));
    } catch (IOException e) {
      throw new QuarryException(ErrorCode.IO_ERROR, "Cannot list " + dir + ": " + e, e);
    }
    names.sort(null);
    List<Schedule> out = new ArrayList<>();
    for (String name : names) {
      get(name).ifPresent(out::add);
    }
    return out;
  }

  /** Removes a schedule and its history; NOT_FOUND if there is none of that name. */
  public void remove(String name) {
    require(name);
    try {
      Files.delete(definition(name));
      Files.deleteIfExists(historyFile(name));
      Files.deleteIfExists(lockFile(name));
    } catch (IOException e) {
      throw new QuarryException(ErrorCode.IO_ERROR, "Cannot remove schedule '" + name + "': " + e, e);
    }
    AtomicFiles.fsyncDirectory(dir);
  }

  /** Every recorded run of the schedule, oldest first. */
  public List<ScheduleRun> history(String name) {
    require(name);
    List<String> lines;
    try {
      lines = Files.readAllLines(historyFile(name), StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return List.of();
    } catch (IOException e) {
      throw new QuarryException(ErrorCode.IO_ERROR, "Cannot read " + historyFile(name) + ": " + e, e);
    }
    List<ScheduleRun> runs = new ArrayList<>();
    for (String line : lines) {
      if (line.isBlank()) {
        continue;
      }
      try {
        runs.add(run(JSON.readTree(line)));
      } catch (IOException | RuntimeException e) {
        // A line cut short by a crash while appending: that run left no usable record.
      }
    }
    return runs;
  }

  public Optional<ScheduleRun> lastRun(String name) {
    List<ScheduleRun> runs = history(name);
    return runs.isEmpty() ? Optional.empty() : Optional.of(runs.get(runs.size() - 1));
  }

  /** Appends a run to its schedule's history, durably. */
  public void record(ScheduleRun run) {
    createDir();
    ObjectNode o = JSON.createObjectNode();
    o.put("name", run.name());
    o.put("scheduledFor", run.scheduledFor().toString());
    o.put("startedAt", run.startedAt().toString());
    o.put("finishedAt", run.finishedAt().toString());
    o.put("ok", run.ok());
    o.put("rows", run.rows());
    run.resultCid().ifPresent(v -> o.put("resultCid", v));
    run.datasetVersion().ifPresent(v -> o.put("datasetVersion", v));
    run.datasetRoot().ifPresent(v -> o.put("datasetRoot", v));
    run.error().ifPresent(v -> o.put("error", v));
    byte[] line = (o.toString() + "\n").getBytes(StandardCharsets.UTF_8);
    try (FileChannel ch =
        FileChannel.open(
            historyFile(run.name()), StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
      ByteBuffer buf = ByteBuffer.wrap(line);
      while (buf.hasRemaining()) {
        ch.write(buf);
      }
      ch.force(true);
    } catch (IOException e) {
      throw new QuarryException(ErrorCode.IO_ERROR, "Cannot write " + historyFile(run.name()) + ": " + e, e);
    }
  }

  /**
   * The schedule's run lock if no one else (this process or another) holds it; close it to
   * release.
   */
  public Optional<AutoCloseable> tryLock(String name) {
    createDir();
    FileChannel ch = null;
    try {
      ch = FileChannel.open(lockFile(name), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock = ch.tryLock();
      if (lock == null) {
        ch.close();
        return Optional.empty();
      }
      FileChannel channel = ch;
      return Optional.of(
          () -> {
            lock.release();
            channel.close();
          });
    } catch (OverlappingFileLockException e) {
      closeQuietly(ch);
      return Optional.empty();
    } catch (IOException e) {
      closeQuietly(ch);
      throw new QuarryException(ErrorCode.IO_ERROR, "Cannot lock " + lockFile(name) + ": " + e, e);
    }
  }

  private static void closeQuietly(FileChannel ch) {
    if (ch != null) {
      try {
        ch.close();
      } catch (IOException e) {
        // Nothing was locked through it.
      }
    }
  }

  private static ScheduleRun run(JsonNode o) {
    return new ScheduleRun(
        o.get("name").asText(),
        Instant.parse(o.get("scheduledFor").asText()),
        Instant.parse(o.get("startedAt").asText()),
        Instant.parse(o.get("finishedAt").asText()),
        o.get("ok").asBoolean(),
        o.get("rows").asLong(),
        text(o, "resultCid"),
        o.hasNonNull("datasetVersion") ? Optional.of(o.get("datasetVersion").asInt()) : Optional.empty(),
        text(o, "datasetRoot"),
        text(o, "error"));
  }

  private static Optional<String> text(JsonNode o, String field) {
    return o.hasNonNull(field) ? Optional.of(o.get(field).asText()) : Optional.empty();
  }

  private static void checkName(String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new QuarryException(
          ErrorCode.INVALID_ARGUMENT,
          "bad schedule name '" + name + "' (letters, digits, '_' and '-', not starting with a digit)");
    }
  }

  private void createDir() {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new QuarryException(ErrorCode.IO_ERROR, "Cannot create " + dir + ": " + e, e);
    }
  }

  private static byte[] bytes(ObjectNode o) {
    return (o.toPrettyString() + "\n").getBytes(StandardCharsets.UTF_8);
  }

  private Path definition(String name) {
    return dir.resolve(name + ".json");
  }

  private Path historyFile(String name) {
    return dir.resolve(name + ".history.jsonl");
  }

  private Path lockFile(String name) {
    return dir.resolve(name + ".lock");
  }
}
