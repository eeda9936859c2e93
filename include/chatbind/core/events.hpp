// chatbind — what every platform's push events share, without I/O: reading an envelope whose payload
// type is named by another member (Heychat's `type`, Yunhu's `header.eventType`), routing decoded
// events to handlers by payload type, and remembering recent event ids with bounded memory.
// The platforms' own headers (heychat/events.hpp, yunhu_bot/events.hpp) say what differs.
#pragma once

#include "chatbind/core/error.hpp"
#include "chatbind/core/json.hpp"
#include "chatbind/core/limits.hpp"

#include <boost/mp11/algorithm.hpp>
#include <boost/mp11/list.hpp>

#include <array>
#include <cstddef>
#include <deque>
#include <functional>
#include <optional>
#include <string_view>
#include <type_traits>
#include <unordered_set>
#include <utility>
#include <variant>
#include <vector>

namespace chatbind::events {

/// Decodes `text` as Envelope in one pass, all but its member `payload_key`, whose place is kept;
/// then, with the rest of the envelope known (the member that names the payload's type), rewinds
/// there and calls `read_payload(json::Decoder&, Envelope&)`, which reads it and returns false on an
/// error left in the decoder. Errors name the path ("event.message.content.text"); malformed JSON is
/// a syntax error, a missing payload a schema error; nothing throws.
template <class Envelope, class ReadPayload>
[[nodiscard]] Result<Envelope> decode_envelope(std::string_view text, std::string_view payload_key,
                                               const DecodeLimits& limits, ReadPayload&& read_payload) {
  return json::detail::guard_allocation([&]() -> Result<Envelope> {
    json::Decoder d{text, limits};
    Envelope envelope{};
    json::detail::StructReader<Envelope> members;
    std::optional<json::Decoder::Mark> payload;
    if (!d.start()) return d.take_error();
    if (d.peek() != '{') {
      (void)d.expected("object");
      return d.take_error();
    }
    const bool read = d.object([&](std::string_view key) {
      if (key != payload_key) return members.member(d, envelope, key);
      auto guard = d.key(payload_key);
      if (payload) return d.duplicate_key(payload_key);
      payload = d.mark();
      return d.skip();
    });
    members.seen(payload_key);
    if (!read || !d.finish() || !members.finish(d, envelope)) return d.take_error();
    auto guard = d.key(payload_key);
    if (!payload) {
      (void)d.fail("missing required key");
      return d.take_error();
    }
    d.rewind(*payload);
    if (!read_payload(d, envelope)) return d.take_error();
    return envelope;
  });
}

/// Reads the payload at the decoder's position as the alternative of `Payload` (a std::variant of
/// the typed events, then `Unknown`) whose `event_type` is `type`; a type no alternative names is
/// read verbatim into Unknown's `data` (a RawJson). False on an error left in the decoder.
template <class Payload, class Unknown, class TypedEvents>
[[nodiscard]] bool read_payload_of_type(json::Decoder& d, std::string_view type, Payload& out) {
  bool typed = false;
  bool ok = true;
  boost::mp11::mp_for_each<TypedEvents>([&](auto tag) {
    using T = decltype(tag);
    if (typed || type != T::event_type) return;
    typed = true;
    T payload{};
    ok = json::read(d, payload);
    if (ok) out = std::move(payload);
  });
  if (typed) return ok;
  Unknown unknown{};
  if (!d.raw(unknown.data)) return false;
  out = std::move(unknown);
  return true;
}

/// Every typed event names a distinct type (a static_assert in each platform's events header).
template <class... T>
constexpr bool distinct_event_types(boost::mp11::mp_list<T...>) {
  const std::array<std::string_view, sizeof...(T)> types{T::event_type...};
  for (std::size_t a = 0; a < types.size(); ++a)
    for (std::size_t b = a + 1; b < types.size(); ++b)
      if (types[a] == types[b]) return false;
  return true;
}

/// Routes each event to the handlers registered for its payload type (`Event::payload` is a
/// std::variant; `event.template get<T>()` reads it). A handler takes the payload (`const T&`) or the
/// payload and the whole event (`const T&, const Event&`). Events of a type with no handler —
/// unknown types included — go to the `otherwise` handler, except heartbeats (an Event with
/// `is_heartbeat()`), which only handlers registered for their payload type see.
template <class Event>
class Dispatcher {
 public:
  using Payload = decltype(std::declval<Event&>().payload);

  template <class T, class F>
  Dispatcher& on(F handler) {
    static_assert(index_of<T>() < std::variant_size_v<Payload>, "Dispatcher::on<T>: T is not an event payload type");
    static_assert(std::is_invocable_v<F&, const T&, const Event&> || std::is_invocable_v<F&, const T&>,
                  "the handler must take (const T&) or (const T&, const Event&)");
    handlers_[index_of<T>()].emplace_back([h = std::move(handler)](const Event& e) mutable {
      const T& payload = *std::get_if<T>(&e.payload);
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
    if constexpr (requires { event.is_heartbeat(); }) {
      if (event.is_heartbeat()) return false;
    }
    if (!fallback_) return false;
    fallback_(event);
    return true;
  }

 private:
  template <class T>
  static constexpr std::size_t index_of() {
    return boost::mp11::mp_find<Payload, T>::value;
  }

  std::array<std::vector<std::function<void(const Event&)>>, std::variant_size_v<Payload>> handlers_{};
  std::function<void(const Event&)> fallback_{};
};

/// The last `capacity` keys seen (event ids, sequence numbers), to drop repeats with bounded memory.
template <class K>
class RecentKeys {
 public:
  explicit RecentKeys(std::size_t capacity = 1024) : capacity_(capacity == 0 ? 1 : capacity) {}

  /// Records `key`; false when it is among the last `capacity` recorded. Evicts the oldest beyond it.
  bool remember(K key) {
    if (seen_.contains(key)) return false;
    seen_.insert(key);
    order_.push_back(std::move(key));
    if (order_.size() > capacity_) {
      seen_.erase(order_.front());
      order_.pop_front();
    }
    return true;
  }

  void clear() {
    order_.clear();
    seen_.clear();
  }
  [[nodiscard]] std::size_t size() const noexcept { return order_.size(); }
  [[nodiscard]] std::size_t capacity() const noexcept { return capacity_; }

 private:
  std::size_t capacity_;
  std::deque<K> order_;
  std::unordered_set<K> seen_;
};

}  // namespace chatbind::events
