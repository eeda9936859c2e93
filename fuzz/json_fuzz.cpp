// libFuzzer: the DOM-free JSON decoder. Differential against nlohmann's parser (both accept or both
// reject, and agree on the DOM), then the bytes as the response of every JSON endpoint of the three
// platforms (each envelope and each response type), at 200 and at 500. A value that decodes
// re-encodes to text that decodes to the same value.
#include "common.hpp"

#include <chatbind/core/json_dom.hpp>
#include <chatbind/heychat.hpp>
#include <chatbind/wildfire.hpp>
#include <chatbind/yunhu.hpp>

namespace {

void differential(const std::string& in) {
  std::size_t open = 0;
  for (char c : in) open += (c == '[' || c == '{');
  if (open > chatbind::DecodeLimits{}.max_depth) return;  // only the depth limit may differ
  const auto oracle = chatbind::Json::parse(in, nullptr, /*allow_exceptions=*/false);
  const auto mine = chatbind::json::parse(in);
  // nlohmann's lexer takes a NUL byte for the end of the input and ignores what follows it
  // ("{}\0garbage" parses); chatbind, as RFC 8259, rejects it. Past a NUL only chatbind's "yes" binds.
  const bool nul = in.find('\0') != std::string::npos;
  if (mine && oracle.is_discarded()) __builtin_trap();
  if (!mine && !oracle.is_discarded() && !nul) __builtin_trap();
  if (mine && !(*mine == oracle)) __builtin_trap();
  if (mine) {
    auto text = chatbind::json::dump(*mine);
    if (!text || *text != oracle.dump()) __builtin_trap();
  }
}

template <class E>
void as_response(const std::string& in) {
  if constexpr (E::body != chatbind::Body::protobuf) {
    for (int status : {200, 500}) {
      auto r = chatbind::decode_response<E>(chatbind::HttpResponse{.status = status, .headers = {}, .body = in});
      chatbind_fuzz::check(r);
      if (r) {
        auto text = chatbind::json::to_string(*r);
        if (!text) continue;
        auto again = chatbind::json::parse_as<typename E::response>(*text);
        if (!again || !(*again == *r)) __builtin_trap();
      }
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string in = chatbind_fuzz::input(data, size);
  differential(in);
  chatbind_fuzz::for_each_endpoint<chatbind::heychat::all_endpoints>([&](auto e) { as_response<decltype(e)>(in); });
  chatbind_fuzz::for_each_endpoint<chatbind::wildfire::all_endpoints>([&](auto e) { as_response<decltype(e)>(in); });
  chatbind_fuzz::for_each_endpoint<chatbind::yunhu::all_endpoints>([&](auto e) { as_response<decltype(e)>(in); });
  return 0;
}
