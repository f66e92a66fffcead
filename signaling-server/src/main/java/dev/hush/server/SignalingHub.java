package dev.hush.server;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The signaling logic of one node: admits peers to rooms, relays offers/answers/candidates to one named
 * peer of the same room, and tells rooms who joined and left. Peers on this node are written to directly;
 * peers on other cluster nodes are reached through that node's event-bus address
 * ({@code hush.node.<nodeId>}), which carries relays and joined/left events.
 * Shared by every HTTP verticle instance of the node, so all its state is thread-safe.
 */
public final class SignalingHub {
  private static final String NODE_ADDRESS_PREFIX = "hush.node.";

  private final Vertx vertx;
  private final ServerConfig config;
  private final RoomDirectory directory;
  private final String nodeId;
  private final ServerMetrics metrics;
  private final JoinTokens tokens;
  private final TurnCredentials turn;
  private final Set<PeerSession> connections = ConcurrentHashMap.newKeySet();
  private final Map<String, PeerSession> localPeers = new ConcurrentHashMap<>();
  private final Map<String, RoomView> views = new ConcurrentHashMap<>();
  private volatile boolean shuttingDown;
  private long idleTimer = -1;
  private MessageConsumer<JsonObject> nodeConsumer;

  SignalingHub(Vertx vertx, ServerConfig config, RoomDirectory directory, String nodeId, ServerMetrics metrics,
      JoinTokens tokens, TurnCredentials turn) {
    this.vertx = vertx;
    this.config = config;
    this.directory = directory;
    this.nodeId = nodeId;
    this.metrics = metrics;
    this.tokens = tokens;
    this.turn = turn;
    metrics.gauge("hush.connections", "open signaling WebSockets on this node", connections::size);
    metrics.gauge("hush.peers", "peers joined to a room on this node", localPeers::size);
    metrics.gauge("hush.rooms", "rooms with a peer on this node", views::size);
  }

  Future<Void> start(boolean clustered) {
    long period = Math.max(200, Math.min(5_000, config.idleTimeoutMillis() / 4));
    idleTimer = vertx.setPeriodic(period, id -> closeIdle());
    if (!clustered) {
      return Future.succeededFuture();
    }
    nodeConsumer = vertx.eventBus().consumer(NODE_ADDRESS_PREFIX + nodeId, this::onNodeMessage);
    return nodeConsumer.completion();
  }

  ServerMetrics metrics() {
    return metrics;
  }

  String nodeId() {
    return nodeId;
  }

  boolean shuttingDown() {
    return shuttingDown;
  }

  int connectionCount() {
    return connections.size();
  }

  int peerCount() {
    return localPeers.size();
  }

  int roomCount() {
    return views.size();
  }

  // ---- connections ----

  void accept(ServerWebSocket ws) {
    PeerSession session = new PeerSession(ws, this, config);
    connections.add(session);
    session.start();
    if (shuttingDown) {
      session.send(Protocol.shutdown("server shutting down"));
      session.close(PeerSession.CLOSE_GOING_AWAY, "server shutting down");
    }
  }

  void closed(PeerSession session) {
    connections.remove(session);
    if (session.state == PeerSession.State.JOINED) {
      depart(session, "disconnected");
    }
    session.state = PeerSession.State.CLOSED;
  }

  private void closeIdle() {
    long now = System.currentTimeMillis();
    for (PeerSession s : connections) {
      if (now - s.lastActivityMillis > config.idleTimeoutMillis()) {
        metrics.error(Protocol.IDLE_TIMEOUT);
        s.send(Protocol.error(Protocol.IDLE_TIMEOUT, "no message for " + config.idleTimeoutMillis()
            + " ms; send {\"v\":1,\"type\":\"ping\"} to keep the connection", null));
        s.close(PeerSession.CLOSE_IDLE, "idle timeout");
      }
    }
  }

  // ---- join / leave ----

  void join(PeerSession session, JsonObject msg) throws ProtocolException {
    if (session.state != PeerSession.State.IDLE) {
      throw new ProtocolException(Protocol.ALREADY_JOINED, "this connection is already in room " + session.room
          + "; leave first");
    }
    if (shuttingDown) {
      throw new ProtocolException(Protocol.SERVER_BUSY, "server shutting down");
    }
    String room = msg.getString("room");
    Object ref = msg.getValue("id");
    checkToken(room, msg.getString("token"));
    Member member = new Member(Protocol.newPeerId(), msg.getString("name"), nodeId);
    session.state = PeerSession.State.JOINING;
    RoomView view = claimView(room);
    directory.join(room, member, config.roomCapacity()).onComplete(ar -> {
      if (ar.failed()) {
        releaseView(view);
        if (session.state == PeerSession.State.JOINING) {
          session.state = PeerSession.State.IDLE;
        }
        if (ar.cause() instanceof RoomDirectory.RoomFullException) {
          session.fail(new ProtocolException(Protocol.ROOM_FULL, "room " + room + " is full ("
              + config.roomCapacity() + " peers)", ref));
        } else {
          Log.error("join.failed", ar.cause(), "room", room);
          session.fail(new ProtocolException(Protocol.SERVER_BUSY, "could not join, try again", ref));
        }
        return;
      }
      if (session.state != PeerSession.State.JOINING) {
        // The connection closed while the directory was deciding: give the seat back, and if another join
        // result already made it visible here, tell who saw it.
        directory.leave(room, member.id());
        synchronized (view) {
          if (view.remove(member.id()) != null) {
            broadcast(view, member.id(), Protocol.peerLeft(member.id(), "disconnected"), new JsonObject()
                .put("kind", "left").put("room", room).put("peerId", member.id()).put("reason", "disconnected"));
          }
        }
        releaseView(view);
        return;
      }
      // Under the view's lock, with every other change to this room's view on this node. The newcomer's list
      // is the view (minus departures, plus peers whose join completed first here); the announcement goes
      // to the peers that were in the directory before it, and reaches only those already registered here.
      // Either a peer is in the newcomer's list or it receives peer-joined, never both, never neither.
      synchronized (view) {
        List<Member> present = view.merge(ar.result());
        view.add(member);
        session.room = room;
        session.peerId = member.id();
        session.state = PeerSession.State.JOINED;
        localPeers.put(member.id(), session);
        JsonArray peers = new JsonArray();
        for (Member m : view.snapshot()) {
          if (!m.id().equals(member.id())) {
            peers.add(m.publicJson());
          }
        }
        session.send(Protocol.joined(ref, room, member.id(), peers, iceServersFor(member.id()),
            config.roomCapacity()));
        Log.info("peer.joined", "room", room, "peer", member.id(), "peers", peers.size() + 1,
            "remote", session.remote);
        announceJoin(room, member, present);
      }
    });
  }

  private void checkToken(String room, String token) throws ProtocolException {
    if (!config.requireTokens()) {
      return;
    }
    if (token == null) {
      throw new ProtocolException(Protocol.TOKEN_REQUIRED, "this server admits to rooms only with a join token");
    }
    switch (tokens.verify(token, room, System.currentTimeMillis() / 1000)) {
      case VALID -> { }
      case EXPIRED -> throw new ProtocolException(Protocol.TOKEN_EXPIRED, "the join token has expired");
      default -> throw new ProtocolException(Protocol.TOKEN_INVALID, "the join token is not valid for this room");
    }
  }

  private JsonArray iceServersFor(String peerId) {
    JsonArray servers = config.iceServers().copy();
    if (turn != null) {
      servers.add(turn.iceServerFor(peerId, System.currentTimeMillis() / 1000));
    }
    return servers;
  }

  void leave(PeerSession session, Object ref) throws ProtocolException {
    if (session.state != PeerSession.State.JOINED) {
      throw new ProtocolException(Protocol.NOT_IN_ROOM, "not in a room");
    }
    depart(session, "left");
    session.state = PeerSession.State.IDLE;
    session.send(Protocol.left(ref));
  }

  /** Removes a joined peer everywhere; the future completes when the directory has given its seat back. */
  private Future<Void> depart(PeerSession session, String reason) {
    String room = session.room;
    String peerId = session.peerId;
    if (room == null || peerId == null) {
      // Already departed: a shutdown sweeping all sessions can meet one its own event loop just took out of its room.
      return Future.succeededFuture();
    }
    localPeers.remove(peerId);
    session.room = null;
    session.peerId = null;
    RoomView view = views.get(room);
    Future<Void> seatFreed = directory.leave(room, peerId)
        .onFailure(e -> Log.error("leave.failed", e, "room", room, "peer", peerId));
    Log.info("peer.left", "room", room, "peer", peerId, "reason", reason);
    if (view != null) {
      synchronized (view) {
        view.remove(peerId);
        broadcast(view, peerId, Protocol.peerLeft(peerId, reason),
            new JsonObject().put("kind", "left").put("room", room).put("peerId", peerId).put("reason", reason));
      }
      releaseView(view);
    }
    return seatFreed;
  }

  private RoomView claimView(String room) {
    return views.compute(room, (name, v) -> {
      RoomView view = v != null ? v : new RoomView(name);
      view.localClaims++;
      return view;
    });
  }

  private void releaseView(RoomView view) {
    views.computeIfPresent(view.room, (name, v) -> {
      if (v == view) {
        v.localClaims--;
        return v.localClaims <= 0 ? null : v;
      }
      return v;
    });
  }

  // ---- relay ----

  void relay(PeerSession session, JsonObject msg) throws ProtocolException {
    if (session.state != PeerSession.State.JOINED) {
      throw new ProtocolException(Protocol.NOT_IN_ROOM, "join a room before sending " + msg.getString("type"));
    }
    String to = msg.getString("to");
    RoomView view = views.get(session.room);
    Member target = view == null || to.equals(session.peerId) ? null : view.get(to);
    if (target == null) {
      throw new ProtocolException(Protocol.UNKNOWN_PEER, "no peer " + to + " in room " + session.room);
    }
    String text = Protocol.relayed(msg, session.peerId).encode();
    if (target.node().equals(nodeId)) {
      if (deliverLocal(session.room, to, text)) {
        metrics.relayed();
      }
    } else {
      metrics.crossNode();
      vertx.eventBus().send(NODE_ADDRESS_PREFIX + target.node(),
          new JsonObject().put("kind", "relay").put("room", session.room).put("to", to).put("text", text));
    }
  }

  private boolean deliverLocal(String room, String peerId, String text) {
    PeerSession target = localPeers.get(peerId);
    if (target != null && room.equals(target.room)) {
      target.sendText(text);
      return true;
    }
    return false;
  }

  private void announceJoin(String room, Member member, List<Member> recipients) {
    String text = Protocol.peerJoined(member.publicJson()).encode();
    Map<String, JsonArray> remote = new java.util.LinkedHashMap<>();
    for (Member m : recipients) {
      if (m.node().equals(nodeId)) {
        deliverLocal(room, m.id(), text);
      } else {
        remote.computeIfAbsent(m.node(), n -> new JsonArray()).add(m.id());
      }
    }
    remote.forEach((node, ids) -> {
      metrics.crossNode();
      vertx.eventBus().send(NODE_ADDRESS_PREFIX + node, new JsonObject().put("kind", "joined").put("room", room)
          .put("member", member.toJson()).put("to", ids));
    });
  }

  /** Sends an event to every member but {@code except}: directly here, once per other node there. */
  private void broadcast(RoomView view, String except, JsonObject event, JsonObject envelope) {
    String text = event.encode();
    Set<String> otherNodes = new LinkedHashSet<>();
    for (Member m : view.snapshot()) {
      if (m.id().equals(except)) {
        continue;
      }
      if (m.node().equals(nodeId)) {
        deliverLocal(view.room, m.id(), text);
      } else {
        otherNodes.add(m.node());
      }
    }
    for (String node : otherNodes) {
      metrics.crossNode();
      vertx.eventBus().send(NODE_ADDRESS_PREFIX + node, envelope);
    }
  }

  /** Relays and room events from other nodes. */
  private void onNodeMessage(Message<JsonObject> message) {
    JsonObject m = message.body();
    String room = m.getString("room");
    RoomView view = views.get(room);
    if (view == null) {
      return;
    }
    switch (m.getString("kind", "")) {
      case "relay" -> {
        if (deliverLocal(room, m.getString("to"), m.getString("text"))) {
          metrics.relayed();
        }
      }
      case "joined" -> {
        Member member = Member.fromJson(m.getJsonObject("member"));
        String text = Protocol.peerJoined(member.publicJson()).encode();
        synchronized (view) {
          view.add(member);
          for (Object to : m.getJsonArray("to", new JsonArray())) {
            deliverLocal(room, String.valueOf(to), text);
          }
        }
      }
      case "left" -> {
        String peerId = m.getString("peerId");
        if (view.remove(peerId) != null) {
          deliverToLocals(view, Protocol.peerLeft(peerId, m.getString("reason")).encode());
        }
      }
      default -> Log.warn("node.unknown-message", "kind", m.getString("kind"));
    }
  }

  private void deliverToLocals(RoomView view, String text) {
    for (Member m : view.snapshot()) {
      if (m.node().equals(nodeId)) {
        deliverLocal(view.room, m.id(), text);
      }
    }
  }

  /** A cluster node vanished: its peers are gone for everyone here, and their seats are given back. */
  void nodeLost(String deadNode) {
    int count = 0;
    for (RoomView view : views.values()) {
      List<Member> gone = view.removeNode(deadNode);
      for (Member m : gone) {
        count++;
        deliverToLocals(view, Protocol.peerLeft(m.id(), "node-lost").encode());
        directory.leave(view.room, m.id());
      }
    }
    Log.warn("node.lost", "node", deadNode, "peersRemoved", count);
  }

  // ---- shutdown ----

  /** Tells every peer the server is going away, gives their seats back, then closes their connections. */
  Future<Void> shutdown(String reason) {
    shuttingDown = true;
    if (idleTimer >= 0) {
      vertx.cancelTimer(idleTimer);
    }
    List<Future<?>> closing = new ArrayList<>();
    for (PeerSession s : new ArrayList<>(connections)) {
      s.send(Protocol.shutdown(reason));
      if (s.state == PeerSession.State.JOINED) {
        closing.add(depart(s, "server-shutdown"));
        s.state = PeerSession.State.IDLE;
      }
      s.close(PeerSession.CLOSE_GOING_AWAY, "server shutting down");
    }
    Log.info("hub.shutdown", "reason", reason, "connections", connections.size());
    if (nodeConsumer != null) {
      closing.add(nodeConsumer.unregister());
    }
    Promise<Void> done = Promise.promise();
    Future.join(closing).onComplete(ar -> done.tryComplete());
    // Never hold a shutdown hostage to a slow cluster: the grace period bounds it.
    vertx.setTimer(Math.max(1, config.shutdownGraceMillis()), t -> done.tryComplete());
    return done.future();
  }
}
