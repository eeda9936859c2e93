// libFuzzer target: any bytes through every decoder a response or a pushed frame reaches — Heychat
// websocket frames, each platform's response envelope, and the Yunhu protobuf codec. Whatever the
// input, the answer is a value or a typed Error: no crash, no UB (built with ASan + UBSan), no throw.
#include <chatbind/heychat.hpp>
#include <chatbind/wildfire.hpp>
#include <chatbind/yunhu.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace {

template <class Endpoint>
void decode_as(const std::string& body) {
  for (int status : {200, 500}) {
    chatbind::HttpResponse response;
    response.status = status;
    response.body = body;
    auto r = chatbind::decode_response<Endpoint>(response);
    if (r) {
      // A decoded protobuf message re-encodes to bytes that decode to the same value.
      if constexpr (Endpoint::body == chatbind::Body::protobuf) {
        auto again = chatbind::protobuf::decode<typename Endpoint::response>(chatbind::protobuf::encode(*r));
        if (!again || !(*again == *r)) __builtin_trap();
      }
    } else if (r.error().message.empty()) {
      __builtin_trap();  // every error says what went wrong
    }
  }
}

/// The DOM-free JSON decoder against nlohmann's parser, the oracle: both accept or both reject,
/// and what both accept is the same DOM. (Only nesting deeper than chatbind's limit may differ.)
void differential_json(const std::string& input) {
  std::size_t open = 0;
  for (char c : input) open += (c == '[' || c == '{');
  if (open > chatbind::DecodeLimits{}.max_depth) return;
  const auto oracle = chatbind::Json::parse(input, nullptr, /*allow_exceptions=*/false);
  const auto mine = chatbind::json::parse(input);
  if (oracle.is_discarded() != !mine) __builtin_trap();
  if (mine && !(*mine == oracle)) __builtin_trap();
  // A typed decode re-encodes to text that decodes to the same value.
  if (auto view = chatbind::json::parse_as<chatbind::heychat::RoomView>(input)) {
    auto text = chatbind::json::to_string(*view);
    if (!text) return;  // (a decoded string is valid UTF-8, so this does not happen)
    auto again = chatbind::json::parse_as<chatbind::heychat::RoomView>(*text);
    if (!again || !(*again == *view)) __builtin_trap();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string input(reinterpret_cast<const char*>(data), size);
  differential_json(input);

  if (auto event = chatbind::heychat::decode_event(input)) {
    // What decodes re-encodes to a frame that decodes to the same event.
    auto again = chatbind::heychat::decode_event(chatbind::heychat::encode_event(*event));
    if (!again || !(*again == *event)) __builtin_trap();
  }
  decode_as<chatbind::heychat::ViewRoom>(input);
  decode_as<chatbind::heychat::ListRoomRoles>(input);
  decode_as<chatbind::wildfire::GetChatroomInfo>(input);
  decode_as<chatbind::wildfire::GetChatroomBlacklist>(input);
  decode_as<chatbind::yunhu::ListMessage>(input);
  decode_as<chatbind::yunhu::ListMessageEditRecord>(input);
  return 0;
}
