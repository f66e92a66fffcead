package dev.hush.server;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.AsyncMap;
import io.vertx.core.spi.cluster.ClusterManager;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Membership in the cluster's shared data: an AsyncMap room → JSON array of members, changed only under the
 * room's cluster-wide lock so that two nodes cannot both admit the eighth peer. Members whose node has left
 * the cluster are pruned whenever their room is touched, so a dead node cannot hold seats forever.
 */
public final class ClusterRoomDirectory implements RoomDirectory {
  private static final String MAP = "hush.rooms";
  private static final long LOCK_TIMEOUT_MS = 5_000;
  private final Vertx vertx;
  private final ClusterManager clusterManager;

  public ClusterRoomDirectory(Vertx vertx, ClusterManager clusterManager) {
    this.vertx = vertx;
    this.clusterManager = clusterManager;
  }

  @Override
  public Future<List<Member>> join(String room, Member member, int capacity) {
    return underLock(room, map -> map.get(room).compose(stored -> {
      List<Member> existing = liveMembers(stored);
      if (existing.size() >= capacity) {
        return Future.failedFuture(new RoomFullException(room));
      }
      JsonArray updated = new JsonArray();
      existing.forEach(m -> updated.add(m.toJson()));
      updated.add(member.toJson());
      return map.put(room, updated).map(v -> existing);
    }));
  }

  @Override
  public Future<Void> leave(String room, String peerId) {
    return underLock(room, map -> map.get(room).compose(stored -> {
      if (stored == null) {
        return Future.<Void>succeededFuture();
      }
      JsonArray updated = new JsonArray();
      for (Member m : liveMembers(stored)) {
        if (!m.id().equals(peerId)) {
          updated.add(m.toJson());
        }
      }
      return updated.isEmpty() ? map.remove(room).<Void>mapEmpty() : map.put(room, updated);
    }));
  }

  @Override
  public int roomCount() {
    return -1;
  }

  private List<Member> liveMembers(JsonArray stored) {
    List<Member> members = new ArrayList<>();
    if (stored == null) {
      return members;
    }
    Set<String> nodes = new HashSet<>(clusterManager.getNodes());
    for (Object o : stored) {
      Member m = Member.fromJson((JsonObject) o);
      if (nodes.contains(m.node())) {
        members.add(m);
      }
    }
    return members;
  }

  private <T> Future<T> underLock(String room, Function<AsyncMap<String, JsonArray>, Future<T>> action) {
    return vertx.sharedData().getLockWithTimeout("hush.room." + room, LOCK_TIMEOUT_MS)
        .compose(lock -> vertx.sharedData().<String, JsonArray>getAsyncMap(MAP)
            .compose(action)
            .andThen(result -> lock.release()));
  }
}
