package dev.hush.server;

import io.vertx.core.Future;

import java.util.List;

/**
 * Authoritative room membership: which peers are in which room, and on which node. On one machine it is
 * a map in memory; with {@code --cluster} it lives in the cluster's shared data so every node agrees on
 * capacity and on who is there.
 */
public interface RoomDirectory {
  /** Thrown (as a failed future) when the room already holds {@code capacity} peers. */
  final class RoomFullException extends RuntimeException {
    public RoomFullException(String room) {
      super("room " + room + " is full", null, false, false);
    }
  }

  /** Adds {@code member}; on success returns the members that were already there. */
  Future<List<Member>> join(String room, Member member, int capacity);

  /** Removes a peer; removing one that is not there is not an error. */
  Future<Void> leave(String room, String peerId);

  /** Number of rooms with at least one member (for /health), if cheaply known. */
  int roomCount();
}
