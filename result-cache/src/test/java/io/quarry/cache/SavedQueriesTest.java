package io.quarry.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarry.cid.Cid;
import io.quarry.cid.Multicodec;
import io.quarry.error.ErrorCode;
import io.quarry.error.QuarryException;
import io.quarry.store.Block;
import io.quarry.store.Store;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SavedQueriesTest {
  @TempDir Path home;

  @Test
  void sameSqlSameCidAndItLoadsBack() {
    try (Store store = Store.open(home)) {
      String sql = "SELECT k, sum(v) AS \"total €\" FROM t\nGROUP BY k";
      Cid cid = SavedQueries.save(sql, store.blocks());
      assertEquals(cid, SavedQueries.save(sql, store.blocks()));
      assertEquals(Multicodec.DAG_JSON, cid.codec());
      assertTrue(cid.toString().startsWith("bagu"), cid.toString());
      assertEquals(sql, SavedQueries.load(cid, store.blocks()));
      assertNotEquals(cid, SavedQueries.block(sql + " ").cid());
      assertEquals(
          "{\"sql\":\"SELECT 1\",\"type\":\"quarry/query\"}",
          new String(SavedQueries.block("SELECT 1").data(), StandardCharsets.UTF_8));
    }
  }

  @Test
  void otherObjectsAreNotQueries() {
    try (Store store = Store.open(home)) {
      Block raw = Block.of(Multicodec.RAW, "SELECT 1".getBytes(StandardCharsets.UTF_8));
      store.blocks().put(raw);
      QuarryException e =
          assertThrows(QuarryException.class, () -> SavedQueries.load(raw.cid(), store.blocks()));
      assertEquals(ErrorCode.INVALID_ARGUMENT, e.code());
      assertTrue(e.getMessage().contains(raw.cid().toString()), e.getMessage());
      Block other = Block.of(Multicodec.DAG_JSON, "{\"a\":1}".getBytes(StandardCharsets.UTF_8));
      store.blocks().put(other);
      assertThrows(QuarryException.class, () -> SavedQueries.load(other.cid(), store.blocks()));
      Cid absent = SavedQueries.block("SELECT 2").cid();
      assertEquals(
          ErrorCode.NOT_FOUND,
          assertThrows(QuarryException.class, () -> SavedQueries.load(absent, store.blocks())).code());
    }
  }
}
