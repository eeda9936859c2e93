// chatbind — Yunhu bot events, without I/O: one webhook body or one websocket frame in, a typed Event
// out. Both deliveries carry the same JSON, `{version, header:{eventId, eventType, eventTime}, event}`;
// header.eventType picks the payload struct (generated from spec/yunhu_bot.yaml's x-chatbind-event
// schemas into generated/events.hpp, listed in `all_events`).
//
//   yunhu_bot::Dispatcher d;
//   d.on<yunhu_bot::MessageReceiveInstructionEvent>([](const auto& command) { ... })
//    .on<yunhu_bot::ButtonReportInlineEvent>([](const auto& click) { ... })
//    .otherwise([](const yunhu_bot::Event& e) { ... });          // unknown or unhandled types
//   yunhu_bot::EventSession session{std::move(d)};
//   auto dispatched = session.feed(body);                         // Result<bool>: false for a repeat
//
// The deliveries: the webhook receiver (chatbind/yunhu_bot/webhook.hpp) and the websocket
// subscription (chatbind/yunhu_bot/event_client.hpp).
#pragma once

#include "chatbind/core/error.hpp"
#include "chatbind/core/events.hpp"
#include "chatbind/core/http.hpp"
#include "chatbind/core/json.hpp"
#include "chatbind/core/limits.hpp"
#include "chatbind/core/types.hpp"
#include "chatbind/yunhu_bot/generated/events.hpp"
#include "chatbind/yunhu_bot/platform.hpp"

#include <boost/mp11/algorithm.hpp>

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>

namespace chatbind::yunhu_bot {

/// An event of a type chatbind does not model: its payload, verbatim.
struct UnknownEvent {
  RawJson data{};
  friend bool operator==(const UnknownEvent&, const UnknownEvent&) = default;
};

/// The event types chatbind decodes into structs (generated: every x-chatbind-event of the spec).
using TypedEvents = all_events;
static_assert(events::distinct_event_types(TypedEvents{}), "two event structs claim the same x-chatbind-event");

using EventPayload = boost::mp11::mp_append<boost::mp11::mp_rename<TypedEvents, std::variant>, std::variant<UnknownEvent>>;

/// One decoded event: the envelope's version and header, and the typed payload.
struct Event {
  std::string version{};  ///< "1.0"
  EventHeader header{};   ///< eventId (unique: repeats are dropped by it), eventType, eventTime (Unix ms)
  EventPayload payload{UnknownEvent{}};

  /// The payload as T, or nullptr when it holds another type.
  template <class T>
  [[nodiscard]] const T* get() const noexcept {
    return std::get_if<T>(&payload);
  }

  friend bool operator==(const Event&, const Event&) = default;
};

/// Decodes one webhook body or websocket frame. A type chatbind does not model is an UnknownEvent
/// holding the raw payload (unknown content types of a known event stay in its struct: the content
/// type is an open enum). Malformed JSON is a `syntax` error; a body that does not match the envelope
/// or its type's payload is a `schema` error naming the path (e.g. "event.message.content.formJson").
/// Never throws.
[[nodiscard]] inline Result<Event> decode_event(std::string_view body, const DecodeLimits& limits = {}) {
  Event event;
  auto envelope = events::decode_envelope<EventEnvelope>(body, "event", limits, [&](json::Decoder& d, EventEnvelope& e) {
    return events::read_payload_of_type<EventPayload, UnknownEvent, TypedEvents>(d, e.header.eventType.str(), event.payload);
  });
  if (!envelope) return envelope.error();
  event.version = std::move(envelope->version);
  event.header = std::move(envelope->header);
  return event;
}

/// The JSON an Event came from (members in declaration order): decode_event(encode_event(e)) == e.
/// What a fake platform POSTs to a webhook and sends as a websocket frame.
[[nodiscard]] inline std::string encode_event(const Event& event) {
  std::string out;
  json::TextWriter w{out};
  w.begin_object();
  w.key("version");
  json::write(event.version, w);
  w.key("header");
  json::write(event.header, w);
  w.key("event");
  std::visit(
      [&](const auto& payload) {
        if constexpr (std::is_same_v<std::remove_cvref_t<decltype(payload)>, UnknownEvent>)
          json::write(payload.data, w);
        else
          json::write(payload, w);
      },
      event.payload);
  w.end_object();
  return out;
}

/// An Event holding `payload`, its header's type taken from the payload's struct.
template <class T>
[[nodiscard]] Event make_event(T payload, std::string event_id, std::int64_t event_time_ms) {
  Event e;
  e.version = "1.0";
  e.header.eventId = std::move(event_id);
  e.header.eventType = EventType::from_wire(T::event_type);
  e.header.eventTime = event_time_ms;
  e.payload = std::move(payload);
  return e;
}

/// Where to answer a message event: the group it came from, or the user in a private chat
/// (chat.chatType "bot": chat.chatId is then the bot's own id, the reply goes to sender.senderId).
struct ReplyTarget {
  std::string recvId{};
  RecvType recvType{};
  friend bool operator==(const ReplyTarget&, const ReplyTarget&) = default;
};

[[nodiscard]] inline ReplyTarget reply_target(const MessageEventBody& m) {
  if (m.chat.chatType == EventChatType::group) return {m.chat.chatId, RecvType::group};
  return {m.sender.senderId, RecvType::user};
}

/// The chat of a clicked button: its group, or the user who clicked in a private chat.
[[nodiscard]] inline ReplyTarget reply_target(const ButtonReportInlineEvent& click) {
  if (click.recvType == "group") return {click.recvId, RecvType::group};
  return {click.userId, RecvType::user};
}

/// The settings form of a bot.setting event: settingJson is a JSON string holding the FormFields
/// keyed by field id. Errors name the path inside it (`settingJson["lokola"].selectIndex`).
[[nodiscard]] inline Result<std::map<std::string, FormField>> settings(const BotSettingEvent& e,
                                                                      const DecodeLimits& limits = {}) {
  return json::parse_as<std::map<std::string, FormField>>(e.settingJson, "settingJson", limits);
}

// --- dispatching and de-duplication ------------------------------------------------------------------

/// Routes each event to the handlers registered for its payload type: `on<T>(handler)` with
/// `(const T&)` or `(const T&, const Event&)`; `otherwise(handler)` takes unknown types and known ones
/// nobody listens to (see chatbind::events::Dispatcher).
using Dispatcher = events::Dispatcher<Event>;

/// Drops an event delivered twice (eventId is unique per event; a webhook retry or a websocket
/// reconnect can repeat one), remembering the last `capacity` ids.
class Deduplicator {
 public:
  explicit Deduplicator(std::size_t capacity = 1024) : ids_(capacity) {}

  /// True the first time an eventId is seen; false for a repeat.
  bool first_time(const Event& event) { return ids_.remember(event.header.eventId); }
  void clear() { ids_.clear(); }
  [[nodiscard]] std::size_t remembered() const noexcept { return ids_.size(); }

 private:
  events::RecentKeys<std::string> ids_;
};

/// What a delivery does with each body or frame, without the socket: decode, drop repeats, dispatch.
class EventSession {
 public:
  explicit EventSession(Dispatcher dispatcher = {}, std::size_t dedupe_capacity = 1024)
      : dispatcher_(std::move(dispatcher)), dedupe_(dedupe_capacity) {}

  /// Handles one body or frame. True when it was dispatched; false for a repeat; an Error when it
  /// does not decode (the delivery goes on).
  Result<bool> feed(std::string_view body, const DecodeLimits& limits = {}) {
    auto event = decode_event(body, limits);
    if (!event) return event.error();
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

}  // namespace chatbind::yunhu_bot
