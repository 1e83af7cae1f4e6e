package io.quarry.unixfs;

import static java.util.Objects.requireNonNull;

import io.quarry.error.ErrorCode;
import io.quarry.error.QuarryException;
import java.util.Locale;

/** How files and directories are turned into UnixFS DAGs; decides their CIDs. */
public enum ImportProfile {
  /**
   * CIDv1, sha2-256, raw leaves, 1 MiB chunks, balanced layout with 1024 links per node: the same
   * root CIDs as {@code ipfs-car pack --no-wrap} (npm ipfs-car 3.x).
   */
  UNIXFS_V1_2025("unixfs-v1-2025", new FileLayout(1, true, 1 << 20, 1024)),
  /**
   * The defaults of {@code ipfs add} in Kubo: CIDv0, 256 KiB chunks, dag-pb leaves (UnixFS File
   * nodes with inline data), balanced layout with 174 links per node.
   */
  KUBO_V0("kubo-v0", new FileLayout(0, false, 256 << 10, 174));

  private final String id;
  private final FileLayout fileLayout;

  ImportProfile(String id, FileLayout fileLayout) {
    this.id = id;
    this.fileLayout = fileLayout;
  }

  /** The name users type, e.g. {@code unixfs-v1-2025}. */
  public String id() {
    return id;
  }

  public FileLayout fileLayout() {
    return fileLayout;
  }

  public int cidVersion() {
    return fileLayout.cidVersion();
  }

  /**
   * The profile with this id (case-insensitive).
   *
   * @throws QuarryException INVALID_ARGUMENT naming the text and the valid ids
   */
  public static ImportProfile parse(String text) {
    requireNonNull(text, "text is null");
    String wanted = text.trim().toLowerCase(Locale.ROOT);
    for (ImportProfile p : values()) {
      if (p.id.equals(wanted)) {
        return p;
      }
    }
    throw new QuarryException(
        ErrorCode.INVALID_ARGUMENT,
        "Unknown import profile '" + text + "' (expected unixfs-v1-2025 or kubo-v0)");
  }

  @Override
  public String toString() {
    return id;
  }
}
