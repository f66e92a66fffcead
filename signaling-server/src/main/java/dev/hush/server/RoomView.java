package dev.hush.server;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * What one node knows of a room in which it has local peers: every member (local or on other nodes), kept
 * current by join results and by joined/left events. Relays are checked against it ("target in the same
 * room"). Recently departed ids are remembered so that a join result read before a departure cannot bring
 * the departed peer back.
 */
final class RoomView {
  private static final int DEPARTED_MEMORY = 256;
  final String room;
  private final Map<String, Member> members = new LinkedHashMap<>();
  private final LinkedHashSet<String> departed = new LinkedHashSet<>();
  /** Local peers joined or joining; the view is dropped when this returns to zero. */
  int localClaims;

  RoomView(String room) {
    this.room = room;
  }

  synchronized void add(Member m) {
    departed.remove(m.id());
    members.put(m.id(), m);
  }

  /**
   * Takes in a join result: the members the directory had before the newcomer, minus those this node has
   * meanwhile seen leave. Returns that filtered list, which is what the newcomer is told.
   */
  synchronized List<Member> merge(Collection<Member> existing) {
    List<Member> present = new ArrayList<>();
    for (Member m : existing) {
      if (!departed.contains(m.id())) {
        members.putIfAbsent(m.id(), m);
        present.add(m);
      }
    }
    return present;
  }

  synchronized Member remove(String peerId) {
    departed.add(peerId);
    if (departed.size() > DEPARTED_MEMORY) {
      Iterator<String> oldest = departed.iterator();
      oldest.next();
      oldest.remove();
    }
    return members.remove(peerId);
  }

  synchronized Member get(String peerId) {
    return members.get(peerId);
  }

  synchronized List<Member> snapshot() {
    return new ArrayList<>(members.values());
  }

  synchronized List<Member> removeNode(String node) {
    List<Member> gone = new ArrayList<>();
    for (Member m : new ArrayList<>(members.values())) {
      if (m.node().equals(node)) {
        remove(m.id());
        gone.add(m);
      }
    }
    return gone;
  }
}
