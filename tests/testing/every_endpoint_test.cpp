// Every endpoint of every platform (iterated from the generated descriptor lists): the fakes accept
// what chatbind's own clients send, record the decoded request as it was sent, and answer with a
// response the client decodes.
#include "chatbind/testing/fake.hpp"

#include <gtest/gtest.h>

#include <boost/mp11/algorithm.hpp>

#include <string>
#include <type_traits>
#include <vector>

namespace {

namespace ct = chatbind::testing;

/// Points a request's ids at the state each test prepares (chatroom r1, user u1, Yunhu message m1
/// in group c1).
template <class R>
void point_at_state(R& r) {
  if constexpr (requires { r.chatroomId = "r1"; }) r.chatroomId = "r1";
  if constexpr (requires { r.userId = "u1"; }) r.userId = "u1";
  if constexpr (requires { r.chat_id = "c1"; }) r.chat_id = "c1";
  if constexpr (requires { r.chat_type = chatbind::yunhu::ChatType::group; }) r.chat_type = chatbind::yunhu::ChatType::group;
  if constexpr (requires { r.msg_id = std::string{}; }) {
    r.msg_id = "m1";
  } else if constexpr (requires { r.msg_id = std::vector<std::string>{}; }) {
    r.msg_id = {"m1"};
  }
  if constexpr (requires { r.msgId = "m1"; }) r.msgId = "m1";
  if constexpr (requires { r.file = chatbind::multipart::File{}; }) r.file = {"a.png", "image/png", std::string{"\x89PNG\r\n\0", 7}};
}

/// The spec's example request where there is one, else a default one, pointed at the state.
template <class E>
typename E::request request_from(std::string_view example) {
  typename E::request r{};
  if constexpr (E::body == chatbind::Body::json) {
    if (!example.empty()) {
      auto parsed = chatbind::json::parse_as<typename E::request>(example);
      EXPECT_TRUE(parsed) << E::path << ": the spec's request example: " << parsed.error();
      if (parsed) r = *parsed;
    }
  }
  point_at_state(r);
  return r;
}

/// Sends E's sample request through `fake`; returns the decoded response.
template <class E, class Fake>
chatbind::Result<typename E::response> round_trip(const Fake& fake, const chatbind::credentials_t<E>& credentials,
                                                  std::string_view example) {
  const auto request = request_from<E>(example);
  auto http = chatbind::encode_request<E>(request, credentials);
  EXPECT_TRUE(http) << E::path;
  if (!http) return http.error();
  const auto before = fake.calls().size();
  auto response = fake(*http);
  EXPECT_TRUE(response) << E::path;
  if (!response) return response.error();
  const auto calls = fake.calls();
  EXPECT_EQ(calls.size(), before + 1) << E::path << " was not accepted: " << response->body;
  if (calls.size() == before + 1) {
    const auto* recorded = calls.back().template request<E>();
    EXPECT_NE(recorded, nullptr) << E::path;
    if (recorded) {
      EXPECT_TRUE(*recorded == request) << E::path << ": the fake decoded another request";
    }
  }
  return chatbind::decode_response<E>(*response);
}

/// The bot API's endpoints: the OAuth group needs a user's consent first, so its calls are walked
/// through the authorization flow in heychat_test.cpp (FakeHeychatOAuth) instead.
using heychat_bot_endpoints = boost::mp11::mp_remove_if_q<
    chatbind::heychat::all_endpoints,
    boost::mp11::mp_bind_front<boost::mp11::mp_contains, chatbind::heychat::oauth_endpoints>>;

TEST(EveryEndpoint, Heychat) {
  ct::FakeHeychat fake;
  int n = 0;
  boost::mp11::mp_for_each<heychat_bot_endpoints>([&](auto endpoint) {
    using E = decltype(endpoint);
    auto r = round_trip<E>(fake, fake.credentials(), chatbind::heychat::request_example<E>);
    EXPECT_TRUE(r) << E::path << ": " << r.error();
    ++n;
  });
  EXPECT_EQ(n + boost::mp11::mp_size<chatbind::heychat::oauth_endpoints>::value,
            boost::mp11::mp_size<chatbind::heychat::all_endpoints>::value);
  EXPECT_EQ(fake.calls().size(), static_cast<std::size_t>(n));
}

TEST(EveryEndpoint, Yunhu) {
  ct::FakeYunhu fake;
  chatbind::yunhu::Client client{fake, fake.credentials()};
  ASSERT_TRUE(client.send_message({.msg_id = "m1", .chat_id = "c1", .chat_type = chatbind::yunhu::ChatType::group,
                                   .data = chatbind::yunhu::SendContent{.text = "hello"},
                                   .content_type = chatbind::yunhu::ContentType::text}));
  boost::mp11::mp_for_each<chatbind::yunhu::all_endpoints>([&](auto endpoint) {
    using E = decltype(endpoint);
    auto r = round_trip<E>(fake, fake.credentials(), E::body == chatbind::Body::json ? chatbind::yunhu::request_example<E> : "");
    EXPECT_TRUE(r) << E::path << ": " << r.error();
  });
  EXPECT_EQ(fake.calls().size(), 1 + boost::mp11::mp_size<chatbind::yunhu::all_endpoints>::value);
}

TEST(EveryEndpoint, YunhuBot) {
  ct::FakeYunhuBot fake;
  chatbind::yunhu_bot::Client client{fake, fake.credentials()};
  auto sent = client.send_message({.recvId = "c1", .recvType = chatbind::yunhu_bot::RecvType::group,
                                   .contentType = chatbind::yunhu_bot::SendContentType::text, .content = {.text = "hello"}});
  ASSERT_TRUE(sent) << sent.error();
  boost::mp11::mp_for_each<chatbind::yunhu_bot::all_endpoints>([&](auto endpoint) {
    using E = decltype(endpoint);
    std::string_view example = chatbind::yunhu_bot::request_example<E>;
    if constexpr (std::is_same_v<E, chatbind::yunhu_bot::EditMessage> || std::is_same_v<E, chatbind::yunhu_bot::RecallMessage>) {
      example = "";  // the doc's message id does not exist here: point at the one just sent
      auto request = request_from<E>(example);
      request.msgId = sent->messageInfo.msgId;
      if constexpr (requires { request.recvId; }) {
        request.recvId = "c1";
        request.recvType = chatbind::yunhu_bot::RecvType::group;
        request.content.text = "edited";
      } else {
        request.chatId = "c1";
        request.chatType = chatbind::yunhu_bot::RecvType::group;
      }
      auto r = client.template call<E>(request);
      EXPECT_TRUE(r) << E::path << ": " << r.error();
      return;
    } else if constexpr (std::is_same_v<E, chatbind::yunhu_bot::SendStreamMessage>) {
      auto r = client.template call<E>({.query = {.recvId = "c1", .recvType = chatbind::yunhu_bot::RecvType::group,
                                                  .contentType = chatbind::yunhu_bot::StreamContentType::text},
                                        .body = "streamed"});
      EXPECT_TRUE(r) << E::path << ": " << r.error();
      return;
    } else {
      auto r = round_trip<E>(fake, fake.credentials(), example);
      EXPECT_TRUE(r) << E::path << ": " << r.error();
    }
  });
  EXPECT_EQ(fake.calls().size(), 1 + boost::mp11::mp_size<chatbind::yunhu_bot::all_endpoints>::value);
}

TEST(EveryEndpoint, Wildfire) {
  namespace wf = chatbind::wildfire;
  ct::FakeWildfire fake;
  wf::Client client{fake, fake.credentials()};
  ASSERT_TRUE(client.create_chatroom({.chatroomId = "r1", .title = "room"}));
  // The users the spec's examples name besides u1 (UpdateUser's nested userInfo, GetRobotInfo's robotId).
  ASSERT_TRUE(client.create_user({.userId = "user1", .name = "zhangsan"}));
  ASSERT_TRUE(client.create_robot({.userId = "robot1", .name = "robot1"}));
  const auto make_u1 = [&] { ASSERT_TRUE(client.create_user({.userId = "u1", .name = "zhangsan", .email = "zhangsan@example.com"})); };
  // The message examples name messageUid 1790123456789012345: the first uid the fake gives, which
  // the send example (the first message endpoint) takes.
  static_assert(ct::wildfire_fake::first_message_uid == 1790123456789012345);
  // The robot and the channel the robot and channel API examples name, with secrets of their own.
  ASSERT_TRUE(client.create_robot({.userId = "FireRobot", .name = "FireRobot", .secret = "robot-secret"}));
  ASSERT_TRUE(client.create_channel({.owner = "user1", .name = "news", .targetId = "channel1", .secret = "channel-secret"}));
  const auto credentials = [&]<class E>() {
    if constexpr (std::is_same_v<typename E::platform, wf::RobotPlatform>) {
      return *fake.robot_credentials("FireRobot");
    } else if constexpr (std::is_same_v<typename E::platform, wf::ChannelPlatform>) {
      return *fake.channel_credentials("channel1");
    } else {
      return fake.credentials();
    }
  };
  boost::mp11::mp_for_each<wf::all_endpoints>([&](auto endpoint) {
    using E = decltype(endpoint);
    auto r = round_trip<E>(fake, credentials.template operator()<E>(), wf::request_example<E>);
    if constexpr (ct::wildfire_fake::professional_only<E>) {
      ASSERT_FALSE(r) << E::path << ": the community server has no Action for it";
      EXPECT_EQ(r.error().http_status, 500);
    } else if constexpr (std::is_same_v<E, wf::GetUserChatroom> || std::is_same_v<E, wf::GetChatroomMembers>) {
      ASSERT_FALSE(r) << "the fake tracks no connected clients";
      EXPECT_EQ(wf::error_code(r.error()), wf::ErrorCode::not_exist);
    } else if constexpr (std::is_same_v<E, wf::GetApplicationUserInfo>) {
      ASSERT_FALSE(r) << "the example's auth code was never issued";
      EXPECT_EQ(wf::error_code(r.error()), wf::ErrorCode::token_error);
    } else {
      EXPECT_TRUE(r) << E::path << ": " << r.error();
    }
    // The examples pointed at u1 destroy it and make it a robot: the calls after them need the user.
    if constexpr (std::is_same_v<E, wf::DestroyUser> || std::is_same_v<E, wf::CreateRobot>) make_u1();
    // The group examples name group1: dismissing it makes it again; its transfer to user2 is undone
    // (the owner may not be made a manager, which manager/set's example does to user2).
    if constexpr (std::is_same_v<E, wf::DismissGroup>) {
      ASSERT_TRUE(client.create_group({.operator_ = "user1", .group = {.group_info = {.target_id = "group1", .owner = "user1"},
                                                                         .members = std::vector<wf::GroupMember>{{.member_id = "user2"}}}}));
    }
    if constexpr (std::is_same_v<E, wf::TransferGroup>) {
      ASSERT_TRUE(client.transfer_group({.operator_ = "user1", .group_id = "group1", .new_owner = "user1"}));
    }
  });
}

TEST(EveryEndpoint, FakePlatformRoutesEachPathToItsPlatform) {
  ct::FakePlatform fake;
  boost::mp11::mp_for_each<heychat_bot_endpoints>([&](auto endpoint) {
    using E = decltype(endpoint);
    auto r = round_trip<E>(fake, fake.heychat().credentials(), chatbind::heychat::request_example<E>);
    EXPECT_TRUE(r) << E::path;
  });
  chatbind::heychat::Client heychat{fake, fake.heychat().credentials()};
  EXPECT_TRUE(heychat.send_channel_message({.msg = "x", .room_id = "1", .channel_id = "2"}));
  chatbind::yunhu::Client yunhu{fake, fake.yunhu().credentials()};
  EXPECT_TRUE(yunhu.send_message({.chat_id = "c1"}));
  chatbind::wildfire::Client wildfire{fake, fake.wildfire().credentials()};
  EXPECT_TRUE(wildfire.create_chatroom({.title = "room"}));
  EXPECT_EQ(fake.heychat().sent_messages().size(), 2u);
  EXPECT_EQ(fake.yunhu().messages(chatbind::yunhu::ChatType::unspecified, "c1").size(), 1u);
  EXPECT_EQ(fake.calls().size(), boost::mp11::mp_size<heychat_bot_endpoints>::value + 3);

  chatbind::HttpRequest unknown;
  unknown.path = "/nowhere";
  auto r = fake(unknown);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 404);
  // Any /v1/ path is Yunhu's, so an unknown one gets the Yunhu server's 404 body, not an empty one.
  unknown.path = "/v1/user/nowhere";
  auto not_found = fake(unknown);
  ASSERT_TRUE(not_found);
  EXPECT_EQ(not_found->status, 404);
  EXPECT_EQ(not_found->body, "404 page not found");
  EXPECT_EQ(not_found->header("Content-Type"), "text/plain");
}

}  // namespace
