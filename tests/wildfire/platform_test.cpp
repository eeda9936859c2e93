// Wildfire request signing (wildfire/platform.hpp: sign() and the policy's authorize()) against
// vectors computed independently of the C++ code (Python hashlib,
// tests/data/wildfire/make_sign_vectors.py), and the headers the policy attaches.
#include "chatbind/core/json_dom.hpp"
#include "chatbind/wildfire.hpp"
#include "../common/test_data.hpp"

#include <gtest/gtest.h>

namespace {

namespace wf = chatbind::wildfire;

TEST(WildfireSigning, MatchesIndependentVectors) {
  const chatbind::Json vectors = chatbind::test::data_json("wildfire/sign_vectors.json");
  ASSERT_GE(vectors.size(), 6u);
  bool saw_non_ascii = false;
  for (const auto& v : vectors) {
    const std::string secret = v.at("secret");
    saw_non_ascii = saw_non_ascii || std::any_of(secret.begin(), secret.end(), [](char c) { return static_cast<unsigned char>(c) > 0x7F; });
    EXPECT_EQ(wf::sign(v.at("nonce").get<std::string>(), secret, v.at("timestamp").get<std::int64_t>()),
              v.at("sign").get<std::string>())
        << v.dump();
  }
  EXPECT_TRUE(saw_non_ascii) << "the vectors must include a non-ASCII secret";
}

TEST(WildfireSigning, AttachesNonceTimestampAndSign) {
  wf::Credentials credentials{.secret = "123456", .base_url = "http://127.0.0.1:18080",
                              .clock_ms = [] { return std::int64_t{1558350862502}; },
                              .nonce = [] { return std::string{"76616"}; }};
  chatbind::HttpRequest request;
  ASSERT_TRUE(wf::Platform::authorize(request, credentials));
  EXPECT_EQ(request.header("nonce"), "76616");
  EXPECT_EQ(request.header("timestamp"), "1558350862502");
  EXPECT_EQ(request.header("sign"), wf::sign("76616", "123456", 1558350862502));
  const std::string printed = chatbind::to_string(request);
  EXPECT_EQ(printed.find("123456|"), std::string::npos);
  EXPECT_EQ(printed.find(std::string{request.header("sign")}), std::string::npos) << "sign is redacted in print";
}

TEST(WildfireSigning, DefaultNonceIsFreshRandomHexAndClockIsNow) {
  wf::Credentials credentials{.secret = "s"};
  chatbind::HttpRequest a, b;
  ASSERT_TRUE(wf::Platform::authorize(a, credentials));
  ASSERT_TRUE(wf::Platform::authorize(b, credentials));
  EXPECT_EQ(a.header("nonce").size(), 32u);
  EXPECT_NE(a.header("nonce"), b.header("nonce"));
  EXPECT_EQ(a.header("nonce").find_first_not_of("0123456789abcdef"), std::string_view::npos);
  const auto now = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
  EXPECT_NEAR(static_cast<double>(std::stoll(std::string{a.header("timestamp")})), static_cast<double>(now), 60'000.0);
}
}  // namespace

namespace {

// encode_request itself refuses a line break in a header it builds, whatever the transport: the
// README's lambda transport would otherwise send an injected header line.
TEST(WildfireSigning, ANonceWithALineBreakIsRefusedBeforeAnyTransport) {
  for (const std::string& nonce : {std::string{"abc\r\nX-Injected: 1"}, std::string{"abc\n"}, std::string{"a\0b", 3}}) {
    wf::Credentials c;
    c.secret = "top-secret";
    c.nonce = [nonce] { return nonce; };
    c.clock_ms = [] { return std::int64_t{1700000000000}; };
    auto r = chatbind::encode_request<wf::GetChatroomInfo>({.chatroomId = "room"}, c);
    ASSERT_FALSE(r) << nonce;
    EXPECT_EQ(r.error().kind, chatbind::ErrorKind::invalid_request);
    EXPECT_NE(r.error().message.find("nonce"), std::string::npos) << r.error().message << ": names the header";
    EXPECT_EQ(r.error().describe().find("top-secret"), std::string::npos);
    EXPECT_EQ(r.error().describe().find("X-Injected"), std::string::npos) << "never echoes the value";
  }
}

TEST(WildfireSigning, RobotAndChannelPoliciesAddTheirIdAndSignWithTheirOwnSecret) {
  const auto clock = [] { return std::int64_t{1558350862502}; };
  const auto nonce = [] { return std::string{"76616"}; };
  chatbind::HttpRequest robot;
  ASSERT_TRUE(wf::RobotPlatform::authorize(robot, {.robot_id = "FireRobot", .secret = "robot-secret", .clock_ms = clock, .nonce = nonce}));
  EXPECT_EQ(robot.header("rid"), "FireRobot");
  EXPECT_EQ(robot.header("cid"), "");
  EXPECT_EQ(robot.header("sign"), wf::sign("76616", "robot-secret", 1558350862502));
  chatbind::HttpRequest channel;
  ASSERT_TRUE(wf::ChannelPlatform::authorize(channel, {.channel_id = "ch1", .secret = "channel-secret", .clock_ms = clock, .nonce = nonce}));
  EXPECT_EQ(channel.header("cid"), "ch1");
  EXPECT_EQ(channel.header("rid"), "");
  EXPECT_EQ(channel.header("sign"), wf::sign("76616", "channel-secret", 1558350862502));
  for (const auto* r : {&robot, &channel}) {
    const std::string printed = chatbind::to_string(*r);
    EXPECT_EQ(printed.find("secret"), std::string::npos) << printed;
    EXPECT_EQ(printed.find(std::string{r->header("sign")}), std::string::npos) << "sign is redacted in print";
  }
  EXPECT_EQ(wf::RobotCredentials{}.base_url, "http://localhost") << "the robot API is on the client port, not 18080";
}

TEST(WildfireSigning, ARobotIdWithALineBreakIsRefused) {
  chatbind::HttpRequest request;
  ASSERT_TRUE(wf::RobotPlatform::authorize(request, {.robot_id = "r\r\nX-Injected: 1", .secret = "s"}));
  auto checked = chatbind::check_headers(request);
  ASSERT_FALSE(checked);
  EXPECT_NE(checked.error().message.find("rid"), std::string::npos) << checked.error().message;
}

TEST(WildfireErrorCode, NamesTheCurrentServersCodes) {
  EXPECT_EQ(wf::error_code(245), wf::ErrorCode::user_blocked);
  EXPECT_EQ(static_cast<int>(wf::error_code(256 + 253)), 509) << "kept as sent, not masked into a wrong name";
  EXPECT_EQ(wf::error_code(12), wf::ErrorCode::already_in_group);
  EXPECT_EQ(static_cast<int>(wf::error_code(199)), 199) << "an unknown code is kept (an open enum)";
  auto e = wf::Platform::unwrap<chatbind::Empty>({200, {}, R"({"code":225,"msg":"other client already in chatroom"})"});
  ASSERT_FALSE(e);
  EXPECT_EQ(wf::error_code(e.error()), wf::ErrorCode::other_client_already_in_chatroom);
  EXPECT_NE(e.error().message.find("other_client_already_in_chatroom"), std::string::npos) << e.error().message;
}

}  // namespace
