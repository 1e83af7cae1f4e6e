package io.quarry.node.engine;

import static java.util.Objects.requireNonNull;

import io.quarry.catalog.Datasets;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Every dataset's name and latest root, re-read from a dataset's log only when the log file
 * changed. A log is replaced by a rename on every append and only grows, so its file key, size and
 * modification time together tell whether it changed; checking them costs a directory listing and
 * a stat per dataset instead of reading and parsing every log on every query.
 */
final class DatasetRoots {
  private static final String SUFFIX = ".jsonl";
  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private final Datasets datasets;
  private final Map<String, Known> known = new ConcurrentHashMap<>();

  /** A log's identity when it was read, and the latest root it held (null: no version yet). */
  private record Known(Object fileKey, long size, long modified, String root) {}

  DatasetRoots(Datasets datasets) {
    this.datasets = requireNonNull(datasets, "datasets is null");
  }

  /** Name → latest root CID of every dataset that has a version. */
  Map<String, String> current() {
    Map<String, String> roots = new HashMap<>();
    boolean listed = false;
    try (DirectoryStream<Path> logs =
        Files.newDirectoryStream(datasets.directory(), "*" + SUFFIX)) {
      for (Path log : logs) {
        String file = log.getFileName().toString();
        String name = file.substring(0, file.length() - SUFFIX.length());
        if (!NAME.matcher(name).matches()) {
          // Not a dataset's log (the catalog lists only valid names).
          continue;
        }
        String root = rootOf(name, log);
        if (root != null) {
          roots.put(name, root);
        }
      }
      listed = true;
    } catch (IOException | RuntimeException e) {
      // Fall back to the catalog's own reading below, which reports what is wrong.
    }
    if (!listed) {
      roots.clear();
      for (String name : datasets.names()) {
        datasets.latest(name).ifPresent(v -> roots.put(name, v.root().toString()));
      }
    }
    return roots;
  }

  private String rootOf(String name, Path log) throws IOException {
    BasicFileAttributes attributes;
    try {
      attributes = Files.readAttributes(log, BasicFileAttributes.class);
    } catch (NoSuchFileException e) {
      known.remove(name);
      return null;
    }
    Known k = known.get(name);
    long modified = attributes.lastModifiedTime().toMillis();
    if (k != null
        && k.size() == attributes.size()
        && k.modified() == modified
        && Objects.equals(k.fileKey(), attributes.fileKey())) {
      return k.root();
    }
    String root = datasets.latest(name).map(v -> v.root().toString()).orElse(null);
    known.put(name, new Known(attributes.fileKey(), attributes.size(), modified, root));
    return root;
  }
}
