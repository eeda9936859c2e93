// libFuzzer: what chatbind-fake parses from the network, and the small parsers beside it. Cases,
// named on the input's first line:
//   "<platform> <METHOD> <path>" the endpoint's request as the fake decodes it (JSON, query string,
//                 form, multipart or protobuf; Wildfire's as its server's Gson binds it): the rest's
//                 first line is the query string and the Content-Type, what follows the body;
//   "form"        form_decode (query strings and form bodies);
//   "multipart"   multipart::parse, the rest's first line the Content-Type;
//   "rate limit"  Heychat's X-RateLimit-* headers and the retry wait from Retry-After /
//                 X-RateLimit-Reset-After, which must stay within its clamp.
// Seeds: each endpoint's spec request example, and one multipart form.
#include "common.hpp"

#include <chatbind/heychat.hpp>
#include <chatbind/heychat/generated/spec_examples.hpp>
#include <chatbind/testing/decode.hpp>
#include <chatbind/testing/wildfire.hpp>
#include <chatbind/wildfire.hpp>
#include <chatbind/wildfire/generated/spec_examples.hpp>
#include <chatbind/yunhu.hpp>
#include <chatbind/yunhu/generated/spec_examples.hpp>
#include <chatbind/yunhu_bot.hpp>
#include <chatbind/yunhu_bot/generated/spec_examples.hpp>

#include <string_view>
#include <utility>
#include <vector>

namespace {

struct Parts {
  std::string_view head;  ///< the query string and the Content-Type
  std::string_view body;
};

Parts split(std::string_view in) {
  const std::size_t nl = in.find('\n');
  return {in.substr(0, nl), nl == std::string_view::npos ? std::string_view{} : in.substr(nl + 1)};
}

/// The query as the fake's server hands it over: decoded pairs; a query form_decode refuses is split
/// raw, so that the decoders still see its pairs.
std::vector<std::pair<std::string, std::string>> query_of(std::string_view q) {
  if (auto decoded = chatbind::form_decode(q)) return std::move(*decoded);
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

chatbind::HttpRequest request_of(std::string_view in) {
  const Parts p = split(in);
  chatbind::HttpRequest request;
  request.body = std::string{p.body};
  request.query = query_of(p.head);
  request.headers.push_back({"Content-Type", std::string{p.head}});
  return request;
}

template <class E>
bool endpoint_request(std::string_view in) {
  auto decoded = chatbind::testing::detail::decode_request<E>(request_of(in));
  chatbind_fuzz::check(decoded);
  return decoded.has_value();
}

template <class E>
bool wildfire_request(std::string_view in) {
  static chatbind::testing::wildfire_fake::Policy policy;  // keeps at most max_kept raw calls
  auto decoded = policy.decode<E>(request_of(in));
  chatbind_fuzz::check(decoded);
  return decoded.has_value();
}

bool form(std::string_view in) {
  auto fields = chatbind::form_decode(in);
  chatbind_fuzz::check(fields);
  return fields.has_value();
}

bool multipart(std::string_view in) {
  const Parts p = split(in);
  auto parts = chatbind::multipart::parse(p.head, p.body);
  chatbind_fuzz::check(parts);
  return parts.has_value();
}

bool rate_limit(std::string_view in) {
  const Parts p = split(in);
  chatbind::HttpResponse response{
      .status = 429, .headers = {{"X-RateLimit-Reset-After", std::string{p.head}}, {"Retry-After", std::string{p.body}}}, .body = ""};
  const bool parsed = chatbind::heychat::parse_rate_limit(response).has_value();
  chatbind::Error e = chatbind::Error::make(chatbind::ErrorKind::http_status, "x", {}, 429);
  e.response_headers = {{"Retry-After", std::string{p.head}}, {"X-RateLimit-Reset-After", std::string{p.body}}};
  const auto wait = chatbind::server_wait(e, std::chrono::milliseconds{30000});
  if (wait && (wait->count() < 0 || wait->count() > 30000)) __builtin_trap();
  return parsed || wait.has_value();
}

/// An endpoint's spec example as the case reads it: its JSON body, or its members as a query string
/// for a request without a body or with a form body.
template <class E>
std::string request_seed(std::string_view example) {
  if (example.empty()) return {};
  if constexpr (E::body == chatbind::Body::none || E::body == chatbind::Body::form) {
    const auto j = chatbind::Json::parse(example, nullptr, false);
    if (!j.is_object()) return {};
    std::vector<std::pair<std::string, std::string>> fields;
    for (auto it = j.begin(); it != j.end(); ++it)
      fields.emplace_back(it.key(), it->is_string() ? it->template get<std::string>() : it->dump());
    const std::string encoded = chatbind::form_encode(fields);
    if constexpr (E::body == chatbind::Body::none) return encoded + "\n";
    return std::string{chatbind::form_content_type} + "\n" + encoded;
  } else {
    return "application/json\n" + std::string{example};
  }
}

template <class List, template <class> class Run, class Examples>
void add_endpoints(chatbind_fuzz::Table& table, std::string_view platform, Examples examples) {
  chatbind_fuzz::for_each_type<List>([&](auto e) {
    using E = decltype(e);
    table.add(chatbind_fuzz::endpoint_case<E>(platform), &Run<E>::run, request_seed<E>(examples(e)));
  });
}

template <class E>
struct Decoded {
  static bool run(std::string_view in) { return endpoint_request<E>(in); }
};
template <class E>
struct GsonDecoded {
  static bool run(std::string_view in) { return wildfire_request<E>(in); }
};

}  // namespace

chatbind_fuzz::Table chatbind_fuzz::cases() {
  chatbind_fuzz::Table t;
  namespace hc = chatbind::heychat;
  namespace yh = chatbind::yunhu;
  namespace yb = chatbind::yunhu_bot;
  namespace wf = chatbind::wildfire;
  add_endpoints<hc::all_endpoints, Decoded>(t, "heychat", [](auto e) { return hc::request_example<decltype(e)>; });
  add_endpoints<yh::all_endpoints, Decoded>(t, "yunhu", [](auto e) { return yh::request_example<decltype(e)>; });
  add_endpoints<yb::all_endpoints, Decoded>(t, "yunhu_bot", [](auto e) { return yb::request_example<decltype(e)>; });
  add_endpoints<wf::all_endpoints, GsonDecoded>(t, "wildfire", [](auto e) { return wf::request_example<decltype(e)>; });
  t.add("form", &form, "a=1&b=%E4%BD%A0%E5%A5%BD&c=&d");
  t.add("multipart", &multipart,
        "multipart/form-data; boundary=XyZ\n--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.png\"\r\n"
        "Content-Type: image/png\r\n\r\n\x89PNG\r\n--XyZ\r\nContent-Disposition: form-data; name=\"type\"\r\n\r\nimage\r\n--XyZ--\r\n");
  t.add("rate limit", &rate_limit, "1.5\n120");
  return t;
}
