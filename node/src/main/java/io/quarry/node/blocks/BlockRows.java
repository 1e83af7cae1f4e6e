package io.quarry.node.blocks;

import io.quarry.cid.Cid;
import io.quarry.cid.Multihash;
import io.quarry.error.ErrorCode;
import io.quarry.error.QuarryException;
import io.quarry.store.Block;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/** Blocks as Arrow rows (cid, data), and the check every received block passes. */
final class BlockRows {
  static final Schema SCHEMA =
      new Schema(
          List.of(
              new Field("cid", FieldType.notNullable(ArrowType.Binary.INSTANCE), null),
              new Field("data", FieldType.notNullable(ArrowType.Binary.INSTANCE), null)));

  private BlockRows() {}

  /** The block, if {@code data} hashes to {@code cid}; CORRUPT_DATA naming both otherwise. */
  static Block verified(Cid cid, byte[] data, String from) {
    Multihash hash = cid.multihash();
    if (hash.code() == Multihash.IDENTITY) {
      if (!Arrays.equals(hash.digest(), data)) {
        throw corrupt(cid, from);
      }
      return new Block(cid, data);
    }
    if (hash.code() != Multihash.SHA2_256) {
      throw new QuarryException(
          ErrorCode.UNSUPPORTED,
          "Block " + cid + " from " + from + " uses a hash Quarry cannot verify");
    }
    if (!Arrays.equals(Multihash.sha256(data).digest(), hash.digest())) {
      throw corrupt(cid, from);
    }
    return new Block(cid, data);
  }

  private static QuarryException corrupt(Cid cid, String from) {
    return new QuarryException(
        ErrorCode.CORRUPT_DATA, "Block " + cid + " from " + from + " does not match its hash");
  }
}
