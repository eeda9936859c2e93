// The Yunhu bot's webhook without a socket (chatbind/yunhu_bot/webhook.hpp): what WebhookHandler
// answers the platform for an event, a repeat, a body that is not an event, a body too large and a
// method other than POST, and what it dispatches. Bodies: the published group.join payload
// (data/yunhu_bot/events/group.join.json, source in its SOURCES.md) and events made by make_event.
#include "chatbind/yunhu_bot/webhook.hpp"

#include "common/test_data.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

namespace {

namespace yb = chatbind::yunhu_bot;
using chatbind::ErrorKind;

std::string join(const char* id, const char* user) {
  return yb::encode_event(yb::make_event(
      yb::GroupJoinEvent{{.time = 1, .chatId = "g1", .chatType = yb::EventChatType::group, .userId = user}}, id, 1));
}

struct Recorder {
  std::vector<std::string> joined;
  std::vector<chatbind::Error> errors;
  yb::WebhookHandler handler() {
    yb::Dispatcher d;
    d.on<yb::GroupJoinEvent>([this](const yb::GroupJoinEvent& j) { joined.push_back(j.userId); });
    return yb::WebhookHandler{std::move(d), [this](const chatbind::Error& e) { errors.push_back(e); }};
  }
};

TEST(YunhuBotWebhook, AnEventIsDispatchedAndAnsweredSuccess) {
  Recorder r;
  auto handler = r.handler();
  const auto reply = handler.handle("POST", chatbind::test::read_file(chatbind::test::data_path("yunhu_bot/events/group.join.json")));
  EXPECT_EQ(reply.status, 200);
  EXPECT_EQ(reply.body, "success");
  EXPECT_EQ(reply.content_type, "text/plain; charset=utf-8");
  ASSERT_EQ(r.joined.size(), 1u);
  EXPECT_FALSE(r.joined[0].empty());
  EXPECT_TRUE(r.errors.empty());
}

TEST(YunhuBotWebhook, ARepeatedEventIdIsAnsweredButDispatchedOnce) {
  Recorder r;
  auto handler = r.handler();
  EXPECT_EQ(handler.handle("POST", join("e1", "u1")).status, 200);
  const auto again = handler.handle("POST", join("e1", "u1"));  // the platform's retry
  EXPECT_EQ(again.status, 200) << "a repeat is acknowledged, or the platform would send it again";
  EXPECT_EQ(again.body, "success");
  EXPECT_EQ(handler.handle("POST", join("e2", "u2")).status, 200);
  EXPECT_EQ(r.joined, (std::vector<std::string>{"u1", "u2"}));
  EXPECT_EQ(handler.session().deduplicator().remembered(), 2u);
}

TEST(YunhuBotWebhook, ABodyThatIsNotAnEventIsRefusedWithItsFieldPath) {
  Recorder r;
  auto handler = r.handler();
  const auto syntax = handler.handle("POST", "{\"version\":\"1.0\",");
  EXPECT_EQ(syntax.status, 400);
  const auto no_header = handler.handle("POST", R"({"version":"1.0","event":{}})");
  EXPECT_EQ(no_header.status, 400);
  EXPECT_NE(no_header.body.find("header"), std::string::npos) << no_header.body;
  ASSERT_EQ(r.errors.size(), 2u);
  EXPECT_EQ(r.errors[0].kind, ErrorKind::syntax);
  EXPECT_EQ(r.errors[1].kind, ErrorKind::schema);
  EXPECT_TRUE(r.joined.empty());
}

TEST(YunhuBotWebhook, ABodyOverTheLimitIsRefusedUnread) {
  Recorder r;
  auto handler = r.handler();
  handler.limits().max_input_bytes = 64;
  const auto reply = handler.handle("POST", join("e1", "u1"));
  EXPECT_EQ(reply.status, 400);
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].kind, ErrorKind::limit);
  EXPECT_TRUE(r.joined.empty());
}

TEST(YunhuBotWebhook, OnlyPostIsAccepted) {
  Recorder r;
  auto handler = r.handler();
  for (const char* method : {"GET", "PUT", "DELETE", "post"}) {
    const auto reply = handler.handle(method, join("e1", "u1"));
    EXPECT_EQ(reply.status, 405) << method;
  }
  EXPECT_TRUE(r.joined.empty());
  EXPECT_TRUE(r.errors.empty());
}

TEST(YunhuBotWebhook, ConcurrentDeliveriesAreEachDispatchedOnce) {
  std::atomic<int> dispatched = 0;
  yb::Dispatcher d;
  d.on<yb::GroupJoinEvent>([&](const yb::GroupJoinEvent&) { ++dispatched; });
  yb::WebhookHandler handler{std::move(d)};
  std::vector<std::thread> servers;
  for (int t = 0; t < 4; ++t)
    servers.emplace_back([&] {
      for (int i = 0; i < 50; ++i) EXPECT_EQ(handler.handle("POST", join(("e" + std::to_string(i)).c_str(), "u")).status, 200);
    });
  for (auto& s : servers) s.join();
  EXPECT_EQ(dispatched, 50) << "each of the 50 eventIds once, whichever thread delivered it first";
}

}  // namespace
