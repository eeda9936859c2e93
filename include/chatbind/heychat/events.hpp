// chatbind — Heychat server-push events, without I/O: one websocket frame in, a typed Event out.
//
// The payload structs (ChannelMessageEvent, BotCommandEvent, ...), their list `all_events` and the
// websocket's facts (`Websocket`: URL, heartbeat texts and interval) are generated from
// spec/heychat.yaml (x-chatbind-event, x-chatbind-websocket) into generated/events.hpp. This header
// adds what a connection does with frames:
//
//   heychat::Dispatcher d;
//   d.on<heychat::ChannelMessageEvent>([](const heychat::ChannelMessageEvent& m) { ... })
//    .otherwise([](const heychat::Event& e) { ... });             // unknown or unhandled types
//   heychat::EventSession session{std::move(d)};
//   session.connected();                                          // after every (re)connect
//   auto dispatched = session.feed(frame_text);                   // Result<bool>
//
// The websocket itself: heychat::EventClient (chatbind/heychat/event_client.hpp, on the
// platform-neutral Boost.Beast client of chatbind/transport/beast_websocket.hpp).
#pragma once

#include "chatbind/core/error.hpp"
#include "chatbind/core/events.hpp"
#include "chatbind/core/http.hpp"
#include "chatbind/core/json.hpp"
#include "chatbind/core/limits.hpp"
#include "chatbind/core/types.hpp"
#include "chatbind/heychat/generated/events.hpp"
#include "chatbind/heychat/platform.hpp"

#include <boost/mp11/algorithm.hpp>
#include <boost/mp11/list.hpp>

#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

namespace chatbind::heychat {

// --- the websocket (Websocket: x-chatbind-websocket in spec/heychat.yaml) ---------------------------

/// The upgrade request of the event websocket: the common query parameters, and the token where the
/// spec says (both the `token` header and the `token` query parameter: the official demo sends the
/// query, heychat.py the header). The token is a credential: printing the request redacts it.
[[nodiscard]] inline HttpRequest websocket_request(const Credentials& credentials,
                                                   std::string base_url = std::string{Websocket::default_base_url}) {
  static_assert(Websocket::common_query && Websocket::token_in_header,
                "Platform::authorize attaches the token header and the common query");
  HttpRequest request;
  request.method = Method::get;
  request.base_url = std::move(base_url);
  request.path = std::string{Websocket::path};
  (void)Platform::authorize(request, credentials);  // the token header and the common query; cannot fail
  if constexpr (Websocket::token_in_query) request.query.emplace_back("token", credentials.token);
  return request;
}

// --- events ----------------------------------------------------------------------------------------

/// An event of a type chatbind does not model: its payload, verbatim.
struct UnknownEvent {
  RawJson data{};
  friend bool operator==(const UnknownEvent&, const UnknownEvent&) = default;
};

/// A heartbeat frame (the server's `PONG`, or a `PING`): liveness, not an event.
struct Heartbeat {
  std::string text{};
  friend bool operator==(const Heartbeat&, const Heartbeat&) = default;
};

/// The event types chatbind decodes into structs (generated: every x-chatbind-event of the spec);
/// each names its envelope type as `event_type`.
using TypedEvents = all_events;

using EventPayload = boost::mp11::mp_append<boost::mp11::mp_rename<TypedEvents, std::variant>,
                                            std::variant<UnknownEvent, Heartbeat>>;

/// One decoded frame: the envelope's fields and the typed payload.
struct Event {
  std::int64_t sequence = 0;  ///< restarts on every connection
  Id type{};                  ///< "5", "50", "5003", "3001", "card_message_btn_click", ...; empty for a heartbeat
  std::string notify_type{};
  std::int64_t timestamp = 0;  ///< Unix milliseconds
  EventPayload payload{UnknownEvent{}};

  /// The payload as T, or nullptr when it holds another type.
  template <class T>
  [[nodiscard]] const T* get() const noexcept {
    return std::get_if<T>(&payload);
  }
  [[nodiscard]] bool is_heartbeat() const noexcept { return std::holds_alternative<Heartbeat>(payload); }

  friend bool operator==(const Event&, const Event&) = default;
};

static_assert(events::distinct_event_types(TypedEvents{}), "two event structs claim the same x-chatbind-event");

/// True for a heartbeat frame: PING, or any frame that starts with PONG (the official demos read
/// "PONG…" so, in either case), surrounding whitespace ignored.
[[nodiscard]] inline bool is_heartbeat_frame(std::string_view frame) noexcept {
  return is_pong_frame(frame, Websocket::heartbeat_receive) || iequals(trim(frame), Websocket::heartbeat_send);
}

/// Decodes one text frame. A heartbeat is an Event holding Heartbeat; a type chatbind does not model
/// is an UnknownEvent holding the raw payload. Malformed JSON is a `syntax` error; a frame that does
/// not match the envelope or its type's payload is a `schema` error naming the path (e.g.
/// "data.command_info.options[0].type"). Never throws.
[[nodiscard]] inline Result<Event> decode_event(std::string_view frame, const DecodeLimits& limits = {}) {
  if (is_heartbeat_frame(frame)) {
    Event event;
    event.payload = Heartbeat{std::string{trim(frame)}};
    return event;
  }
  Event event;
  auto envelope = events::decode_envelope<EventEnvelope>(frame, "data", limits, [&](json::Decoder& d, EventEnvelope& e) {
    return events::read_payload_of_type<EventPayload, UnknownEvent, TypedEvents>(d, e.type.str(), event.payload);
  });
  if (!envelope) return envelope.error();
  event.sequence = envelope->sequence;
  event.type = std::move(envelope->type);
  event.notify_type = std::move(envelope->notify_type);
  event.timestamp = envelope->timestamp;
  return event;
}

/// The frame an Event came from: the envelope as JSON text (members in declaration order), or the
/// heartbeat's text. decode_event(encode_event(e)) == e.
[[nodiscard]] inline std::string encode_event(const Event& event) {
  if (const auto* heartbeat = event.get<Heartbeat>()) return heartbeat->text;
  const EventEnvelope envelope{.sequence = event.sequence, .type = event.type, .notify_type = event.notify_type,
                               .data = {}, .timestamp = event.timestamp};
  std::string out;
  json::TextWriter w{out};
  w.begin_object();
  reflect::for_each_member<EventEnvelope>([&](auto member) {
    w.key(reflect::wire_name(member.name));
    if (reflect::wire_name(member.name) != "data") return json::write(envelope.*member.pointer, w);
    std::visit(
        [&](const auto& payload) {
          using T = std::remove_cvref_t<decltype(payload)>;
          if constexpr (std::is_same_v<T, UnknownEvent>)
            json::write(payload.data, w);
          else if constexpr (!std::is_same_v<T, Heartbeat>)
            json::write(payload, w);
        },
        event.payload);
  });
  w.end_object();
  return out;
}

// --- dispatching -------------------------------------------------------------------------------------

/// Routes each event to the handlers registered for its payload type: `on<T>(handler)`, with
/// `otherwise(handler)` for unknown types and known ones nobody listens to; heartbeats only ever go
/// to handlers registered for Heartbeat (see chatbind::events::Dispatcher).
using Dispatcher = events::Dispatcher<Event>;

// --- de-duplication ----------------------------------------------------------------------------------

/// Drops events delivered twice, with bounded memory (the last `capacity` sequences and message ids).
/// Two kinds of repeat: the same `sequence` within one connection (a redelivery), and the same
/// message as both a type "5" channel message and a type "50" bot command (the first one wins; the
/// twin shares its msg_id). Sequences restart on a new connection: call reset() after every
/// reconnect — it forgets sequences, not message ids, so a message redelivered after the reconnect
/// is still recognised.
class Deduplicator {
 public:
  explicit Deduplicator(std::size_t capacity = 1024) : sequences_(capacity), messages_(capacity) {}

  /// True the first time an event is seen (and for every heartbeat); false for a repeat.
  bool first_time(const Event& event) {
    if (event.is_heartbeat()) return true;
    if (!sequences_.remember(event.sequence)) return false;
    if (const auto* m = event.get<ChannelMessageEvent>()) return messages_.remember(m->msg_id.str());
    if (const auto* c = event.get<BotCommandEvent>()) return messages_.remember(c->msg_id.str());
    return true;
  }

  /// A new connection: its sequence numbers start over.
  void reset() { sequences_.clear(); }
  /// Forgets everything.
  void clear() {
    sequences_.clear();
    messages_.clear();
  }

  [[nodiscard]] std::size_t capacity() const noexcept { return sequences_.capacity(); }
  [[nodiscard]] std::size_t remembered() const noexcept { return sequences_.size() + messages_.size(); }

 private:
  events::RecentKeys<std::int64_t> sequences_;
  events::RecentKeys<std::string> messages_;
};

// --- a connection's frames, end to end ---------------------------------------------------------------

/// What a connection does with its frames, without the socket: decode, drop repeats, dispatch.
class EventSession {
 public:
  explicit EventSession(Dispatcher dispatcher = {}, std::size_t dedupe_capacity = 1024)
      : dispatcher_(std::move(dispatcher)), dedupe_(dedupe_capacity) {}

  /// Call after every (re)connect: the server's sequence numbers start over.
  void connected() { dedupe_.reset(); }

  /// Handles one text frame. True when it was dispatched; false for a heartbeat or a repeat; an
  /// Error when it does not decode (the connection can go on).
  Result<bool> feed(std::string_view frame) {
    auto event = decode_event(frame);
    if (!event) return event.error();
    if (event->is_heartbeat()) {
      dispatcher_.dispatch(*event);  // only handlers registered for Heartbeat see it
      return false;
    }
    if (!dedupe_.first_time(*event)) return false;
    dispatcher_.dispatch(*event);
    return true;
  }

  [[nodiscard]] Dispatcher& dispatcher() noexcept { return dispatcher_; }
  [[nodiscard]] Deduplicator& deduplicator() noexcept { return dedupe_; }

 private:
  Dispatcher dispatcher_;
  Deduplicator dedupe_;
};

}  // namespace chatbind::heychat
