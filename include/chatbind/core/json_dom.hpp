// chatbind — the JSON DOM (`chatbind::Json`, nlohmann's ordered_json) for code that builds or
// inspects JSON by hand: tests, fakes, a payload chatbind does not model. The typed codecs never
// need it; including this header costs nlohmann's whole header, so the generated headers do not.
// The DOM is still parsed and printed by chatbind's own decoder and writer (byte-identical to
// nlohmann's compact dump), never by nlohmann's parser or serializer.
#pragma once

#include "chatbind/core/error.hpp"
#include "chatbind/core/json.hpp"
#include "chatbind/core/limits.hpp"
#include "chatbind/core/types.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>
#include <utility>

namespace chatbind::json {

/// Parses JSON text into a DOM without throwing, within `limits` (nesting depth included).
[[nodiscard]] inline Result<Json> parse(std::string_view text, const DecodeLimits& limits = {}) {
  return detail::guard_allocation([&]() -> Result<Json> {
    Decoder d{text, limits};
    Json out;
    if (d.start() && d.dom(out) && d.finish()) return success(std::move(out));
    return d.take_error();
  });
}

/// Serialises a DOM without throwing, as nlohmann's compact dump would: a string that is not valid
/// UTF-8 is an invalid_request error.
[[nodiscard]] inline Result<std::string> dump(const Json& j) { return json::to_string(j); }

/// Encodes `v` as a DOM (for tests, fakes and hand-built payloads; requests are encoded as text).
template <class T>
[[nodiscard]] Json to_json(const T& v) {
  DomWriter<Json> w;
  write(v, w);
  return w.take();
}

/// Decodes an already parsed DOM; `root` prefixes every error path (e.g. "result").
template <class T>
[[nodiscard]] Result<T> from_json(const Json& j, std::string root = {}, const DecodeLimits& limits = {}) {
  auto text = dump(j);
  if (!text) return text.error();
  return parse_as<T>(*text, std::move(root), limits);
}

/// A RawJson value as a DOM.
[[nodiscard]] inline Result<Json> parse(const RawJson& raw) { return parse(raw.text(), DecodeLimits::unlimited()); }

/// A DOM as a RawJson value; a string that is not valid UTF-8 is an invalid_request error.
[[nodiscard]] inline Result<RawJson> to_raw(const Json& j) {
  auto text = dump(j);
  if (!text) return text.error();
  return raw(*text, DecodeLimits::unlimited());
}

}  // namespace chatbind::json
