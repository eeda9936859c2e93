// chatbind::testing::FakeWildfire — an offline Wildfire IM (野火IM) server admin API: the chatroom,
// user, relation, group, message and sensitive-word groups.
//
// Verifies every request's nonce/timestamp/sign against the configured secret with the client's own
// signing code (239 when unsigned, 243 when the timestamp is more than two hours old unless
// check_time(false), 244 when the signature does not match, repeated inside result as the server
// does), answers 251 for a body that does not decode, and HTTP 500 with an empty body for an unknown
// path or a wrong method. Chatrooms are kept: created, read back, blacklisted, given managers, muted,
// and deleted softly (state 2); their members answer 253 (the fake tracks no connected clients).
// Users and robots are kept (created, read by id, name, mobile or email, paged, updated by mask,
// destroyed), with their block status and their clients (a token registers one; connect() puts it
// online); relations are kept one direction at a time, as im-server's FriendData: friends,
// blacklists, aliases, extras and friend requests. Groups are kept with their members (created,
// dismissed, transferred, modified, members added, kicked off (kept as removed, as the server's
// member table does), quitting, aliases, extras, managers; the user's groups by role and the
// groups two users share). Messages sent, broadcast and multicast are kept under a messageUid from
// a counter (past 2^53), read back by get_one as the server stores them, and recalled as the server
// recalls them (the stored message becomes a recall notice, content type 80, and recall answers the
// original's JSON text). Sensitive words are kept. The professional-edition paths (group mute and
// allow, message delete/update/clear, conversation delete, recall_broadcast, conv_read, delivery)
// answer HTTP 500 with an empty body, as the community server does (after the signature check).
// Bodies are read as the server's Gson reads them (unknown keys ignored, a missing or null number 0,
// boolean false, string empty, a quoted number a number) and kept as they came (bodies<E>()), and
// each call answers what its Action answers, as an admin's request
// (wildfirechat/im-server c4421fc: 251 invalid parameter, 253 not exist, 11 group exists, 248 not
// right, 9 not in group, 23 already friends, 246 blacklisted, 27 no token for a robot, 6 a bad auth
// code). Every kind of state holds at most max_kept entries; a call that needs one more answers 4
// (server error).
#pragma once

#include "chatbind/core/json_dom.hpp"
#include "chatbind/core/signing.hpp"
#include "chatbind/testing/basic_fake.hpp"
#include "chatbind/wildfire/generated/spec_examples.hpp"
#include "chatbind/wildfire/platform.hpp"

#include <boost/mp11/algorithm.hpp>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <deque>
#include <functional>
#include <limits>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
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

/// How many chatrooms, users, relation records, block statuses, clients and friend requests the fake
/// keeps (each): a long-running chatbind-fake must not grow without bound.
inline constexpr std::size_t max_kept = 10000;

/// A robot's own record (im-server's robot table).
struct Robot {
  std::string owner{};
  std::string secret{};
  std::string callback{};
  std::string robotExtra{};
};

/// A channel (频道) as /admin/channel/create keeps it: the channel API authenticates with its secret.
struct Channel {
  std::string owner{};
  std::string name{};
  std::string secret{};
  std::string callback{};
};

/// A call the fake accepted, as it came: its endpoint's method and path, and the body before Gson's
/// defaults fill it in (where a test sees an SDK's mistake that the server forgives).
struct RawCall {
  Method method = Method::get;
  std::string path{};
  std::string body{};
};

/// A callback the fake sent (or would have sent) as the server does: the webhook's name
/// (spec/wildfire.yaml webhooks, e.g. "message"), the URL it went to and the JSON body.
struct Callback {
  std::string name{};
  std::string url{};
  std::string body{};
  friend bool operator==(const Callback&, const Callback&) = default;
};

/// A user as the fake keeps it: `info` as /admin/user/get_info reads it back (every string set, ""
/// when unset; the password is never kept).
struct User {
  wildfire::UserInfo info{};
  bool deleted = false;  ///< /admin/user/destroy: get_info, get_info_by_email and all skip it
  std::optional<Robot> robot{};
  std::uint64_t seq = 0;  ///< creation order: /admin/user/all pages in it
};

/// What `user` keeps about `target` (im-server's FriendData, one direction of a relation).
struct Friend {
  /// 0 friends, 1 not. FriendData's default is 0, so a record that set_alias or set_extra creates
  /// reads as a friend, as on the server.
  std::int64_t state = 0;
  std::int64_t blacked = 0;  ///< 1 when user blacklisted target
  std::optional<std::string> alias{};
  std::optional<std::string> extra{};
  std::int64_t timestamp = 0;  ///< the last change, Unix ms: friend/list is oldest first
  std::uint64_t seq = 0;
};

/// A friend request /admin/friend/send_request accepted.
struct FriendRequest {
  std::string from{};
  std::string to{};
  std::string reason{};
  bool force = false;
  std::int64_t time = 0;
};

/// A client of a user: registered by /admin/user/get_token, online after FakeWildfire::connect.
struct Session {
  wildfire::UserSession info{};
  std::int64_t lastSeen = 0;
};

/// A group as the fake keeps it: `info` as /admin/group/get_info reads it back (every field set),
/// its members in join order; a member kicked off or gone stays, with type removed, as in the
/// server's member table (the lists and lookups skip it; of_user_by_type with no types does not).
struct Group {
  wildfire::GroupInfo info{};
  std::vector<wildfire::GroupMember> members{};
};

/// The professional edition's paths and those newer than the server snapshot (an SDK call and a pojo exist, the community server routes no
/// Action): the fake answers them HTTP 500 with an empty body, as that server does.
template <class E>
inline constexpr bool professional_only = boost::mp11::mp_contains<
    boost::mp11::mp_list<
        // admin
        wildfire::MuteGroupMembers, wildfire::AllowGroupMembers, wildfire::RecallBroadcastMessage, wildfire::DeleteMessage,
        wildfire::UpdateMessageContent, wildfire::ClearUserMessages, wildfire::DeleteUserConversation,
        wildfire::GetConversationReadTime, wildfire::GetMessageDelivery, wildfire::PutUserSetting, wildfire::GetUserSetting,
        wildfire::CreateOrUpdateDevice, wildfire::GetDevice, wildfire::GetUserDevices, wildfire::GetCustomer,
        wildfire::ListConferences, wildfire::ConferenceExists, wildfire::ListConferenceParticipants,
        wildfire::CreateConferenceRoom, wildfire::DestroyConferenceRoom, wildfire::SetConferenceRecording,
        wildfire::StartConferenceRtpForward, wildfire::StopConferenceRtpForward, wildfire::ListConferenceRtpForwarders,
        // newer than the server snapshot (not in its APIPath): no Action routes them either
        wildfire::BatchGetUserInfos, wildfire::GetFriendRequests, wildfire::HandleFriendRequest,
        wildfire::DeleteBroadcastMessage, wildfire::DeleteMulticastMessage, wildfire::GetPresignedUploadUrl,
        // the robot API
        wildfire::RobotRecallMessage, wildfire::RobotUpdateMessage, wildfire::RobotAllowGroupMembers,
        wildfire::RobotMuteGroupMembers, wildfire::RobotSetGroupManager, wildfire::RobotSendConferenceRequest>,
    E>::value;

/// The first messageUid the fake gives (then one more each time): past 2^53, as real ones are.
inline constexpr std::int64_t first_message_uid = 1790123456789012345;

/// The integer Gson's nextInt/nextLong reads for a field of type I: a number or a quoted number
/// (Integer.parseInt, else Double.parseDouble, which trims the string first) whose value is integral
/// and fits ("7", " 7 ", 7.0 and "7e0" are 7); nullopt for anything else, which Gson refuses too.
template <class I>
[[nodiscard]] std::optional<I> gson_integer(const Json& j) {
  double v = 0;
  if (j.is_number_float()) {
    v = j.get<double>();
  } else if (j.is_string()) {
    const auto parse = [](std::string_view s, auto& out) {  // the whole of s; a leading '+' as Java takes it
      if (s.size() > 1 && s[0] == '+' && s[1] != '-') s.remove_prefix(1);
      const auto r = std::from_chars(s.data(), s.data() + s.size(), out);
      return r.ec == std::errc{} && r.ptr == s.data() + s.size();
    };
    std::string_view s = j.get_ref<const std::string&>();
    if (I i{}; parse(s, i)) return i;
    while (!s.empty() && static_cast<unsigned char>(s.front()) <= ' ') s.remove_prefix(1);  // String.trim
    while (!s.empty() && static_cast<unsigned char>(s.back()) <= ' ') s.remove_suffix(1);
    if (!parse(s, v)) return std::nullopt;
  } else {
    return std::nullopt;
  }
  constexpr double end = static_cast<double>(std::numeric_limits<I>::max() / 2 + 1) * 2;  // 2^digits, exact
  constexpr double begin = std::is_signed_v<I> ? -end : 0;
  if (!(v >= begin && v < end) || std::trunc(v) != v) return std::nullopt;
  return static_cast<I>(v);
}

/// Rewrites `j`, bound to a field of type T, the way the server's Gson (2.8.9) binds it, so that the
/// decoder then reads what the Action reads: a member that is missing or null and not optional takes
/// its default (a missing int 0, boolean false, string "": the Actions test null and "" alike), a
/// quoted number binds to a number, a number or boolean to a string (its text), a string to a
/// boolean (true only for "true", in any case); in nested objects, arrays and maps too. Unknown keys
/// are left for the decoder to skip, and a repeated key was already resolved by the parse (the last
/// one wins, as in Gson). What Gson refuses (an object for a string, "x" for a number) is left as it
/// is, for the decoder to refuse.
template <class T>
void gson_bind(Json& j) {
  if constexpr (reflect::is_maybe<T>) {
    if (!j.is_null()) gson_bind<typename T::value_type>(j);
  } else if constexpr (std::is_same_v<T, std::string> || is_string_enum<T>) {
    if (j.is_number() || j.is_boolean()) {  // Gson's nextString: a number's text, Boolean.toString
      if (auto text = json::dump(j)) j = std::move(*text);
    }
  } else if constexpr (std::is_same_v<T, bool>) {
    if (j.is_string()) {  // Boolean.parseBoolean
      const std::string& s = j.get_ref<const std::string&>();
      j = s.size() == 4 && std::equal(s.begin(), s.end(), "true", [](char a, char b) { return (a | 0x20) == b; });
    }
  } else if constexpr (std::is_integral_v<T> || std::is_enum_v<T>) {  // a Java int or long (an enum's too)
    using I = typename std::conditional_t<std::is_enum_v<T>, std::underlying_type<T>, std::type_identity<T>>::type;
    if (!j.is_number_integer()) {
      if (const auto i = gson_integer<I>(j)) j = *i;
    }
  } else if constexpr (reflect::is_vector<T>::value) {
    if (j.is_array())
      for (Json& e : j) gson_bind<typename T::value_type>(e);
  } else if constexpr (reflect::is_string_map<T>::value) {
    if (j.is_object())
      for (auto it = j.begin(); it != j.end(); ++it) gson_bind<typename T::mapped_type>(it.value());
  } else if constexpr (reflect::described_struct<T> && !TaggedUnion<T>) {
    if (!j.is_object()) return;
    const T defaults{};
    reflect::for_each_member<T>([&](auto d) {
      using M = std::remove_cvref_t<decltype(defaults.*d.pointer)>;
      const std::string name{reflect::wire_name<T>(d.name)};
      const auto it = j.find(name);
      if constexpr (!reflect::is_maybe<M>) {
        if (it == j.end() || it->is_null()) {
          j[name] = json::to_json(defaults.*d.pointer);
          return;
        }
      }
      if (it != j.end()) gson_bind<M>(*it);
    });
  }
  // Anything else (RawJson, Json, IntBool, a tagged union) goes to the decoder as it came.
}

struct Policy {
  using endpoints = wildfire::all_endpoints;
  using Code = wildfire::ErrorCode;

  std::string secret = "fake-secret";          ///< the admin secret the fake verifies signatures with
  std::function<std::int64_t()> clock_ms{};    ///< Unix milliseconds; the system clock when empty
  /// Whether the admin API refuses a timestamp more than two hours old (243): wildfirechat.conf's
  /// http.admin.no_check_time false, the release default. The robot and channel APIs always check.
  bool check_time = true;
  std::deque<RawCall> raw_calls{};             ///< the newest max_kept accepted calls, as they came
  std::map<std::string, Chatroom> chatrooms{};
  std::uint64_t next_chatroom = 1;
  std::map<std::string, User> users{};
  std::map<std::pair<std::string, std::string>, Friend> friends{};  ///< (user, target) -> record
  std::map<std::string, wildfire::UserStatus> block_status{};       ///< only the users not normal
  std::map<std::pair<std::string, std::string>, Session> sessions{};  ///< (user, client) -> client
  std::deque<FriendRequest> friend_requests{};
  std::map<std::string, std::string> auth_codes{};  ///< auth code -> user id
  std::map<std::string, Group> groups{};
  std::size_t kept_members = 0;                       ///< the members of every group, removed ones too
  std::map<std::int64_t, wildfire::MessageData> messages{};  ///< messageUid -> the message as stored
  std::int64_t next_message_uid = first_message_uid;
  std::optional<std::int64_t> last_message_uid{};     ///< the newest message sent, broadcast or multicast
  std::set<std::string> sensitive_words{};
  std::map<std::string, Channel> channels{};
  /// Where the server's callbacks go, by webhook name (wildfirechat.conf's message.forward.url, …);
  /// a robot's messages go to its own callback URL instead.
  std::map<std::string, std::string, std::less<>> callback_urls{};
  /// Delivers a callback (chatbind-fake: a WebhookPusher per URL). It runs under the fake's lock: it
  /// must not call the fake (queue the delivery instead).
  std::function<void(const Callback&)> deliver{};
  std::deque<Callback> callbacks_sent{};  ///< the newest max_kept
  /// The robot or channel the current /robot/* or /channel/* call authenticated as (set by reject).
  std::string caller{};
  std::uint64_t next_id = 1;

  [[nodiscard]] std::int64_t now() const {
    return signing::unix_time_ms(clock_ms);
  }

  static Json envelope(Code code, std::string_view msg) { return Json{{"code", static_cast<std::int64_t>(code)}, {"msg", msg}}; }

  /// A failure before the Action runs: the envelope, repeated in `result` (as Action.doAction writes it).
  static HttpResponse pre_action(Code code, std::string_view msg) {
    Json body = envelope(code, msg);
    body["result"] = envelope(code, msg);
    return detail::json_response(body);
  }

  /// The checks of AdminAction, RobotAction and ChannelAction.preAction, in their order: the headers
  /// (239), the age of the timestamp (243), the robot (253, 248 without a secret) or channel (236, 237),
  /// then the sign with that secret (244).
  template <class E>
  std::optional<HttpResponse> reject(const HttpRequest& request) {
    using P = typename E::platform;
    const std::string_view nonce = request.header(wildfire::Signing::nonce_header),
                           stamp = request.header(wildfire::Signing::timestamp_header),
                           sign = request.header(wildfire::Signing::sign_header);
    std::string_view id;
    if constexpr (!std::is_same_v<P, wildfire::Platform>) id = request.header(P::id_header);
    constexpr bool needs_id = !std::is_same_v<P, wildfire::Platform>;
    std::int64_t timestamp = 0;
    const auto parsed = std::from_chars(stamp.data(), stamp.data() + stamp.size(), timestamp);
    if (nonce.empty() || sign.empty() || (needs_id && id.empty()) || parsed.ec != std::errc{} ||
        parsed.ptr != stamp.data() + stamp.size())
      return pre_action(Code::api_not_signed, "api not signed or sign parameter not completion");
    const bool checks_time = check_time || !std::is_same_v<P, wildfire::Platform>;  // no_check_time is AdminAction's only
    if (checks_time && now() - timestamp > std::chrono::milliseconds{wildfire::Signing::max_age}.count())
      return pre_action(Code::sign_expired, "sign expired");
    std::string_view key = secret;
    if constexpr (std::is_same_v<P, wildfire::RobotPlatform>) {
      const auto it = users.find(std::string{id});
      if (it == users.end() || it->second.deleted || !it->second.robot) return pre_action(Code::not_exist, "not exist");
      if (it->second.robot->secret.empty()) return pre_action(Code::not_right, "no right to operate");
      key = it->second.robot->secret;
    } else if constexpr (std::is_same_v<P, wildfire::ChannelPlatform>) {
      const auto it = channels.find(std::string{id});
      if (it == channels.end()) return pre_action(Code::channel_no_exist, "channel no exist");
      if (it->second.secret.empty()) return pre_action(Code::channel_no_secret, "channel no secret");
      key = it->second.secret;
    }
    if (sign != wildfire::sign(nonce, key, timestamp)) return pre_action(Code::auth_failure, "auth failure");
    caller = std::string{id};
    return std::nullopt;
  }

  static HttpResponse unknown_route(const HttpRequest&) {
    HttpResponse out;
    out.status = 500;
    return out;
  }

  /// The body as the server's Gson reads it (gson_bind: unknown keys ignored, a missing or null
  /// number 0, boolean false, string empty, a quoted number a number); what does not parse is 251.
  /// An accepted call's body is kept as it came.
  template <class E>
  Result<typename E::request> decode(const HttpRequest& http) {
    using R = typename E::request;
    auto request = [&]() -> Result<R> {
      if constexpr (E::body == Body::json && std::is_class_v<R> && !std::is_same_v<R, std::string>) {
        auto dom = json::parse(http.body);
        if (!dom) return dom.error();
        gson_bind<R>(*dom);
        return json::from_json<R>(*dom);
      } else {
        return detail::decode_request<E>(http);
      }
    }();
    if (request) {  // BasicFake records the call
      if (raw_calls.size() >= max_kept) raw_calls.pop_front();
      raw_calls.push_back({E::method, std::string{E::path}, http.body});
    }
    return request;
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
    if constexpr (professional_only<E>) {
      return HttpResponse{500, {}, ""};  // the community server routes no Action here
    } else if constexpr (boost::mp11::mp_contains<robot_service_endpoints, E>::value) {
      return answer_robot<E>(request);
    } else if constexpr (std::is_same_v<E, CreateChannel> || std::is_same_v<E, ChannelSendMessage>) {
      return answer_channel<E>(request);
    } else if constexpr (boost::mp11::mp_contains<user_endpoints, E>::value) {
      return answer_user<E>(request);
    } else if constexpr (boost::mp11::mp_contains<relation_endpoints, E>::value) {
      auto reply = answer_relation<E>(request);
      if constexpr (std::is_same_v<E, SetFriendStatus>) {
        if (reply.index() == 0) relation_changed(request);
      }
      return reply;
    } else if constexpr (boost::mp11::mp_contains<group_endpoints, E>::value) {
      auto reply = answer_group<E>(request);
      if (reply.index() == 0) group_changed<E>(request, std::get<0>(reply));
      return reply;
    } else if constexpr (boost::mp11::mp_contains<message_endpoints, E>::value) {
      return answer_message<E>(request);
    } else if constexpr (boost::mp11::mp_contains<sensitive_endpoints, E>::value) {
      return answer_sensitive<E>(request);
    } else if constexpr (std::is_same_v<E, CreateChatroom>) {
      if (request.title.empty()) return invalid_parameter();
      const bool named = request.chatroomId && !request.chatroomId->empty();
      const std::string id = named ? *request.chatroomId : "chatroom" + std::to_string(next_chatroom++);
      if (!chatrooms.contains(id) && chatrooms.size() >= max_kept) return full();
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
      post_event("chatroomInfo", ChatroomInfoEvent{id, ChatroomEventType::create});
      return CreateChatroomResult{id};
    } else if constexpr (std::is_same_v<E, GetUserChatroom>) {
      return not_exist();  // the fake tracks no connected clients
    } else if constexpr (std::is_same_v<E, GetChatroomMembers>) {
      // GetChatroomMembersAction: 251 without an id, else the users in the chatroom, and 253 when
      // there are none, whether or not the chatroom exists. The fake tracks no connected clients.
      if (request.chatroomId.empty()) return invalid_parameter();
      return not_exist();
    } else if constexpr (requires { request.chatroomId; }) {
      const auto it = chatrooms.find(std::string{request.chatroomId});
      if (it == chatrooms.end()) return not_exist();
      return answer_room<E>(it->second, request);
    } else {
      return detail::example_response<E>(response_example<E>);
    }
  }

  /// The online-status callback of `user`'s client (userOnlineStatus), with every session of the
  /// user as the server sends them: in OnlineEventSession its user id and client id trade places,
  /// as the broker's constructor call swaps them.
  void user_online(const std::string& user, const std::string& client) {
    const auto it = sessions.find({user, client});
    if (!callback_urls.contains(std::string_view{"userOnlineStatus"}) || it == sessions.end()) return;
    wildfire::UserOnlineEvent e{user, client, it->second.info.platform, wildfire::UserOnlineStatusCode::online, now(),
                                std::nullopt, 0, std::nullopt, {}};
    for (const auto& [key, session] : sessions) {
      if (key.first != user) continue;
      e.sessions.push_back({session.info.clientId, session.info.userId, session.info.platform, session.info.isOnline ? 0 : 1,
                            session.lastSeen, std::nullopt});
      std::swap(e.sessions.back().clientId, e.sessions.back().userId);
    }
    post_event("userOnlineStatus", e);
  }

 private:
  static Failure not_exist() { return Failure{static_cast<std::int64_t>(Code::not_exist), "not exist"}; }
  static Failure invalid_parameter() { return Failure{static_cast<std::int64_t>(Code::invalid_parameter), "Invalid parameter"}; }
  static Failure full() { return Failure{static_cast<std::int64_t>(Code::server_error), "server error"}; }
  static bool empty(const std::optional<std::string>& s) { return !s || s->empty(); }

  std::string fresh_id(std::string_view prefix) { return std::string{prefix} + std::to_string(next_id++); }

  /// The user `id`, made when new; nullptr when the fake is full.
  User* keep_user(const std::string& id) {
    if (const auto it = users.find(id); it != users.end()) return &it->second;
    if (users.size() >= max_kept) return nullptr;
    User& u = users[id];
    u.seq = next_id++;
    return &u;
  }

  [[nodiscard]] const User* live_user(const std::string& id) const {
    const auto it = users.find(id);
    return it == users.end() || it->second.deleted ? nullptr : &it->second;
  }

  /// A user's fields as the server stores and reads them back (InputOutputUserInfo.fromPbUser).
  wildfire::UserInfo stored(const std::string& id, const wildfire::UserInfo& in, wildfire::UserType type) const {
    wildfire::UserInfo out;
    out.userId = id;
    out.name = in.name;
    out.displayName = in.displayName ? (in.displayName->empty() ? in.name : *in.displayName) : "";
    out.portrait = in.portrait.value_or("");
    out.gender = in.gender.value_or(0);
    out.mobile = in.mobile.value_or("");
    out.email = in.email.value_or("");
    out.address = in.address.value_or("");
    out.company = in.company.value_or("");
    out.social = in.social.value_or("");
    out.extra = in.extra.value_or("");
    out.type = type;
    out.updateDt = now();
    return out;
  }

  /// The record `user` keeps about `target`, made by `make` when new; nullptr when the fake is full.
  template <class Make>
  Friend* keep_friend(const std::string& user, const std::string& target, Make make) {
    const auto key = std::pair{user, target};
    if (const auto it = friends.find(key); it != friends.end()) return &it->second;
    if (friends.size() >= max_kept) return nullptr;
    Friend& f = friends[key];
    make(f);
    f.seq = next_id++;
    return &f;
  }

  [[nodiscard]] const Friend* find_friend(const std::string& user, const std::string& target) const {
    const auto it = friends.find(std::pair{user, target});
    return it == friends.end() ? nullptr : &it->second;
  }

  /// The targets of `user`'s records that `keep` selects, oldest change first.
  template <class Keep>
  [[nodiscard]] wildfire::UserIdList targets(const std::string& user, Keep keep) const {
    std::vector<std::pair<std::tuple<std::int64_t, std::uint64_t>, std::string>> found;
    for (auto it = friends.lower_bound(std::pair{user, std::string{}}); it != friends.end() && it->first.first == user; ++it)
      if (keep(it->second)) found.push_back({{it->second.timestamp, it->second.seq}, it->first.second});
    std::sort(found.begin(), found.end());
    wildfire::UserIdList out;
    for (auto& [order, target] : found) out.list.push_back(std::move(target));
    return out;
  }

  void set_offline(const std::string& user, const std::optional<std::string>& client) {
    for (auto it = sessions.lower_bound(std::pair{user, std::string{}}); it != sessions.end() && it->first.first == user; ++it)
      if (empty(client) || it->first.second == *client) it->second.info.isOnline = false;
  }

  template <class E>
  Reply<E> answer_user(const typename E::request& request) {
    using namespace wildfire;
    if constexpr (std::is_same_v<E, CreateUser>) {
      const UserType type = request.type.value_or(UserType::normal);
      if (request.name.empty() || (type != UserType::normal && type != UserType::admin && type != UserType::super_admin))
        return invalid_parameter();
      const std::string id = empty(request.userId) ? fresh_id("user") : *request.userId;
      User* u = keep_user(id);
      if (!u) return full();
      *u = User{stored(id, request, type), false, std::nullopt, u->seq};
      post_event("userInfo", u->info);  // addUserInfo calls back as updateUserInfo does
      return CreateUserResult{id, request.name};
    } else if constexpr (std::is_same_v<E, UpdateUser>) {
      const UserInfo& in = request.userInfo;
      if (empty(in.userId) || request.flag <= 0) return invalid_parameter();
      const auto it = users.find(*in.userId);
      if (it == users.end()) return not_exist();
      const auto bit = [&](UpdateUserInfoMask m) { return (request.flag & static_cast<std::int32_t>(m)) != 0; };
      if (bit(UpdateUserInfoMask::name) && in.name.empty()) return invalid_parameter();
      UserInfo& info = it->second.info;
      if (bit(UpdateUserInfoMask::display_name)) info.displayName = in.displayName.value_or("");
      if (bit(UpdateUserInfoMask::portrait)) info.portrait = in.portrait.value_or("");
      if (bit(UpdateUserInfoMask::gender)) info.gender = in.gender.value_or(0);
      if (bit(UpdateUserInfoMask::mobile)) info.mobile = in.mobile.value_or("");
      if (bit(UpdateUserInfoMask::email)) info.email = in.email.value_or("");
      if (bit(UpdateUserInfoMask::address)) info.address = in.address.value_or("");
      if (bit(UpdateUserInfoMask::company)) info.company = in.company.value_or("");
      if (bit(UpdateUserInfoMask::social)) info.social = in.social.value_or("");
      if (bit(UpdateUserInfoMask::extra)) info.extra = in.extra.value_or("");
      if (bit(UpdateUserInfoMask::name)) info.name = in.name;
      info.updateDt = now();
      post_event("userInfo", info);
      return Empty{};
    } else if constexpr (std::is_same_v<E, DestroyUser>) {
      if (request.userId.empty()) return invalid_parameter();
      if (const auto it = users.find(request.userId); it != users.end()) it->second.deleted = true;
      std::erase_if(sessions, [&](const auto& s) { return s.first.first == request.userId; });
      return Empty{};
    } else if constexpr (std::is_same_v<E, GetUserInfo>) {
      const User* found = nullptr;
      if (!empty(request.userId)) {
        found = live_user(*request.userId);
      } else if (!empty(request.name) || !empty(request.mobile)) {
        for (const auto& [id, u] : users) {
          const bool match = !empty(request.name) ? u.info.name == *request.name : u.info.mobile == request.mobile;
          if (match) {
            found = u.deleted ? nullptr : &u;
            break;
          }
        }
      } else {
        return invalid_parameter();
      }
      if (!found) return not_exist();
      return found->info;
    } else if constexpr (std::is_same_v<E, GetUsersByEmail>) {
      if (request.empty()) return invalid_parameter();
      UserInfoList out;
      for (const auto& [id, u] : users)
        if (!u.deleted && u.info.email == request) out.userInfos.push_back(u.info);
      if (out.userInfos.empty()) return not_exist();
      return out;
    } else if constexpr (std::is_same_v<E, ListUsers>) {
      if (request.count <= 0 || request.offset < 0) return invalid_parameter();
      std::vector<const User*> live;
      for (const auto& [id, u] : users)
        if (!u.deleted) live.push_back(&u);
      std::sort(live.begin(), live.end(), [](const User* a, const User* b) { return a->seq < b->seq; });
      UserList out;
      for (std::size_t i = static_cast<std::size_t>(request.offset); i < live.size() && out.userInfoList.size() < static_cast<std::size_t>(request.count); ++i)
        out.userInfoList.push_back(live[i]->info);
      return out;
    } else if constexpr (std::is_same_v<E, CreateRobot>) {
      if (request.name.empty()) return invalid_parameter();
      const std::string id = empty(request.userId) ? fresh_id("robot") : *request.userId;
      User* u = keep_user(id);
      if (!u) return full();
      UserInfo in{.name = request.name, .displayName = request.displayName, .portrait = request.portrait, .gender = request.gender,
                  .mobile = request.mobile, .email = request.email, .address = request.address, .company = request.company,
                  .social = request.social, .extra = request.extra};
      Robot robot{empty(request.owner) ? id : *request.owner,
                  empty(request.secret) ? signing::sha1_hex("robot|" + id + "|" + std::to_string(next_id++)).substr(0, 32) : *request.secret,
                  request.callback.value_or(""), request.robotExtra.value_or("")};
      *u = User{stored(id, in, UserType::robot), false, robot, u->seq};
      return CreateRobotResult{id, robot.secret};
    } else if constexpr (std::is_same_v<E, GetRobotInfo>) {
      if (request.robotId.empty()) return invalid_parameter();
      const User* u = live_user(request.robotId);
      if (!u || !u->robot) return not_exist();
      const UserInfo& i = u->info;
      return RobotInfo{.userId = request.robotId, .name = i.name, .displayName = i.displayName, .portrait = i.portrait,
                       .gender = i.gender, .mobile = i.mobile, .email = i.email, .address = i.address, .company = i.company,
                       .social = i.social, .extra = i.extra, .updateDt = i.updateDt, .owner = u->robot->owner,
                       .secret = u->robot->secret, .callback = u->robot->callback, .robotExtra = u->robot->robotExtra};
    } else if constexpr (std::is_same_v<E, GetUserToken>) {
      if (request.userId.empty() || request.clientId.empty()) return invalid_parameter();
      if (const User* u = live_user(request.userId); u && u->robot)
        return Failure{static_cast<std::int64_t>(Code::robot_no_token), "robot no token"};
      const auto key = std::pair{request.userId, request.clientId};
      if (!sessions.contains(key) && sessions.size() >= max_kept) return full();
      Session& s = sessions[key];
      s.info.userId = request.userId;
      s.info.clientId = request.clientId;
      s.info.platform = request.platform.value_or(ClientPlatform::unset);
      if (!s.info.deviceToken) s.info.deviceToken = "";
      return UserToken{request.userId, signing::sha1_hex("token|" + request.userId + "|" + request.clientId + "|" + std::to_string(next_id++))};
    } else if constexpr (std::is_same_v<E, SetUserBlockStatus>) {
      if (request.userId.empty()) return invalid_parameter();
      if (request.status == UserStatus::normal) {
        block_status.erase(request.userId);
      } else {
        if (!block_status.contains(request.userId) && block_status.size() >= max_kept) return full();
        block_status[request.userId] = request.status;
      }
      if (request.status == UserStatus::forbidden) set_offline(request.userId, std::nullopt);  // kicked off
      return Empty{};
    } else if constexpr (std::is_same_v<E, GetUserBlockStatus>) {
      if (empty(request.userId)) return invalid_parameter();
      const auto it = block_status.find(*request.userId);
      return UserStatusResult{it == block_status.end() ? UserStatus::normal : it->second};
    } else if constexpr (std::is_same_v<E, GetBlockedUsers>) {
      BlockedUserList out;
      for (const auto& [user, status] : block_status) out.statusList.push_back({user, status});
      return out;
    } else if constexpr (std::is_same_v<E, GetUserOnlineStatus>) {
      if (empty(request.userId)) return invalid_parameter();
      UserOnlineStatus out;
      for (auto it = sessions.lower_bound(std::pair{*request.userId, std::string{}}); it != sessions.end() && it->first.first == *request.userId; ++it)
        if (it->second.info.isOnline) out.sessions.push_back({it->second.info.clientId, it->second.info.userId, it->second.info.platform, it->second.lastSeen, std::nullopt});
      return out;
    } else if constexpr (std::is_same_v<E, KickoffUserClient>) {
      if (request.first.empty()) return invalid_parameter();
      set_offline(request.first, request.second);
      return Empty{};
    } else if constexpr (std::is_same_v<E, GetOnlineUserCount>) {
      std::vector<std::string> online;
      for (const auto& [key, s] : sessions)
        if (s.info.isOnline && (online.empty() || online.back() != key.first)) online.push_back(key.first);
      return std::vector<OnlineCountNode>{{1, static_cast<std::int32_t>(online.size())}};
    } else if constexpr (std::is_same_v<E, GetOnlineUsers>) {
      if (request.nodeId != 1) return invalid_parameter();
      OnlineUserList out;
      out.offset = request.offset;
      std::int32_t index = 0;
      for (const auto& [key, s] : sessions) {
        if (!s.info.isOnline) continue;
        if (index++ >= request.offset && static_cast<std::int32_t>(out.userClients.size()) < request.count)
          out.userClients.push_back({s.info.userId, s.info.clientId, s.info.platform});
      }
      out.totalCount = index;
      return out;
    } else if constexpr (std::is_same_v<E, GetUserSessions>) {
      if (request.userId.empty()) return invalid_parameter();
      UserSessionList out;
      for (auto it = sessions.lower_bound(std::pair{request.userId, std::string{}}); it != sessions.end() && it->first.first == request.userId; ++it)
        out.userSessions.push_back(it->second.info);
      return out;
    } else {
      static_assert(std::is_same_v<E, GetApplicationUserInfo>);
      const auto code = auth_codes.find(request.authCode);
      if (code == auth_codes.end()) return Failure{static_cast<std::int64_t>(Code::token_error), "token error"};
      const User* u = live_user(code->second);
      if (!u) return not_exist();
      return ApplicationUserInfo{code->second, u->info.displayName, u->info.portrait};
    }
  }

  template <class E>
  Reply<E> answer_relation(const typename E::request& request) {
    using namespace wildfire;
    const std::int64_t t = now();
    if constexpr (std::is_same_v<E, SetFriendStatus>) {
      // Sent as the admin: MemoryMessagesStore.handleFriendRequest sets both sides (one for status 2).
      if (request.userId.empty() || request.friendUid.empty()) return invalid_parameter();
      const auto status = static_cast<std::int64_t>(request.status);
      const std::string extra = request.extra.value_or("");
      const bool both = status != 2;
      std::size_t needed = friends.contains({request.userId, request.friendUid}) ? 0 : 1;
      if (both && !friends.contains({request.friendUid, request.userId})) ++needed;
      if (friends.size() + needed > max_kept) return full();
      Friend* mine = keep_friend(request.userId, request.friendUid, [&](Friend& f) { f.alias = ""; });
      mine->state = status;
      mine->extra = extra;
      mine->timestamp = t;
      if (both) {
        Friend* theirs = keep_friend(request.friendUid, request.userId, [&](Friend& f) {
          f.alias = "";
          f.extra = extra;
        });
        theirs->state = status;
        theirs->timestamp = t;
      }
      return Empty{};
    } else if constexpr (std::is_same_v<E, GetFriendList>) {
      return targets(request.userId, [](const Friend& f) { return f.state == 0; });
    } else if constexpr (std::is_same_v<E, GetUserBlacklist>) {
      return targets(request.userId, [](const Friend& f) { return f.blacked > 0; });
    } else if constexpr (std::is_same_v<E, SetUserBlacklist>) {
      const auto status = static_cast<std::int64_t>(request.status);
      if (request.userId.empty() || request.targetUid.empty() || status < 0 || status > 2) return invalid_parameter();
      Friend* f = keep_friend(request.userId, request.targetUid, [](Friend& n) {
        n.state = 1;  // FriendData(from, target, "", "", 1, blacked, now): not a friend
        n.alias = "";
        n.extra = "";
      });
      if (!f) return full();
      f->blacked = status == 2 ? 1 : 0;
      f->timestamp = t;
      return Empty{};
    } else if constexpr (std::is_same_v<E, GetFriendAlias>) {
      FriendAlias out{request.operator_, request.targetId, std::nullopt};
      if (const Friend* f = find_friend(request.operator_, request.targetId)) out.alias = f->alias;
      return out;
    } else if constexpr (std::is_same_v<E, SetFriendAlias> || std::is_same_v<E, SetFriendExtra>) {
      // setFriendAliasRequest / setFriendExtraRequest: a new record is a `new FriendData()` (state 0).
      Friend* f = keep_friend(request.operator_, request.targetId, [](Friend&) {});
      if (!f) return full();
      if constexpr (std::is_same_v<E, SetFriendAlias>) {
        f->alias = request.alias.value_or("");
      } else {
        f->extra = request.extra;
      }
      f->timestamp = t;
      return Empty{};
    } else if constexpr (std::is_same_v<E, SendFriendRequest>) {
      if (request.userId.empty() || request.friendUid.empty()) return invalid_parameter();
      if (const Friend* f = find_friend(request.userId, request.friendUid); f && f->state == 0)
        return Failure{static_cast<std::int64_t>(Code::already_friends), "already friends"};
      const bool force = request.force.value_or(false);
      if (const Friend* f = find_friend(request.friendUid, request.userId); f && f->blacked > 0 && !force)
        return Failure{static_cast<std::int64_t>(Code::in_black_list), "user in black list"};
      std::erase_if(friend_requests, [&](const FriendRequest& r) { return r.from == request.userId && r.to == request.friendUid; });
      friend_requests.push_back({request.userId, request.friendUid, request.reason.value_or(""), force, t});
      while (friend_requests.size() > max_kept) friend_requests.pop_front();
      return Empty{};
    } else {
      static_assert(std::is_same_v<E, GetRelation>);
      Relation out{request.first, request.second.value_or(""), false, false, std::nullopt, std::nullopt};
      if (const Friend* f = find_friend(out.userId, out.targetId)) {
        out.isFriend = f->state == 0;
        out.isBlacked = f->blacked == 1;
        out.alias = f->alias;
        out.extra = f->extra;
      }
      return out;
    }
  }

  static Failure code(Code c, std::string msg) { return Failure{static_cast<std::int64_t>(c), std::move(msg)}; }
  static Failure not_right() { return code(Code::not_right, "no right to operate"); }

  [[nodiscard]] static bool live(const wildfire::GroupMember& m) { return m.type != wildfire::GroupMemberType::removed; }

  /// The member `id` of `g` (removed ones too), or nullptr.
  static wildfire::GroupMember* find_member(Group& g, std::string_view id) {
    const auto it = std::find_if(g.members.begin(), g.members.end(), [&](const wildfire::GroupMember& m) { return m.member_id == id; });
    return it == g.members.end() ? nullptr : &*it;
  }

  static std::int32_t live_count(const Group& g) {
    return static_cast<std::int32_t>(std::count_if(g.members.begin(), g.members.end(), [](const wildfire::GroupMember& m) { return live(m); }));
  }

  /// A member as the server stores and reads it back (every string set, createDt the join time).
  static wildfire::GroupMember stored_member(const wildfire::GroupMember& in, const std::string& owner, std::int64_t t) {
    using wildfire::GroupMemberType;
    GroupMemberType type = in.type.value_or(GroupMemberType::normal);
    if (in.member_id == owner) {
      type = GroupMemberType::owner;
    } else if (type == GroupMemberType::owner) {
      type = GroupMemberType::normal;  // the store logs the conflict and makes it normal
    }
    return wildfire::GroupMember{in.member_id, in.alias.value_or(""), type, in.extra.value_or(""), t};
  }

  /// Puts `members` into `g` (an existing one is replaced, as an admin's add does); false (nothing
  /// changed) when the fake would keep more than max_kept members.
  bool put_members(Group& g, const std::vector<wildfire::GroupMember>& members, std::int64_t t) {
    std::size_t added = 0;
    for (const auto& m : members)
      if (!find_member(g, m.member_id)) ++added;
    if (kept_members + added > max_kept) return false;
    const std::string owner = g.info.owner.value_or("");
    for (const auto& m : members) {
      wildfire::GroupMember stored = stored_member(m, owner, t++);
      if (wildfire::GroupMember* existing = find_member(g, m.member_id)) {
        *existing = std::move(stored);
      } else {
        g.members.push_back(std::move(stored));
        ++kept_members;
      }
    }
    return true;
  }

  void erase_group(std::map<std::string, Group>::iterator it) {
    kept_members -= it->second.members.size();
    groups.erase(it);
  }

  /// The group ids that have `user` as a member `keep` selects.
  template <class Keep>
  [[nodiscard]] wildfire::GroupIdList groups_of(const std::string& user, Keep keep) const {
    wildfire::GroupIdList out;
    for (const auto& [id, g] : groups)
      for (const auto& m : g.members)
        if (m.member_id == user && keep(m)) {
          out.groupIds.push_back(id);
          break;
        }
    return out;
  }

  template <class E>
  Reply<E> answer_group(const typename E::request& request) {
    using namespace wildfire;
    const std::int64_t t = now();
    if constexpr (std::is_same_v<E, CreateGroup>) {
      const GroupInfo& in = request.group.group_info;
      const auto type = static_cast<std::int64_t>(in.type.value_or(GroupType::normal));
      if (type < 0 || type > 3) return code(Code::invalid_data, "invalid data");  // CreateGroupHandler
      if (!empty(in.target_id) && groups.contains(*in.target_id)) return code(Code::group_already_exist, "group already exist");
      if (groups.size() >= max_kept) return full();
      const std::string id = empty(in.target_id) ? fresh_id("group") : *in.target_id;
      // An admin's group is owned by group_info.owner, else by the operator (MemoryMessagesStore.createGroup).
      const std::string owner = !empty(in.owner) ? *in.owner : request.operator_.value_or("");
      std::vector<GroupMember> members = request.group.members.value_or(std::vector<GroupMember>{});
      if (!owner.empty() && std::none_of(members.begin(), members.end(), [&](const GroupMember& m) { return m.member_id == owner; }))
        members.push_back(GroupMember{.member_id = owner, .type = GroupMemberType::owner});
      Group g;
      g.info = GroupInfo{id, in.name.value_or(""), in.portrait.value_or(""), owner, static_cast<GroupType>(type), in.extra.value_or(""),
                         in.mute.value_or(0), in.join_type.value_or(0), in.private_chat.value_or(0), in.searchable.value_or(0),
                         0, in.history_message.value_or(0), in.super_group.value_or(false)};
      if (!put_members(g, members, t)) return full();
      groups.emplace(id, std::move(g));
      return CreateGroupResult{id};
    } else if constexpr (std::is_same_v<E, GetUserGroups>) {
      if (request.userId.empty()) return invalid_parameter();
      return groups_of(request.userId, [](const GroupMember& m) { return live(m); });
    } else if constexpr (std::is_same_v<E, GetUserGroupsByType>) {
      if (request.userId.empty()) return invalid_parameter();
      // No types: every membership row, removed ones too (the server's SQL has no type filter then).
      const std::vector<GroupMemberType> types = request.groupMemberTypes.value_or(std::vector<GroupMemberType>{});
      return groups_of(request.userId, [&](const GroupMember& m) { return types.empty() || std::find(types.begin(), types.end(), m.type) != types.end(); });
    } else if constexpr (std::is_same_v<E, GetCommonGroups>) {
      if (request.first.empty() || empty(request.second)) return invalid_parameter();
      GroupIdList out;
      for (auto& [id, g] : groups) {
        const GroupMember* a = find_member(g, request.first);
        const GroupMember* b = find_member(g, *request.second);
        if (a && b && live(*a) && live(*b)) out.groupIds.push_back(id);
      }
      return out;
    } else if constexpr (requires { request.groupId; }) {  // GetGroupInfo, GetGroupMembers, GetGroupMember
      if (request.groupId.empty()) return invalid_parameter();
      if constexpr (requires { request.memberId; }) {
        if (request.memberId.empty()) return invalid_parameter();
      }
      const auto it = groups.find(request.groupId);
      if (it == groups.end()) return not_exist();
      Group& g = it->second;
      if constexpr (std::is_same_v<E, GetGroupInfo>) {
        GroupInfo info = g.info;
        info.max_member_count = live_count(g);  // GetGroupInfoAction fills it from the stored member count
        return info;
      } else if constexpr (std::is_same_v<E, GetGroupMembers>) {
        GroupMemberList out;
        for (const auto& m : g.members)
          if (live(m)) out.members.push_back(m);
        return out;
      } else {
        static_assert(std::is_same_v<E, GetGroupMember>);
        const GroupMember* m = find_member(g, request.memberId);
        if (!m || !live(*m)) return not_exist();
        return *m;
      }
    } else {
      // The changing calls: the Actions' checks, then the store's (as an admin: every right).
      if constexpr (requires { request.operator_.empty(); }) {
        if (request.operator_.empty()) return invalid_parameter();
      }
      if constexpr (requires { request.members.empty(); } && !std::is_same_v<E, AddGroupMembers>) {
        if (request.members.empty()) return invalid_parameter();
      }
      if constexpr (std::is_same_v<E, TransferGroup>) {
        if (request.new_owner.empty()) return invalid_parameter();
      }
      if (request.group_id.empty()) return invalid_parameter();
      const auto it = groups.find(request.group_id);
      if (it == groups.end()) return not_exist();
      Group& g = it->second;
      if constexpr (std::is_same_v<E, DismissGroup>) {
        erase_group(it);
      } else if constexpr (std::is_same_v<E, TransferGroup>) {
        for (auto& m : g.members) {
          if (m.member_id == request.new_owner) {
            m.type = GroupMemberType::owner;
          } else if (m.type == GroupMemberType::owner) {
            m.type = GroupMemberType::normal;
          }
        }
        g.info.owner = request.new_owner;  // the store does not check that the new owner is a member
      } else if constexpr (std::is_same_v<E, ModifyGroupInfo>) {
        const auto number = [&]() -> std::optional<std::int32_t> {
          std::int32_t v = 0;
          const auto r = std::from_chars(request.value.data(), request.value.data() + request.value.size(), v);
          if (r.ec != std::errc{} || r.ptr != request.value.data() + request.value.size()) return std::nullopt;
          return v;
        };
        const auto type = static_cast<std::int64_t>(request.type);
        if (type <= 2) {
          if (type < 0) return invalid_parameter();
          (type == 0 ? g.info.name : type == 1 ? g.info.portrait : g.info.extra) = request.value;
        } else if (type <= 6) {
          const auto v = number();
          if (!v) return full();  // Integer.parseInt throws: the handler answers 4
          (type == 3 ? g.info.mute : type == 4 ? g.info.join_type : type == 5 ? g.info.private_chat : g.info.searchable) = *v;
        } else {
          return invalid_parameter();  // the community store changes types 0 to 6 only
        }
      } else if constexpr (std::is_same_v<E, AddGroupMembers>) {
        if (!put_members(g, request.members, t)) return full();
      } else if constexpr (std::is_same_v<E, KickoffGroupMembers>) {
        for (const auto& id : request.members)
          if (GroupMember* m = find_member(g, id)) m->type = GroupMemberType::removed;
      } else if constexpr (std::is_same_v<E, QuitGroup>) {
        if (g.info.type != GroupType::free && g.info.owner == request.operator_) {
          const auto heir = std::find_if(g.members.begin(), g.members.end(),
                                         [&](const GroupMember& m) { return m.member_id != request.operator_ && live(m); });
          if (heir == g.members.end()) {
            erase_group(it);  // the owner was the last member: the group is dismissed
            return Empty{};
          }
          heir->type = GroupMemberType::owner;
          g.info.owner = heir->member_id;
        }
        if (GroupMember* m = find_member(g, request.operator_)) m->type = GroupMemberType::removed;
      } else if constexpr (std::is_same_v<E, SetGroupMemberAlias> || std::is_same_v<E, SetGroupMemberExtra>) {
        const std::string& id = request.memberId.empty() ? request.operator_.value_or("") : request.memberId;
        GroupMember* m = find_member(g, id);
        if (!m || !live(*m)) return code(Code::not_in_group, "not in group");
        if constexpr (std::is_same_v<E, SetGroupMemberAlias>) {
          m->alias = request.alias.value_or("");
        } else {
          m->extra = request.extra.value_or("");
        }
      } else {
        static_assert(std::is_same_v<E, SetGroupManager>);
        if (std::find(request.members.begin(), request.members.end(), g.info.owner) != request.members.end()) return not_right();
        for (auto& m : g.members)
          if (live(m) && std::find(request.members.begin(), request.members.end(), m.member_id) != request.members.end())
            m.type = request.is_manager ? GroupMemberType::manager : GroupMemberType::normal;
      }
      return Empty{};
    }
  }

  /// A content as the server stores and reads it back (MessagePayload.fromProtoMessageContent):
  /// every string set, "" when unset, but base64edData only when there is data.
  static wildfire::MessagePayload stored_payload(const wildfire::MessagePayload& in) {
    wildfire::MessagePayload out;
    out.type = in.type;
    out.searchableContent = in.searchableContent.value_or("");
    out.pushContent = in.pushContent.value_or("");
    out.pushData = in.pushData.value_or("");
    out.content = in.content.value_or("");
    if (!empty(in.base64edData)) out.base64edData = in.base64edData;
    out.mediaType = in.mediaType.value_or(0);
    out.remoteMediaUrl = in.remoteMediaUrl.value_or("");
    out.persistFlag = in.persistFlag.value_or(wildfire::PersistFlag::not_persist);
    out.expireDuration = in.expireDuration.value_or(0);
    out.mentionedType = in.mentionedType.value_or(0);
    out.mentionedTarget = in.mentionedTarget.value_or(std::vector<std::string>{});
    out.extra = in.extra.value_or("");
    return out;
  }

  /// A JSON string as json-simple's JSONValue.escape writes it ('/' as "\/"; U+0000-001F,
  /// U+007F-009F and U+2000-20FF as \uXXXX).
  static std::string simple_json_string(std::string_view s) {
    static constexpr char hex[] = "0123456789ABCDEF";
    std::string out = "\"";
    const auto u = [&](unsigned cp) { out += {'\\', 'u', hex[(cp >> 12) & 15], hex[(cp >> 8) & 15], hex[(cp >> 4) & 15], hex[cp & 15]}; };
    for (std::size_t i = 0; i < s.size(); ++i) {
      const auto c = static_cast<unsigned char>(s[i]);
      const auto next = [&](std::size_t k) { return i + k < s.size() ? static_cast<unsigned char>(s[i + k]) : 0u; };
      switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '/': out += "\\/"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
          if (c < 0x20 || c == 0x7F) {
            u(c);
          } else if (c == 0xC2 && next(1) >= 0x80 && next(1) <= 0x9F) {
            u(next(1));
            ++i;
          } else if (c == 0xE2 && next(1) >= 0x80 && next(1) <= 0x83 && (next(2) & 0xC0) == 0x80) {
            u(0x2000u | ((next(1) & 0x3Fu) << 6) | (next(2) & 0x3Fu));
            i += 2;
          } else {
            out += static_cast<char>(c);
          }
      }
    }
    return out + '"';
  }

  static std::string base64(std::string_view in) {
    static constexpr char table[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    for (std::size_t i = 0; i < in.size(); i += 3) {
      const std::size_t n = std::min<std::size_t>(3, in.size() - i);
      std::uint32_t v = 0;
      for (std::size_t k = 0; k < 3; ++k) v = (v << 8) | (k < n ? static_cast<unsigned char>(in[i + k]) : 0u);
      for (std::size_t k = 0; k < 4; ++k) out += k <= n ? table[(v >> (18 - 6 * k)) & 63] : '=';
    }
    return out;
  }

  /// Recalls `m` as MemoryMessagesStore.recallMessage does for an admin: the original's content as
  /// json-simple's JSON text (its HashMap order: sc, b, s, c, t, e, mt, mu, ts), then the stored
  /// message becomes a recall notice (type 80, content the operator, extra that text). "" when it
  /// was recalled before.
  static std::string recall(wildfire::MessageData& m, const std::string& operator_id) {
    wildfire::MessagePayload& p = m.payload;
    if (p.type == 80) return "";
    std::string text = "{\"sc\":" + simple_json_string(p.searchableContent.value_or(""));
    if (!empty(p.base64edData)) text += ",\"b\":" + simple_json_string(*p.base64edData);
    text += ",\"s\":" + simple_json_string(m.sender) + ",\"c\":" + simple_json_string(p.content.value_or("")) +
            ",\"t\":" + std::to_string(p.type) + ",\"e\":" + simple_json_string(p.extra.value_or(""));
    if (p.mediaType.value_or(0) > 0) text += ",\"mt\":" + std::to_string(*p.mediaType);
    if (!empty(p.remoteMediaUrl)) text += ",\"mu\":" + simple_json_string(*p.remoteMediaUrl);
    text += ",\"ts\":" + std::to_string(m.timestamp) + "}";
    const std::string uid = std::to_string(m.messageId);
    p = stored_payload(wildfire::MessagePayload{.type = 80,
                                                .pushData = "{\"messageUid\":" + uid + "}",
                                                .content = operator_id,
                                                .base64edData = base64(uid),
                                                .persistFlag = wildfire::PersistFlag::persist,
                                                .extra = text});
    return text;
  }

  /// Keeps a message under a fresh messageUid; nullopt when the fake keeps max_kept already.
  std::optional<std::int64_t> keep_message(std::string sender, wildfire::Conversation conv, const wildfire::MessagePayload& payload,
                                           std::vector<std::string> to, std::int64_t t) {
    if (messages.size() >= max_kept) return std::nullopt;
    const std::int64_t uid = next_message_uid++;
    if (!conv.line) conv.line = 0;
    messages[uid] = wildfire::MessageData{uid, std::move(sender), std::move(conv), stored_payload(payload), std::move(to), t, std::nullopt};
    last_message_uid = uid;
    return uid;
  }

  /// Sends (or records) one callback, as the server's HttpUtils posts it; nothing without a URL.
  void post_callback(std::string_view name, const std::string& url, std::string body) {
    if (url.empty()) return;
    Callback c{std::string{name}, url, std::move(body)};
    if (deliver) deliver(c);
    if (callbacks_sent.size() >= max_kept) callbacks_sent.pop_front();
    callbacks_sent.push_back(std::move(c));
  }

  /// The callback `name` with `event` as its body, when a URL is set for it.
  template <class Event>
  void post_event(std::string_view name, const Event& event) {
    const auto url = callback_urls.find(name);
    if (url == callback_urls.end()) return;
    if (auto body = json::to_string(event)) post_callback(name, url->second, std::move(*body));
  }

  /// The group callbacks of a change that succeeded: groupInfo (create, update, transfer, dismiss)
  /// with the group as it is now, groupMember (join, kickoff, leave) with the members concerned.
  template <class E>
  void group_changed(const typename E::request& r, const typename E::response& response) {
    using namespace wildfire;
    const auto info = [&](std::optional<std::string> by, const std::string& id, GroupEventType type) {
      GroupInfoEvent e{std::move(by), id, type, {}};
      if (const auto g = groups.find(id); g != groups.end()) {
        e.groupInfo = g->second.info;
      } else {
        e.groupInfo.target_id = id;  // dismissed: only its id is left
      }
      post_event("groupInfo", e);
    };
    const auto members = [&](std::optional<std::string> by, const std::string& id, std::vector<std::string> ids,
                             GroupMemberEventType type) {
      post_event("groupMember", GroupMemberEvent{std::move(by), id, std::move(ids), type, std::nullopt});
    };
    if constexpr (std::is_same_v<E, CreateGroup>) {
      info(r.operator_, response.group_id, GroupEventType::create);
    } else if constexpr (std::is_same_v<E, ModifyGroupInfo>) {
      info(r.operator_, r.group_id, GroupEventType::update);
    } else if constexpr (std::is_same_v<E, TransferGroup>) {
      info(r.operator_, r.group_id, GroupEventType::transfer);
    } else if constexpr (std::is_same_v<E, DismissGroup>) {
      info(r.operator_, r.group_id, GroupEventType::destroy);
    } else if constexpr (std::is_same_v<E, AddGroupMembers>) {
      std::vector<std::string> ids;
      for (const auto& m : r.members) ids.push_back(m.member_id);
      members(r.operator_, r.group_id, std::move(ids), GroupMemberEventType::join);
    } else if constexpr (std::is_same_v<E, KickoffGroupMembers>) {
      members(r.operator_, r.group_id, r.members, GroupMemberEventType::kickoff);
    } else if constexpr (std::is_same_v<E, QuitGroup>) {
      members(r.operator_, r.group_id, std::vector<std::string>{std::string{r.operator_}}, GroupMemberEventType::leave);
    } else {
      (void)r;
      (void)response;
    }
  }

  /// The relation callback of /admin/friend/status: value "1" friends, "0" not.
  void relation_changed(const wildfire::FriendStatusRequest& r) {
    post_event("relation", wildfire::RelationEvent{r.userId, r.friendUid, wildfire::RelationEventType::friend_,
                                                   r.status == wildfire::FriendStatus::friend_ ? "1" : "0"});
  }

  /// What the server does with a message once stored: forwards it (message.forward.url, the
  /// callback "message"), and posts it to each robot among its receivers that has a callback URL
  /// ("robotMessage": a private chat with the robot, or a group it is in), never to its sender.
  void message_sent(const wildfire::MessageData& m) {
    auto body = json::to_string(m);
    if (!body) return;
    if (const auto url = callback_urls.find(std::string_view{"message"}); url != callback_urls.end()) post_callback("message", url->second, *body);
    if (m.payload.mentionedType.value_or(0) != 0) {
      if (const auto url = callback_urls.find(std::string_view{"mentionMessage"}); url != callback_urls.end())
        post_callback("mentionMessage", url->second, *body);
    }
    std::vector<std::string> receivers;
    if (m.conv.type == wildfire::ConversationType::private_) {
      receivers.push_back(m.conv.target);
    } else if (m.conv.type == wildfire::ConversationType::group) {
      if (const auto g = groups.find(m.conv.target); g != groups.end())
        for (const auto& member : g->second.members)
          if (member.type != wildfire::GroupMemberType::removed) receivers.push_back(member.member_id);
    }
    for (const auto& id : receivers) {
      const auto u = users.find(id);
      if (id == m.sender || u == users.end() || u->second.deleted || !u->second.robot) continue;
      post_callback("robotMessage", u->second.robot->callback, *body);
    }
  }

  /// The robot API (RobotAction subclasses) for the robot `caller`: it sends as itself, reads its
  /// profile and manages its callback URL; the rest answers from the spec's examples.
  template <class E>
  Reply<E> answer_robot(const typename E::request& request) {
    using namespace wildfire;
    User& robot = users.at(caller);  // reject() found it
    if constexpr (std::is_same_v<E, RobotSendMessage>) {
      const auto type = static_cast<std::int64_t>(request.conv.type);
      if (request.conv.target.empty() || type < 0 || type > 6) return invalid_parameter();
      const std::int64_t t = now();
      const auto uid = keep_message(caller, request.conv, request.payload, request.toUsers.value_or(std::vector<std::string>{}), t);
      if (!uid) return full();
      message_sent(messages.at(*uid));
      return SendMessageResult{*uid, t};
    } else if constexpr (std::is_same_v<E, RobotSetCallback>) {
      // SetCallbackAction keeps an existing URL (it answers 0): delete_callback first to change it.
      if (robot.robot->callback.empty()) robot.robot->callback = request.url;
      return Empty{};
    } else if constexpr (std::is_same_v<E, RobotGetCallback>) {
      return RobotCallback{robot.robot->callback};
    } else if constexpr (std::is_same_v<E, RobotDeleteCallback>) {
      robot.robot->callback.clear();
      return Empty{};
    } else {
      return detail::example_response<E>(response_example<E>);
    }
  }

  /// The admin channel create (its secret is what the channel API signs with) and the channel's send.
  template <class E>
  Reply<E> answer_channel(const typename E::request& request) {
    using namespace wildfire;
    if constexpr (std::is_same_v<E, CreateChannel>) {
      if (request.owner.empty() || request.name.empty()) return invalid_parameter();
      const std::string id = empty(request.targetId) ? fresh_id("channel") : *request.targetId;
      if (!channels.contains(id) && channels.size() >= max_kept) return full();
      Channel& c = channels[id];
      c.owner = request.owner;
      c.name = request.name;
      c.callback = request.callback.value_or("");
      c.secret = empty(request.secret) ? signing::sha1_hex("channel|" + id + "|" + std::to_string(next_id++)).substr(0, 32) : *request.secret;
      post_event("channelInfo", ChannelInfoEvent{request.owner, id, ChannelEventType::create});
      return CreateChannelResult{id};
    } else {
      static_assert(std::is_same_v<E, ChannelSendMessage>);
      const Channel& c = channels.at(caller);  // reject() found it
      const std::int64_t t = now();
      const auto uid = keep_message(c.owner, Conversation{ConversationType::channel, caller, request.line.value_or(0)}, request.payload,
                                    request.targets.value_or(std::vector<std::string>{}), t);
      if (!uid) return full();
      message_sent(messages.at(*uid));
      return SendMessageResult{*uid, t};
    }
  }

  template <class E>
  Reply<E> answer_message(const typename E::request& request) {
    using namespace wildfire;
    const std::int64_t t = now();
    if constexpr (std::is_same_v<E, SendMessage>) {
      const auto type = static_cast<std::int64_t>(request.conv.type);
      if (request.sender.empty() || request.conv.target.empty() || type < 0 || type > 6) return invalid_parameter();
      const auto uid = keep_message(request.sender, request.conv, request.payload, request.toUsers.value_or(std::vector<std::string>{}), t);
      if (!uid) return full();
      message_sent(messages.at(*uid));
      return SendMessageResult{*uid, t};
    } else if constexpr (std::is_same_v<E, BroadcastMessage> || std::is_same_v<E, MulticastMessage>) {
      // Both are stored as a private message whose target is the sender (Broadcast/MultiCastMessageHandler).
      if (request.sender.empty()) return invalid_parameter();
      const auto uid = keep_message(request.sender, Conversation{ConversationType::private_, request.sender, request.line.value_or(0)},
                                    request.payload, {}, t);
      if (!uid) return full();
      if constexpr (std::is_same_v<E, BroadcastMessage>) {
        std::int64_t count = 0;
        for (const auto& [id, u] : users)
          if (!u.deleted && id != request.sender) ++count;
        return BroadcastMessageResult{*uid, count};
      } else {
        return MulticastMessageResult{*uid, t};
      }
    } else if constexpr (std::is_same_v<E, RecallMessage> || std::is_same_v<E, RecallMulticastMessage>) {
      if (request.operator_.empty()) return invalid_parameter();
      const auto it = messages.find(request.messageUid);
      if (it == messages.end()) return not_exist();
      const wildfire::MessageData before = it->second;
      std::string text = recall(it->second, request.operator_);
      if (before.payload.type != 80)  // a recall notification itself is not called back
        post_event("recallMessage", wildfire::RecallMessageEvent{before, request.operator_, t, /*isAdmin=*/true});
      if constexpr (std::is_same_v<E, RecallMessage>) {
        return text;
      } else {
        return Empty{};
      }
    } else {
      static_assert(std::is_same_v<E, GetMessage>);
      if (request.messageUid <= 0) return invalid_parameter();
      const auto it = messages.find(request.messageUid);
      if (it == messages.end()) return not_exist();
      return it->second;
    }
  }

  template <class E>
  Reply<E> answer_sensitive(const typename E::request& request) {
    using namespace wildfire;
    if constexpr (std::is_same_v<E, GetSensitiveWords>) {
      return SensitiveWords{std::vector<std::string>(sensitive_words.begin(), sensitive_words.end())};
    } else {
      if (request.words.empty()) return invalid_parameter();
      if constexpr (std::is_same_v<E, AddSensitiveWords>) {
        std::size_t added = 0;
        for (const auto& w : request.words) added += sensitive_words.contains(w) ? 0 : 1;
        if (sensitive_words.size() + added > max_kept) return full();  // the store's failure: 4
        sensitive_words.insert(request.words.begin(), request.words.end());
      } else {
        for (const auto& w : request.words) sensitive_words.erase(w);
      }
      return Empty{};
    }
  }

  template <class E>
  Reply<E> answer_room(Chatroom& room, const typename E::request& request) {
    using namespace wildfire;
    if constexpr (std::is_same_v<E, GetChatroomInfo>) {
      return room.info;
    } else if constexpr (std::is_same_v<E, DestroyChatroom>) {
      if (room.info.state != ChatroomState::ended) post_event("chatroomInfo", ChatroomInfoEvent{room.info.chatroomId, ChatroomEventType::destroy});
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
  using User = wildfire_fake::User;
  using Friend = wildfire_fake::Friend;
  using FriendRequest = wildfire_fake::FriendRequest;
  using Session = wildfire_fake::Session;
  using Group = wildfire_fake::Group;
  using Callback = wildfire_fake::Callback;

  explicit FakeWildfire(std::string secret = "fake-secret", std::function<std::int64_t()> clock_ms = {})
      : BasicFake(make_policy(std::move(secret), std::move(clock_ms))) {}

  /// Whether the admin API refuses a timestamp more than two hours old (243). On by default, as the
  /// release server's wildfirechat.conf has it; off is its `http.admin.no_check_time true` (the
  /// headers must still be there and the timestamp a number). The robot and channel APIs always
  /// check, as on the server.
  void check_time(bool check) {
    with_policy([&](wildfire_fake::Policy& p) { p.check_time = check; });
  }
  [[nodiscard]] bool checks_time() const {
    return with_policy([](const wildfire_fake::Policy& p) { return p.check_time; });
  }

  /// The bodies of the accepted calls to E, oldest first, as they came: before Gson's defaults fill
  /// them in, so that a test sees an SDK's mistake the server forgives (requests<E>() has them as
  /// the Action reads them). The fake keeps the newest max_kept calls' bodies, of every endpoint.
  template <EndpointDescriptor E>
    requires boost::mp11::mp_contains<endpoints, E>::value
  [[nodiscard]] std::vector<std::string> bodies() const {
    return with_policy([](const wildfire_fake::Policy& p) {
      std::vector<std::string> out;
      for (const wildfire_fake::RawCall& c : p.raw_calls)
        if (c.method == E::method && c.path == E::path) out.push_back(c.body);
      return out;
    });
  }

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

  /// The credentials of robot `robot_id` (made by /admin/robot/create) for the robot API, with its
  /// secret and the fake's clock; nullopt when there is no such robot.
  [[nodiscard]] std::optional<wildfire::RobotCredentials> robot_credentials(const std::string& robot_id) const {
    return with_policy([&](const wildfire_fake::Policy& p) -> std::optional<wildfire::RobotCredentials> {
      const auto it = p.users.find(robot_id);
      if (it == p.users.end() || !it->second.robot) return std::nullopt;
      return wildfire::RobotCredentials{.robot_id = robot_id, .secret = it->second.robot->secret,
                                        .base_url = "http://fake.wildfire", .clock_ms = p.clock_ms, .nonce = {}};
    });
  }

  /// The credentials of channel `channel_id` (made by /admin/channel/create) for the channel API.
  [[nodiscard]] std::optional<wildfire::ChannelCredentials> channel_credentials(const std::string& channel_id) const {
    return with_policy([&](const wildfire_fake::Policy& p) -> std::optional<wildfire::ChannelCredentials> {
      const auto it = p.channels.find(channel_id);
      if (it == p.channels.end()) return std::nullopt;
      return wildfire::ChannelCredentials{.channel_id = channel_id, .secret = it->second.secret,
                                          .base_url = "http://fake.wildfire", .clock_ms = p.clock_ms, .nonce = {}};
    });
  }

  /// Where the callback `name` (a webhook of spec/wildfire.yaml, e.g. "message" for
  /// message.forward.url) goes from now on; "" stops it. An error for a name no webhook has, and for
  /// robotMessage, channelSubscribe and channelMessage: those go to the robot's or the channel's own
  /// callback URL, not to a wildfirechat.conf one.
  Result<void> set_callback_url(const std::string& name, std::string url) {
    bool known = false;
    boost::mp11::mp_for_each<wildfire::all_webhooks>([&](auto w) { known = known || decltype(w)::name == name; });
    if (!known) return Error::make(ErrorKind::invalid_request, "no Wildfire callback is named \"" + name.substr(0, 64) + "\"");
    if (name == "robotMessage" || name == "channelSubscribe" || name == "channelMessage")
      return Error::make(ErrorKind::invalid_request, name + " goes to the robot's or channel's own callback URL (its create or set_callback)");
    with_policy([&](wildfire_fake::Policy& p) {
      if (url.empty()) {
        p.callback_urls.erase(name);
      } else {
        p.callback_urls[name] = std::move(url);
      }
    });
    return {};
  }

  /// Delivers every callback from now on (chatbind-fake hands them to a WebhookPusher). It runs
  /// under the fake's lock, so it must not call the fake: queue the delivery.
  void on_callback(std::function<void(const Callback&)> deliver) {
    with_policy([&](wildfire_fake::Policy& p) { p.deliver = std::move(deliver); });
  }

  /// The callbacks sent so far, oldest first (the newest max_kept).
  [[nodiscard]] std::vector<Callback> callbacks() const {
    return with_policy([](const wildfire_fake::Policy& p) { return std::vector<Callback>(p.callbacks_sent.begin(), p.callbacks_sent.end()); });
  }

  /// A chatroom as the fake keeps it (deleted ones too), or nullopt.
  [[nodiscard]] std::optional<Chatroom> chatroom(const std::string& chatroom_id) const {
    return with_policy([&](const wildfire_fake::Policy& p) -> std::optional<Chatroom> {
      const auto it = p.chatrooms.find(chatroom_id);
      if (it == p.chatrooms.end()) return std::nullopt;
      return it->second;
    });
  }

  /// A user as the fake keeps it (destroyed ones too), or nullopt.
  [[nodiscard]] std::optional<User> user(const std::string& user_id) const {
    return with_policy([&](const wildfire_fake::Policy& p) -> std::optional<User> {
      const auto it = p.users.find(user_id);
      if (it == p.users.end()) return std::nullopt;
      return it->second;
    });
  }

  /// What `user_id` keeps about `target_id` (one direction of a relation), or nullopt.
  [[nodiscard]] std::optional<Friend> relation(const std::string& user_id, const std::string& target_id) const {
    return with_policy([&](const wildfire_fake::Policy& p) -> std::optional<Friend> {
      const auto it = p.friends.find(std::pair{user_id, target_id});
      if (it == p.friends.end()) return std::nullopt;
      return it->second;
    });
  }

  /// The friend requests accepted so far, oldest first (a repeated one replaces the earlier).
  [[nodiscard]] std::vector<FriendRequest> friend_requests() const {
    return with_policy([](const wildfire_fake::Policy& p) { return std::vector<FriendRequest>(p.friend_requests.begin(), p.friend_requests.end()); });
  }

  /// A group as the fake keeps it (its removed members too), or nullopt (never created, or dismissed).
  [[nodiscard]] std::optional<Group> group(const std::string& group_id) const {
    return with_policy([&](const wildfire_fake::Policy& p) -> std::optional<Group> {
      const auto it = p.groups.find(group_id);
      if (it == p.groups.end()) return std::nullopt;
      return it->second;
    });
  }

  /// A message as the fake keeps it (what /admin/message/get_one answers), or nullopt.
  [[nodiscard]] std::optional<wildfire::MessageData> message(std::int64_t message_uid) const {
    return with_policy([&](const wildfire_fake::Policy& p) -> std::optional<wildfire::MessageData> {
      const auto it = p.messages.find(message_uid);
      if (it == p.messages.end()) return std::nullopt;
      return it->second;
    });
  }

  /// The newest message sent, broadcast or multicast, as the fake keeps it now (a recall shows), or
  /// nullopt before the first.
  [[nodiscard]] std::optional<wildfire::MessageData> last_message() const {
    return with_policy([&](const wildfire_fake::Policy& p) -> std::optional<wildfire::MessageData> {
      if (!p.last_message_uid) return std::nullopt;
      return p.messages.at(*p.last_message_uid);
    });
  }

  /// Every message sent, broadcast or multicast so far, in order (messageUid order).
  [[nodiscard]] std::vector<wildfire::MessageData> sent_messages() const {
    return with_policy([](const wildfire_fake::Policy& p) {
      std::vector<wildfire::MessageData> out;
      for (const auto& [uid, m] : p.messages) out.push_back(m);
      return out;
    });
  }

  /// The sensitive words, in order.
  [[nodiscard]] std::vector<std::string> sensitive_words() const {
    return with_policy([](const wildfire_fake::Policy& p) { return std::vector<std::string>(p.sensitive_words.begin(), p.sensitive_words.end()); });
  }

  /// Puts a client of a user online (registering it, as /admin/user/get_token does, when new), as if
  /// it had connected now. False when the fake keeps max_kept clients already.
  bool connect(const std::string& user_id, const std::string& client_id,
               wildfire::ClientPlatform platform = wildfire::ClientPlatform::android) {
    return with_policy([&](wildfire_fake::Policy& p) {
      const auto key = std::pair{user_id, client_id};
      if (!p.sessions.contains(key) && p.sessions.size() >= wildfire_fake::max_kept) return false;
      wildfire_fake::Session& s = p.sessions[key];
      s.info.userId = user_id;
      s.info.clientId = client_id;
      s.info.platform = platform;
      if (!s.info.deviceToken) s.info.deviceToken = "";
      s.info.isOnline = true;
      s.lastSeen = p.now();
      p.user_online(user_id, client_id);
      return true;
    });
  }

  /// An auth code /admin/user/app_get_user_info resolves to `user_id` (what a client would get
  /// for the admin application).
  std::string issue_auth_code(const std::string& user_id) {
    return with_policy([&](wildfire_fake::Policy& p) {
      std::string code = "authcode" + std::to_string(p.next_id++);
      if (p.auth_codes.size() >= wildfire_fake::max_kept) p.auth_codes.erase(p.auth_codes.begin());
      p.auth_codes[code] = user_id;
      return code;
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
