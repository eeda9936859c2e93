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
#include <deque>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_set>
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

namespace detail {

template <class T>
constexpr std::size_t payload_index = boost::mp11::mp_find<EventPayload, T>::value;

// Every typed event names a distinct envelope type.
template <class... T>
constexpr bool distinct_event_types(boost::mp11::mp_list<T...>) {
  const std::array<std::string_view, sizeof...(T)> types{T::event_type...};
  for (std::size_t a = 0; a < types.size(); ++a)
    for (std::size_t b = a + 1; b < types.size(); ++b)
      if (types[a] == types[b]) return false;
  return true;
}
static_assert(distinct_event_types(TypedEvents{}), "two event structs claim the same x-chatbind-event");

}  // namespace detail

/// True for a heartbeat frame: PING or PONG, in either case, surrounding whitespace ignored.
[[nodiscard]] inline bool is_heartbeat_frame(std::string_view frame) noexcept {
  const std::string_view text = trim(frame);
  return iequals(text, Websocket::heartbeat_receive) || iequals(text, Websocket::heartbeat_send);
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
  return json::detail::guard_allocation([&]() -> Result<Event> {
    // One pass over the envelope, keeping the place of `data`, whose type is known only once `type`
    // has been read; then `data` straight into its payload struct.
    json::Decoder d{frame, limits};
    EventEnvelope envelope;
    json::detail::StructReader<EventEnvelope> members;
    std::optional<json::Decoder::Mark> data;
    if (!d.start()) return d.take_error();
    if (d.peek() != '{') {
      (void)d.expected("object");
      return d.take_error();
    }
    const bool read = d.object([&](std::string_view key) {
      if (key != "data") return members.member(d, envelope, key);
      auto guard = d.key("data");
      if (data) return d.duplicate_key("data");
      data = d.mark();
      return d.skip();
    });
    members.seen("data");
    if (!read || !d.finish() || !members.finish(d, envelope)) return d.take_error();
    if (!data) {
      auto guard = d.key("data");
      (void)d.fail("missing required key");
      return d.take_error();
    }
    Event event;
    event.sequence = envelope.sequence;
    event.type = std::move(envelope.type);
    event.notify_type = std::move(envelope.notify_type);
    event.timestamp = envelope.timestamp;
    d.rewind(*data);
    auto guard = d.key("data");
    bool typed = false;
    bool ok = true;
    boost::mp11::mp_for_each<TypedEvents>([&](auto tag) {
      using T = decltype(tag);
      if (typed || event.type.str() != T::event_type) return;
      typed = true;
      T payload{};
      ok = json::read(d, payload);
      if (ok) event.payload = std::move(payload);
    });
    if (!typed) {
      UnknownEvent unknown;
      ok = d.raw(unknown.data);
      if (ok) event.payload = std::move(unknown);
    }
    if (!ok) return d.take_error();
    return event;
  });
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

/// Routes each event to the handlers registered for its payload type. A handler takes the payload
/// (`const T&`) or the payload and the whole event (`const T&, const Event&`). Events of a type with
/// no handler — unknown types included — go to the `otherwise` handler; heartbeats only ever go to
/// handlers registered for Heartbeat.
class Dispatcher {
 public:
  template <class T, class F>
  Dispatcher& on(F handler) {
    static_assert(detail::payload_index<T> < std::variant_size_v<EventPayload>,
                  "Dispatcher::on<T>: T is not an event payload type");
    static_assert(std::is_invocable_v<F&, const T&, const Event&> || std::is_invocable_v<F&, const T&>,
                  "the handler must take (const T&) or (const T&, const Event&)");
    handlers_[detail::payload_index<T>].emplace_back([h = std::move(handler)](const Event& e) mutable {
      const T& payload = *e.get<T>();
      if constexpr (std::is_invocable_v<F&, const T&, const Event&>)
        h(payload, e);
      else
        h(payload);
    });
    return *this;
  }

  /// The handler of events no typed handler takes (unknown types, and known ones nobody listens to).
  template <class F>
  Dispatcher& otherwise(F handler) {
    fallback_ = std::move(handler);
    return *this;
  }

  /// Runs the handlers of `event`'s payload type, else the fallback. True when any handler ran.
  bool dispatch(const Event& event) {
    auto& handlers = handlers_[event.payload.index()];
    for (auto& h : handlers) h(event);
    if (!handlers.empty()) return true;
    if (event.is_heartbeat() || !fallback_) return false;
    fallback_(event);
    return true;
  }

 private:
  std::array<std::vector<std::function<void(const Event&)>>, std::variant_size_v<EventPayload>> handlers_{};
  std::function<void(const Event&)> fallback_{};
};

// --- de-duplication ----------------------------------------------------------------------------------

/// Drops events delivered twice, with bounded memory (the last `capacity` sequences and message ids).
/// Two kinds of repeat: the same `sequence` within one connection (a redelivery), and the same
/// message as both a type "5" channel message and a type "50" bot command (the first one wins; the
/// twin shares its msg_id). Sequences restart on a new connection: call reset() after every
/// reconnect — it forgets sequences, not message ids, so a message redelivered after the reconnect
/// is still recognised.
class Deduplicator {
 public:
  explicit Deduplicator(std::size_t capacity = 1024) : capacity_(capacity == 0 ? 1 : capacity) {}

  /// True the first time an event is seen (and for every heartbeat); false for a repeat.
  bool first_time(const Event& event) {
    if (event.is_heartbeat()) return true;
    if (!remember(sequences_, event.sequence)) return false;
    if (const auto* m = event.get<ChannelMessageEvent>()) return remember(messages_, m->msg_id.str());
    if (const auto* c = event.get<BotCommandEvent>()) return remember(messages_, c->msg_id.str());
    return true;
  }

  /// A new connection: its sequence numbers start over.
  void reset() { sequences_ = {}; }
  /// Forgets everything.
  void clear() { sequences_ = {}; messages_ = {}; }

  [[nodiscard]] std::size_t capacity() const noexcept { return capacity_; }
  [[nodiscard]] std::size_t remembered() const noexcept { return sequences_.order.size() + messages_.order.size(); }

 private:
  template <class K>
  struct Window {
    std::deque<K> order;
    std::unordered_set<K> seen;
  };

  /// Records `key`; false when it was already there. Evicts the oldest beyond the capacity.
  template <class K>
  bool remember(Window<K>& w, K key) {
    if (w.seen.contains(key)) return false;
    w.seen.insert(key);
    w.order.push_back(std::move(key));
    if (w.order.size() > capacity_) {
      w.seen.erase(w.order.front());
      w.order.pop_front();
    }
    return true;
  }

  std::size_t capacity_;
  Window<std::int64_t> sequences_;
  Window<std::string> messages_;
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
