package io.quarry.cid;

/** Multicodec codes of the content types Quarry links to. */
public final class Multicodec {
  public static final long RAW = 0x55;
  public static final long DAG_PB = 0x70;
  public static final long DAG_CBOR = 0x71;
  public static final long DAG_JSON = 0x0129;

  private Multicodec() {}

  /** The codec's multicodec table name, for messages. */
  public static String name(long codec) {
    if (codec == RAW) {
      return "raw";
    }
    if (codec == DAG_PB) {
      return "dag-pb";
    }
    if (codec == DAG_CBOR) {
      return "dag-cbor";
    }
    if (codec == DAG_JSON) {
      return "dag-json";
    }
    return "codec 0x" + Long.toHexString(codec);
  }
}
