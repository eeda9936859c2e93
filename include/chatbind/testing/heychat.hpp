// chatbind::testing::FakeHeychat — an offline Heychat (黑盒语音) bot API.
//
// Checks the `token` header (its name in any case, as HTTP header names are), decodes every request
// as its endpoint's type, answers the spec's examples, and records the channel messages a bot sends
// (each with a fresh msg_id). Forgives what the real server forgives: the common query parameters
// may be any subset of the seven (the official demo sends three), duplicated or joined by keys of
// its own. Success is `{"msg":"","result":…,"status":"ok"}`, with `"result":{}` when the call has
// no payload (clients read `result` on every call); failures come the way Heychat sends them:
// HTTP 200 with `{"status":"failed","msg":…}`.
#pragma once

#include "chatbind/heychat/generated/spec_examples.hpp"
#include "chatbind/heychat/platform.hpp"
#include "chatbind/testing/basic_fake.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace chatbind::testing {

namespace heychat_fake {

/// A channel message the fake accepted, with the id it gave it.
struct SentMessage {
  std::string msg_id;
  heychat::ChannelMessageSend request;
};

struct Policy {
  using endpoints = heychat::all_endpoints;

  std::string token = "fake-token";  ///< the bot token the fake accepts
  std::uint64_t next_msg_id = 1870221897717407745ULL;
  std::vector<SentMessage> sent{};

  static HttpResponse failed(std::string msg) {
    return detail::json_response(Json{{"msg", std::move(msg)}, {"status", "failed"}});
  }

  std::optional<HttpResponse> reject(const HttpRequest& request) const {
    if (request.header("token").empty()) return failed("missing token");
    if (request.header("token") != token) return failed("invalid token");
    return std::nullopt;  // the common query is not checked: any subset, repeated keys, extra keys
  }

  static HttpResponse unknown_route(const HttpRequest&) {
    HttpResponse out;
    out.status = 404;
    return out;
  }

  template <class E>
  static HttpResponse invalid(const Error& e) {
    return failed("invalid parameter" + (e.path.empty() ? std::string{} : " " + e.path) + ": " + e.message);
  }

  template <class E>
  static HttpResponse failure(const Failure& f) {
    return failed(f.msg);
  }

  template <class E>
  static HttpResponse success(const typename E::response& response) {
    Json body{{"msg", ""}};  // the keys in Heychat's order
    if constexpr (std::is_same_v<typename E::response, Empty>)
      body["result"] = Json::object();  // the live server always sends result; clients read it
    else
      body["result"] = json::to_json(response);
    body["status"] = "ok";
    return detail::json_response(body);
  }

  template <class E>
  Reply<E> answer(const typename E::request& request) {
    auto response = detail::example_response<E>(heychat::response_example<E>);
    if constexpr (std::is_same_v<E, heychat::SendChannelMessage>) {
      SentMessage sent_message{std::to_string(next_msg_id++), request};
      response.msg_id = Id{sent_message.msg_id};
      response.heychat_ack_id = request.heychat_ack_id.value_or("0");
      sent.push_back(std::move(sent_message));
    }
    return response;
  }
};

}  // namespace heychat_fake

/// The fake Heychat bot API. Copies share one state.
class FakeHeychat : public BasicFake<heychat_fake::Policy> {
 public:
  using SentMessage = heychat_fake::SentMessage;

  explicit FakeHeychat(std::string token = "fake-token") : BasicFake(make_policy(std::move(token))) {}

  /// The credentials a client needs to talk to this fake in-process (token and common query).
  [[nodiscard]] heychat::Credentials credentials() const {
    heychat::Credentials c;
    c.token = with_policy([](const heychat_fake::Policy& p) { return p.token; });
    c.base_url = "http://fake.heychat";
    return c;
  }

  /// Every channel message sent so far, in order.
  [[nodiscard]] std::vector<SentMessage> sent_messages() const {
    return with_policy([](const heychat_fake::Policy& p) { return p.sent; });
  }

  /// The messages sent to one channel, in order.
  [[nodiscard]] std::vector<SentMessage> sent_messages(std::string_view channel_id) const {
    return with_policy([&](const heychat_fake::Policy& p) {
      std::vector<SentMessage> out;
      for (const auto& m : p.sent)
        if (m.request.channel_id.str() == channel_id) out.push_back(m);
      return out;
    });
  }

 private:
  static heychat_fake::Policy make_policy(std::string token) {
    heychat_fake::Policy p;
    p.token = std::move(token);
    return p;
  }
};

}  // namespace chatbind::testing
