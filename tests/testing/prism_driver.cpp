// The Prism contract check's client: sends every JSON (and query-string) endpoint of Heychat and
// Wildfire, encoded by chatbind's own encode_request from the spec's example request (or a default
// one with its empty ids filled), to Prism mocks of spec/heychat.yaml and spec/wildfire.yaml, over the cpp-httplib transport.
// Prism runs with --errors, so a request that breaks the spec is answered 4xx/5xx; this program
// prints one line per endpoint and exits 1 if any endpoint was refused or its answer did not decode.
//
//   chatbind_prism_driver <heychat mock base URL> <wildfire mock base URL>
#include "chatbind/heychat.hpp"
#include "chatbind/heychat/generated/spec_examples.hpp"
#include "chatbind/transport/httplib.hpp"
#include "chatbind/wildfire.hpp"
#include "chatbind/wildfire/generated/spec_examples.hpp"

#include <boost/describe.hpp>
#include <boost/mp11/algorithm.hpp>

#include <cstdio>
#include <string>
#include <string_view>
#include <type_traits>

namespace {

/// Fills what a default-constructed request leaves invalid for the spec: empty strings and ids get
/// "1", an enum its first documented value; nested structs likewise. Optionals stay empty.
template <class T>
void fill_sample(T& value) {
  if constexpr (std::is_same_v<T, std::string> || std::is_same_v<T, chatbind::Id>) {
    if (std::string_view{value}.empty()) value = "1";
  } else if constexpr (chatbind::NamedEnum<T>) {
    if (chatbind::enum_name(value).empty()) value = enumerators(T{}).front().value;  // found by ADL
  } else if constexpr (chatbind::is_string_enum<T>) {
    if (!value.known()) value = T::wire.empty() ? T{} : T::from_wire(T::wire.front());
  } else if constexpr (chatbind::reflect::described_struct<T>) {
    chatbind::reflect::for_each_member<T>([&](auto d) { fill_sample(value.*d.pointer); });
  }
}

struct Tally {
  int sent = 0;
  int failed = 0;
  int skipped = 0;
};

/// Sends E's example request through `transport`; prints and counts the outcome.
template <class E>
void drive(chatbind::transport::HttplibTransport& transport, const chatbind::credentials_t<E>& credentials,
           std::string_view example, Tally& tally) {
  const std::string name = std::string{chatbind::to_string(E::method)} + ' ' + std::string{E::path};
  if constexpr (E::body != chatbind::Body::json && E::body != chatbind::Body::none && E::body != chatbind::Body::form) {
    std::printf("skip  %s (not a JSON or form endpoint)\n", name.c_str());
    ++tally.skipped;
  } else if constexpr (std::is_same_v<E, chatbind::heychat::OpenAuthorizationPage>) {
    std::printf("skip  %s (a page for a browser, not an API call)\n", name.c_str());
    ++tally.skipped;
  } else {
    typename E::request request{};
    fill_sample(request);
    if constexpr (E::body == chatbind::Body::json) {
      if (!example.empty()) {
        auto parsed = chatbind::json::parse_as<typename E::request>(example);
        if (!parsed) {
          std::printf("FAIL  %s: the spec's request example does not decode: %s\n", name.c_str(), parsed.error().describe().c_str());
          ++tally.failed;
          return;
        }
        request = std::move(*parsed);
      }
    }
    ++tally.sent;
    auto http = chatbind::encode_request<E>(request, credentials);
    if (!http) {
      std::printf("FAIL  %s: %s\n", name.c_str(), http.error().describe().c_str());
      ++tally.failed;
      return;
    }
    auto response = transport(*http);
    if (!response) {
      std::printf("FAIL  %s: %s\n", name.c_str(), response.error().describe().c_str());
      ++tally.failed;
      return;
    }
    if (response->status < 200 || response->status > 299) {
      std::printf("FAIL  %s: Prism answered HTTP %d: %s\n", name.c_str(), response->status, response->body.c_str());
      ++tally.failed;
      return;
    }
    auto decoded = chatbind::decode_response<E>(*response);
    if (!decoded) {
      std::printf("FAIL  %s: Prism's answer does not decode: %s\n", name.c_str(), decoded.error().describe().c_str());
      ++tally.failed;
      return;
    }
    std::printf("ok    %s\n", name.c_str());
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: %s <heychat mock base URL> <wildfire mock base URL>\n", argv[0]);
    return 2;
  }
  Tally tally;
  chatbind::transport::HttplibTransport transport;

  chatbind::heychat::Credentials heychat{.token = "prism-token", .base_url = argv[1]};
  // User authorization: a Bearer token, its resource host pointed at the same mock.
  chatbind::heychat::OAuthCredentials oauth{.access_token = "prism-access", .base_url = argv[1], .resource_base_url = argv[1]};
  boost::mp11::mp_for_each<chatbind::heychat::all_endpoints>([&](auto endpoint) {
    using E = decltype(endpoint);
    if constexpr (std::is_same_v<typename E::platform, chatbind::heychat::OAuthPlatform>) {
      drive<E>(transport, oauth, chatbind::heychat::request_example<E>, tally);
    } else {
      drive<E>(transport, heychat, chatbind::heychat::request_example<E>, tally);
    }
  });
  chatbind::wildfire::Credentials wildfire{.secret = "prism-secret", .base_url = argv[2]};
  // The robot and channel APIs: the same mock (one document), each with its own credentials.
  chatbind::wildfire::RobotCredentials robot{.robot_id = "prism-robot", .secret = "prism-secret", .base_url = argv[2]};
  chatbind::wildfire::ChannelCredentials channel{.channel_id = "prism-channel", .secret = "prism-secret", .base_url = argv[2]};
  boost::mp11::mp_for_each<chatbind::wildfire::all_endpoints>([&](auto endpoint) {
    using E = decltype(endpoint);
    if constexpr (std::is_same_v<typename E::platform, chatbind::wildfire::RobotPlatform>) {
      drive<E>(transport, robot, chatbind::wildfire::request_example<E>, tally);
    } else if constexpr (std::is_same_v<typename E::platform, chatbind::wildfire::ChannelPlatform>) {
      drive<E>(transport, channel, chatbind::wildfire::request_example<E>, tally);
    } else {
      drive<E>(transport, wildfire, chatbind::wildfire::request_example<E>, tally);
    }
  });

  std::printf("%d endpoints sent, %d failed, %d skipped\n", tally.sent, tally.failed, tally.skipped);
  return tally.failed == 0 && tally.sent > 0 ? 0 : 1;
}
