// chatbind::testing::FakeWildfire — an offline Wildfire IM (野火IM) server admin API, chatroom group.
//
// Verifies every request's nonce/timestamp/sign against the configured secret with the client's own
// signing code (239 when unsigned, 243 when the timestamp is more than two hours old, 244 when the
// signature does not match, repeated inside result as the server does), answers 251 for a body that
// does not decode, and HTTP 500 with an empty body for an unknown path or a wrong method. Chatrooms
// are kept: created, read back, blacklisted, given managers, muted, and deleted softly (state 2).
#pragma once

#include "chatbind/core/signing.hpp"
#include "chatbind/testing/basic_fake.hpp"
#include "chatbind/wildfire/generated/spec_examples.hpp"
#include "chatbind/wildfire/platform.hpp"

#include <charconv>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace chatbind::testing {

namespace wildfire_fake {

/// A chatroom as the fake keeps it.
struct Chatroom {
  wildfire::ChatroomInfo info{};
  std::map<std::string, wildfire::BlacklistEntry> blacklist{};
  std::vector<std::string> managers{};
  wildfire::MuteAllStatus mute_all = wildfire::MuteAllStatus::unmuted;
};


struct Policy {
  using endpoints = wildfire::all_endpoints;
  using Code = wildfire::ErrorCode;

  std::string secret = "fake-secret";          ///< the admin secret the fake verifies signatures with
  std::function<std::int64_t()> clock_ms{};    ///< Unix milliseconds; the system clock when empty
  std::map<std::string, Chatroom> chatrooms{};
  std::uint64_t next_chatroom = 1;

  [[nodiscard]] std::int64_t now() const {
    return signing::unix_time_ms(clock_ms);
  }

  static Json envelope(Code code, std::string_view msg) { return Json{{"code", static_cast<std::int64_t>(code)}, {"msg", msg}}; }

  std::optional<HttpResponse> reject(const HttpRequest& request) const {
    const std::string_view nonce = request.header(wildfire::Signing::nonce_header),
                           stamp = request.header(wildfire::Signing::timestamp_header),
                           sign = request.header(wildfire::Signing::sign_header);
    std::int64_t timestamp = 0;
    const auto parsed = std::from_chars(stamp.data(), stamp.data() + stamp.size(), timestamp);
    if (nonce.empty() || sign.empty() || parsed.ec != std::errc{} || parsed.ptr != stamp.data() + stamp.size())
      return detail::json_response(envelope(Code::api_not_signed, "api not signed or sign parameter not completion"));
    if (now() - timestamp > std::chrono::milliseconds{wildfire::Signing::max_age}.count()) return detail::json_response(envelope(Code::sign_expired, "sign expired"));
    if (sign != wildfire::sign(nonce, secret, timestamp)) {
      Json body = envelope(Code::auth_failure, "auth failure");
      body["result"] = envelope(Code::auth_failure, "auth failure");
      return detail::json_response(body);
    }
    return std::nullopt;
  }

  static HttpResponse unknown_route(const HttpRequest&) {
    HttpResponse out;
    out.status = 500;
    return out;
  }

  template <class E>
  static HttpResponse invalid(const Error&) {
    return detail::json_response(envelope(Code::invalid_parameter, "Invalid parameter"));
  }

  template <class E>
  static HttpResponse failure(const Failure& f) {
    return detail::json_response(Json{{"code", f.code}, {"msg", f.msg}});
  }

  template <class E>
  static HttpResponse success(const typename E::response& response) {
    Json body = envelope(Code::success, "success");
    if constexpr (!std::is_same_v<typename E::response, Empty>) body["result"] = json::to_json(response);
    return detail::json_response(body);
  }

  template <class E>
  Reply<E> answer(const typename E::request& request) {
    using namespace wildfire;
    if constexpr (std::is_same_v<E, CreateChatroom>) {
      if (request.title.empty()) return invalid_parameter();
      const bool named = request.chatroomId && !request.chatroomId->empty();
      const std::string id = named ? *request.chatroomId : "chatroom" + std::to_string(next_chatroom++);
      Chatroom& room = chatrooms[id];
      ChatroomInfo& info = room.info;
      const std::int64_t t = now();
      if (info.chatroomId.empty()) info.createDt = t;
      info.chatroomId = id;
      info.title = request.title;
      info.desc = request.desc.value_or(info.desc.value_or(""));
      info.portrait = request.portrait.value_or(info.portrait.value_or(""));
      if (request.extra) info.extra = request.extra;
      info.state = request.state.value_or(info.state.value_or(ChatroomState::normal));
      info.updateDt = t;
      return CreateChatroomResult{id};
    } else if constexpr (std::is_same_v<E, GetUserChatroom>) {
      return not_exist();  // the fake tracks no connected clients
    } else if constexpr (requires { request.chatroomId; }) {
      const auto it = chatrooms.find(std::string{request.chatroomId});
      if (it == chatrooms.end()) return not_exist();
      return answer_room<E>(it->second, request);
    } else {
      return detail::example_response<E>(response_example<E>);
    }
  }

 private:
  static Failure not_exist() { return Failure{static_cast<std::int64_t>(Code::not_exist), "not exist"}; }
  static Failure invalid_parameter() { return Failure{static_cast<std::int64_t>(Code::invalid_parameter), "Invalid parameter"}; }

  template <class E>
  Reply<E> answer_room(Chatroom& room, const typename E::request& request) {
    using namespace wildfire;
    if constexpr (std::is_same_v<E, GetChatroomInfo>) {
      return room.info;
    } else if constexpr (std::is_same_v<E, DestroyChatroom>) {
      room.info.state = ChatroomState::ended;  // a soft delete, as the server does
      room.info.updateDt = now();
      return Empty{};
    } else if constexpr (std::is_same_v<E, SetChatroomBlacklist>) {
      if (request.userId.empty()) return invalid_parameter();
      if (request.status == BlacklistStatus::removed) {
        room.blacklist.erase(request.userId);
      } else {
        room.blacklist[request.userId] = BlacklistEntry{request.userId, request.status, request.expiredTime.value_or(0)};
      }
      return Empty{};
    } else if constexpr (std::is_same_v<E, GetChatroomBlacklist>) {
      ChatroomBlacklist out;
      for (const auto& [user, entry] : room.blacklist) out.infos.push_back(entry);
      return out;
    } else if constexpr (std::is_same_v<E, SetChatroomManager>) {
      if (request.userId.empty()) return invalid_parameter();
      std::erase(room.managers, request.userId);
      if (request.status == ManagerStatus::manager) room.managers.push_back(request.userId);
      return Empty{};
    } else if constexpr (std::is_same_v<E, GetChatroomManagers>) {
      return UserIdList{room.managers};
    } else if constexpr (std::is_same_v<E, SetChatroomMuteAll>) {
      room.mute_all = request.status;
      return Empty{};
    } else if constexpr (std::is_same_v<E, GetChatroomMembers>) {
      return UserIdList{};  // the fake tracks no connected clients
    } else {
      return detail::example_response<E>(response_example<E>);
    }
  }
};

}  // namespace wildfire_fake

/// The fake Wildfire IM admin API. Copies share one state.
class FakeWildfire : public BasicFake<wildfire_fake::Policy> {
 public:
  using Chatroom = wildfire_fake::Chatroom;

  explicit FakeWildfire(std::string secret = "fake-secret", std::function<std::int64_t()> clock_ms = {})
      : BasicFake(make_policy(std::move(secret), std::move(clock_ms))) {}

  /// The credentials a client needs to talk to this fake in-process (the same secret and clock).
  [[nodiscard]] wildfire::Credentials credentials() const {
    wildfire::Credentials c;
    with_policy([&](const wildfire_fake::Policy& p) {
      c.secret = p.secret;
      c.clock_ms = p.clock_ms;
    });
    c.base_url = "http://fake.wildfire";
    return c;
  }

  /// A chatroom as the fake keeps it (deleted ones too), or nullopt.
  [[nodiscard]] std::optional<Chatroom> chatroom(const std::string& chatroom_id) const {
    return with_policy([&](const wildfire_fake::Policy& p) -> std::optional<Chatroom> {
      const auto it = p.chatrooms.find(chatroom_id);
      if (it == p.chatrooms.end()) return std::nullopt;
      return it->second;
    });
  }

 private:
  static wildfire_fake::Policy make_policy(std::string secret, std::function<std::int64_t()> clock_ms) {
    wildfire_fake::Policy p;
    p.secret = std::move(secret);
    p.clock_ms = std::move(clock_ms);
    return p;
  }
};

}  // namespace chatbind::testing
