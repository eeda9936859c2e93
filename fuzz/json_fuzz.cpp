// libFuzzer: the DOM-free JSON decoder. One case per JSON endpoint of the four APIs (Heychat, Yunhu,
// the Yunhu bot, Wildfire), named "<platform> <METHOD> <path>" on the input's first line: the rest
// goes through that endpoint's decode_response at 200 and at 500, and what decodes re-encodes to text
// that decodes to the same value. Every input also goes through the parser against nlohmann's (both
// accept or both reject, and agree on the DOM and its dump). Seeds: each endpoint's spec example and
// the captures in tests/data that it decodes.
#include "common.hpp"

#include <chatbind/core/json_dom.hpp>
#include <chatbind/heychat.hpp>
#include <chatbind/heychat/generated/spec_examples.hpp>
#include <chatbind/wildfire.hpp>
#include <chatbind/wildfire/generated/spec_examples.hpp>
#include <chatbind/yunhu.hpp>
#include <chatbind/yunhu/generated/spec_examples.hpp>
#include <chatbind/yunhu_bot.hpp>
#include <chatbind/yunhu_bot/generated/spec_examples.hpp>

namespace {

void differential(std::string_view in) {
  std::size_t open = 0;
  for (char c : in) open += (c == '[' || c == '{');
  if (open > chatbind::DecodeLimits{}.max_depth) return;  // only the depth limit may differ
  const auto oracle = chatbind::Json::parse(in, nullptr, /*allow_exceptions=*/false);
  const auto mine = chatbind::json::parse(in);
  // nlohmann's lexer takes a NUL byte for the end of the input and ignores what follows it
  // ("{}\0garbage" parses); chatbind, as RFC 8259, rejects it. Past a NUL only chatbind's "yes" binds.
  const bool nul = in.find('\0') != std::string_view::npos;
  if (mine && oracle.is_discarded()) __builtin_trap();
  if (!mine && !oracle.is_discarded() && !nul) __builtin_trap();
  if (mine && !(*mine == oracle)) __builtin_trap();
  if (mine) {
    // The same text, except where a double has two shortest spellings: chatbind writes the digits
    // nearest the value (as std::to_chars), nlohmann's Grisu2 may end on the other one
    // (1790123454769506.345 is 1.7901234547695062e+15 or …63e+15). Both must read back as the value.
    auto text = chatbind::json::dump(*mine);
    if (!text) __builtin_trap();
    if (*text != oracle.dump() && !(chatbind::Json::parse(*text, nullptr, false) == oracle)) __builtin_trap();
  }
}

template <class E>
bool as_response(std::string_view in) {
  differential(in);
  bool decoded = false;
  for (int status : {200, 500}) {
    auto r = chatbind::decode_response<E>(chatbind::HttpResponse{.status = status, .headers = {}, .body = std::string{in}});
    chatbind_fuzz::check(r);
    if (!r) continue;
    decoded = decoded || status == 200;
    auto text = chatbind::json::to_string(*r);
    if (!text) continue;
    auto again = chatbind::json::parse_as<typename E::response>(*text);
    if (!again || !(*again == *r)) __builtin_trap();
  }
  return decoded;
}

template <class List, class Examples>
void add_json_endpoints(chatbind_fuzz::Table& table, std::string_view platform, Examples examples) {
  chatbind_fuzz::for_each_type<List>([&](auto e) {
    using E = decltype(e);
    if constexpr (E::body != chatbind::Body::protobuf)
      table.add(chatbind_fuzz::endpoint_case<E>(platform), &as_response<E>, std::string{examples(e)});
  });
}

}  // namespace

chatbind_fuzz::Table chatbind_fuzz::cases() {
  chatbind_fuzz::Table t;
  namespace hc = chatbind::heychat;
  namespace yh = chatbind::yunhu;
  namespace yb = chatbind::yunhu_bot;
  namespace wf = chatbind::wildfire;
  add_json_endpoints<hc::all_endpoints>(t, "heychat", [](auto e) { return hc::response_example<decltype(e)>; });
  add_json_endpoints<yh::all_endpoints>(t, "yunhu", [](auto e) { return yh::response_example<decltype(e)>; });
  add_json_endpoints<yb::all_endpoints>(t, "yunhu_bot", [](auto e) { return yb::response_example<decltype(e)>; });
  add_json_endpoints<wf::all_endpoints>(t, "wildfire", [](auto e) { return wf::response_example<decltype(e)>; });
  return t;
}
