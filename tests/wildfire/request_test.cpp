// Request encoding for every Wildfire endpoint: signed headers, and the body exactly as the seed's
// examples send it (absent optionals omitted, never null or 0).
#include "chatbind/wildfire.hpp"

#include <gtest/gtest.h>

#include <string>

namespace {

namespace wf = chatbind::wildfire;
using chatbind::Json;

const wf::Credentials kCredentials{.secret = "123456",
                                   .base_url = "http://im.example.test:18080",
                                   .clock_ms = [] { return std::int64_t{1558350862502}; },
                                   .nonce = [] { return std::string{"76616"}; }};

template <class E>
chatbind::HttpRequest encode(const typename E::request& request) {
  auto r = chatbind::encode_request<E>(request, kCredentials);
  EXPECT_TRUE(r) << r.error();
  return r ? *r : chatbind::HttpRequest{};
}

void expect_signed_post(const chatbind::HttpRequest& r, std::string_view path) {
  EXPECT_EQ(r.method, chatbind::Method::post);
  EXPECT_EQ(r.url(), "http://im.example.test:18080" + std::string{path});
  EXPECT_EQ(r.header("Content-Type"), "application/json;charset=UTF-8");
  EXPECT_EQ(r.header("nonce"), "76616");
  EXPECT_EQ(r.header("timestamp"), "1558350862502");
  // The seed's curl examples carry exactly these three headers for secret 123456.
  EXPECT_EQ(r.header("sign"), "b98f9b0717f59febccf1440067a7f50d9b31bdde");
}

TEST(WildfireRequest, EveryEndpointEncodesItsDocumentedBody) {
  struct Case {
    chatbind::HttpRequest request;
    std::string_view path;
    const char* body;
  };
  const Case cases[] = {
      {encode<wf::CreateChatroom>({.title = "火热聊天室"}), "/admin/chatroom/create", R"({"title":"火热聊天室"})"},
      {encode<wf::GetChatroomInfo>({.chatroomId = "aaaa"}), "/admin/chatroom/info", R"({"chatroomId":"aaaa"})"},
      {encode<wf::DestroyChatroom>({.chatroomId = "aaaa"}), "/admin/chatroom/del", R"({"chatroomId":"aaaa"})"},
      {encode<wf::SetChatroomBlacklist>({.chatroomId = "aaaa", .userId = "usea", .status = wf::BlacklistStatus::muted}),
       "/admin/chatroom/set_black_status", R"({"chatroomId":"aaaa","userId":"usea","status":1})"},
      {encode<wf::GetChatroomBlacklist>({.chatroomId = "aaaa"}), "/admin/chatroom/get_black_status", R"({"chatroomId":"aaaa"})"},
      {encode<wf::SetChatroomManager>({.chatroomId = "aaaa", .userId = "usea", .status = wf::ManagerStatus::manager}),
       "/admin/chatroom/set_manager", R"({"chatroomId":"aaaa","userId":"usea","status":1})"},
      {encode<wf::GetChatroomManagers>({.chatroomId = "aaaa"}), "/admin/chatroom/get_manager_list", R"({"chatroomId":"aaaa"})"},
      {encode<wf::SetChatroomMuteAll>({.chatroomId = "aaaa", .status = wf::MuteAllStatus::muted}), "/admin/chatroom/mute_all",
       R"({"chatroomId":"aaaa","status":1})"},
      {encode<wf::GetChatroomMembers>({.chatroomId = "aaaa"}), "/admin/chatroom/members", R"({"chatroomId":"aaaa"})"},
      {encode<wf::GetUserChatroom>({.userId = "user1"}), "/admin/chatroom/user_chatroom", R"({"userId":"user1"})"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.path);
    expect_signed_post(c.request, c.path);
    EXPECT_EQ(c.request.body, c.body) << "exact bytes: member order, no nulls, no defaulted zeros";
  }
}

TEST(WildfireRequest, OptionalMembersAreWrittenOnlyWhenSet) {
  auto full = encode<wf::CreateChatroom>({.chatroomId = "room1", .title = "t", .desc = "d", .portrait = "p",
                                          .extra = R"({"k":1})", .state = wf::ChatroomState::normal});
  EXPECT_EQ(Json::parse(full.body),
            Json::parse(R"({"chatroomId":"room1","title":"t","desc":"d","portrait":"p","extra":"{\"k\":1}","state":0})"));
  auto expiring = encode<wf::SetChatroomBlacklist>(
      {.chatroomId = "aaaa", .userId = "u", .status = wf::BlacklistStatus::forbidden_entry, .expiredTime = 0});
  EXPECT_EQ(expiring.body, R"({"chatroomId":"aaaa","userId":"u","status":2,"expiredTime":0})")
      << "an explicit 0 (forever) is sent; an unset expiry is not";
}

TEST(WildfireRequest, TheSecretNeverAppearsInTheRequest) {
  wf::Credentials credentials = kCredentials;
  credentials.secret = "the-admin-secret";
  auto r = chatbind::encode_request<wf::GetChatroomInfo>({.chatroomId = "aaaa"}, credentials);
  ASSERT_TRUE(r);
  EXPECT_EQ(chatbind::to_string(*r).find("the-admin-secret"), std::string::npos);
  EXPECT_EQ(r->body.find("the-admin-secret"), std::string::npos);
  for (const auto& h : r->headers) EXPECT_EQ(h.value.find("the-admin-secret"), std::string::npos) << h.name;
}

}  // namespace
