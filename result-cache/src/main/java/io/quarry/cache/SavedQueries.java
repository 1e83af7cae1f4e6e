package io.quarry.cache;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarry.cid.Cid;
import io.quarry.cid.Multicodec;
import io.quarry.error.ErrorCode;
import io.quarry.error.QuarryException;
import io.quarry.store.Block;
import io.quarry.store.BlockSink;
import io.quarry.store.BlockSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Queries as content-addressed objects: a dag-json block {@code {"sql":"…","type":"quarry/query"}}
 * (keys in dag-json's order, no whitespace), so the same SQL text always has the same query CID
 * ({@code bagu…}), and the block can travel in a CAR like any other.
 */
public final class SavedQueries {
  public static final String TYPE = "quarry/query";

  private static final ObjectMapper JSON = new ObjectMapper();

  private SavedQueries() {}

  /** The query CID of {@code sql}, after storing its block in {@code sink}. */
  public static Cid save(String sql, BlockSink sink) {
    Block block = block(sql);
    sink.put(block);
    return block.cid();
  }

  /** The block of {@code sql} (not stored). */
  public static Block block(String sql) {
    requireNonNull(sql, "sql is null");
    ObjectNode o = JSON.createObjectNode();
    o.put("sql", sql);
    o.put("type", TYPE);
    return Block.of(Multicodec.DAG_JSON, o.toString().getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The SQL of the saved query {@code cid}; NOT_FOUND if the store lacks it, INVALID_ARGUMENT if
   * the CID names something other than a saved query.
   */
  public static String load(Cid cid, BlockSource source) {
    requireNonNull(cid, "cid is null");
    if (cid.codec() != Multicodec.DAG_JSON) {
      throw notAQuery(cid, "its codec is not dag-json");
    }
    byte[] bytes = source.get(cid);
    JsonNode o;
    try {
      o = JSON.readTree(bytes);
    } catch (IOException e) {
      throw notAQuery(cid, "it is not JSON");
    }
    if (o == null || !TYPE.equals(o.path("type").asText()) || !o.path("sql").isTextual()) {
      throw notAQuery(cid, "it has no \"type\":\"" + TYPE + "\" and \"sql\"");
    }
    return o.get("sql").asText();
  }

  private static QuarryException notAQuery(Cid cid, String why) {
    return new QuarryException(ErrorCode.INVALID_ARGUMENT, cid + " is not a saved query: " + why);
  }
}
