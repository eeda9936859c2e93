// libFuzzer: what chatbind-fake parses from the network — every endpoint's request decoder (JSON,
// query string, multipart form, protobuf) of the three platforms — and the small parsers beside them:
// multipart bodies, rate-limit headers and the retry wait. The input's first line is the query
// string / Content-Type, the rest the body.
#include "common.hpp"

#include <chatbind/heychat.hpp>
#include <chatbind/testing/decode.hpp>
#include <chatbind/wildfire.hpp>
#include <chatbind/yunhu.hpp>

#include <string_view>
#include <utility>
#include <vector>

namespace {

std::vector<std::pair<std::string, std::string>> split_query(std::string_view q) {
  std::vector<std::pair<std::string, std::string>> out;
  while (!q.empty()) {
    const std::size_t amp = q.find('&');
    const std::string_view pair = q.substr(0, amp);
    const std::size_t eq = pair.find('=');
    out.emplace_back(std::string{pair.substr(0, eq)}, eq == std::string_view::npos ? "" : std::string{pair.substr(eq + 1)});
    q = amp == std::string_view::npos ? std::string_view{} : q.substr(amp + 1);
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string in = chatbind_fuzz::input(data, size);
  const std::size_t nl = in.find('\n');
  const std::string head = in.substr(0, nl);
  const std::string body = nl == std::string::npos ? std::string{} : in.substr(nl + 1);

  chatbind::HttpRequest request;
  request.body = body;
  request.query = split_query(head);
  request.headers.push_back({"Content-Type", head});
  auto each = [&](auto e) {
    using E = decltype(e);
    chatbind_fuzz::check(chatbind::testing::detail::decode_request<E>(request));
  };
  chatbind_fuzz::for_each_endpoint<chatbind::heychat::all_endpoints>(each);
  chatbind_fuzz::for_each_endpoint<chatbind::wildfire::all_endpoints>(each);
  chatbind_fuzz::for_each_endpoint<chatbind::yunhu::all_endpoints>(each);

  chatbind_fuzz::check(chatbind::multipart::parse(head, body));
  chatbind::HttpResponse response{.status = 429, .headers = {{"X-RateLimit-Reset-After", head}, {"Retry-After", body}}, .body = ""};
  (void)chatbind::heychat::parse_rate_limit(response);
  chatbind::Error e = chatbind::Error::make(chatbind::ErrorKind::http_status, "x", {}, 429);
  e.response_headers = {{"Retry-After", head}, {"X-RateLimit-Reset-After", body}};
  if (auto wait = chatbind::server_wait(e, std::chrono::milliseconds{30000}); wait && (wait->count() < 0 || wait->count() > 30000))
    __builtin_trap();
  return 0;
}
