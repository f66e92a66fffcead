package dev.hush.server;

import io.vertx.core.json.JsonObject;

/** A peer in a room, as every node knows it: its id, display name, and the node its connection lives on. */
public record Member(String id, String name, String node) {
  public JsonObject toJson() {
    return new JsonObject().put("id", id).put("name", name).put("node", node);
  }

  /** What other peers see: no node ids. */
  public JsonObject publicJson() {
    return new JsonObject().put("id", id).put("name", name);
  }

  public static Member fromJson(JsonObject o) {
    return new Member(o.getString("id"), o.getString("name"), o.getString("node"));
  }
}
