package dev.hush.server;

import io.vertx.core.Future;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Membership for a single node. Connections on several event loops share it, hence per-room locking. */
public final class LocalRoomDirectory implements RoomDirectory {
  private final Map<String, Map<String, Member>> rooms = new ConcurrentHashMap<>();

  @Override
  public Future<List<Member>> join(String room, Member member, int capacity) {
    List<Member> existing = new ArrayList<>();
    boolean[] full = {false};
    rooms.compute(room, (name, members) -> {
      Map<String, Member> m = members != null ? members : new LinkedHashMap<>();
      if (m.size() >= capacity) {
        full[0] = true;
      } else {
        existing.addAll(m.values());
        m.put(member.id(), member);
      }
      return m.isEmpty() ? null : m;
    });
    return full[0] ? Future.failedFuture(new RoomFullException(room)) : Future.succeededFuture(existing);
  }

  @Override
  public Future<Void> leave(String room, String peerId) {
    rooms.computeIfPresent(room, (name, members) -> {
      members.remove(peerId);
      return members.isEmpty() ? null : members;
    });
    return Future.succeededFuture();
  }

  @Override
  public int roomCount() {
    return rooms.size();
  }
}
