// The Wildfire client over a fake server that checks signatures the way im-server does.
#include "chatbind/wildfire.hpp"

#include <gtest/gtest.h>

#include <string>

namespace {

namespace wf = chatbind::wildfire;
using chatbind::HttpRequest;
using chatbind::HttpResponse;

constexpr const char* kSecret = "server-secret";

// Verifies nonce/timestamp/sign as the server does; answers 239/244 like it, else a canned result.
HttpResponse fake_server(const HttpRequest& r) {
  if (r.header("nonce").empty() || r.header("timestamp").empty() || r.header("sign").empty())
    return HttpResponse{200, {}, R"({"code":239,"msg":"api not signed or sign parameter not completion"})"};
  const auto ts = std::stoll(std::string{r.header("timestamp")});
  if (wf::sign(r.header("nonce"), kSecret, ts) != r.header("sign"))
    return HttpResponse{200, {}, R"({"code":244,"msg":"auth failure","result":{"code":244,"msg":"auth failure"}})"};
  if (r.path == "/admin/chatroom/create") return HttpResponse{200, {}, R"({"code":0,"msg":"success","result":{"chatroomId":"generated"}})"};
  if (r.path == "/admin/chatroom/mute_all") return HttpResponse{200, {}, R"({"code":0,"msg":"success"})"};
  return HttpResponse{500, {}, ""};
}

TEST(WildfireClient, SignsEveryCallWithTheConfiguredSecret) {
  wf::Client client{fake_server, wf::Credentials{.secret = kSecret}};
  auto created = client.create_chatroom({.title = "room"});
  ASSERT_TRUE(created) << created.error();
  EXPECT_EQ(created->chatroomId, "generated");
  EXPECT_TRUE(client.set_chatroom_mute_all({.chatroomId = "generated", .status = wf::MuteAllStatus::muted}));
}

TEST(WildfireClient, AWrongSecretIsAnAuthFailureThatDoesNotLeakIt) {
  wf::Client client{fake_server, wf::Credentials{.secret = "wrong-secret-value"}};
  auto r = client.create_chatroom({.title = "room"});
  ASSERT_FALSE(r);
  EXPECT_EQ(wf::error_code(r.error()), wf::ErrorCode::auth_failure);
  EXPECT_EQ(r.error().describe().find("wrong-secret-value"), std::string::npos);
}

TEST(WildfireClient, UnknownPathIsAnHttpError) {
  wf::Client client{fake_server, wf::Credentials{.secret = kSecret}};
  auto r = client.get_chatroom_members({.chatroomId = "x"});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().kind, chatbind::ErrorKind::http_status);
  EXPECT_EQ(r.error().http_status, 500);
}

}  // namespace
