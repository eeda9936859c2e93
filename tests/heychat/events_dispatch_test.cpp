// Dispatching, de-duplication and the session that combines them with the decoder; the websocket
// upgrade request.
#include "chatbind/core/json_dom.hpp"
#include "chatbind/heychat.hpp"
#include "heychat/events_test_data.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace {

namespace hc = chatbind::heychat;
using chatbind::Id;
using chatbind::Json;

/// A frame of `type` with the given sequence and payload.
std::string frame(std::int64_t sequence, const char* type, Json data) {
  return Json{{"sequence", sequence}, {"type", type}, {"notify_type", ""}, {"data", std::move(data)}, {"timestamp", 1}}
      .dump();
}

Json message_data(const char* msg_id, const char* text = "hi") {
  return {{"channel_id", "1"}, {"msg", text}, {"msg_id", msg_id}, {"msg_type", 4}, {"room_id", "2"}, {"user_id", 3}};
}

Json command_data(const char* msg_id) {
  return {{"bot_id", 9},
          {"channel_base_info", {{"channel_id", "1"}}},
          {"command_info", {{"id", "77"}, {"name", "/roll"}, {"options", Json::array()}}},
          {"msg_id", msg_id},
          {"room_base_info", {{"room_id", "2"}}},
          {"sender_info", {{"avatar", ""}, {"nickname", "n"}, {"user_id", 3}}}};
}

Json reaction_data() { return {{"channel_id", "1"}, {"emoji", "[ok]"}, {"is_add", 1}, {"msg_id", "5"}, {"user_id", 3}}; }

/// Feeds one frame that must decode; whether it was dispatched.
bool fed(hc::EventSession& session, const std::string& text) {
  auto r = session.feed(text);
  EXPECT_TRUE(r) << r.error();
  return r && *r;
}

hc::Event decode(const std::string& text) {
  auto e = hc::decode_event(text);
  EXPECT_TRUE(e) << e.error();
  return e ? *e : hc::Event{};
}

TEST(EventDispatcher, RoutesByPayloadTypeWithAFallback) {
  std::vector<std::string> seen;
  hc::Dispatcher d;
  d.on<hc::ChannelMessageEvent>([&](const hc::ChannelMessageEvent& m) { seen.push_back("message " + m.msg); })
      .on<hc::ChannelMessageEvent>([&](const hc::ChannelMessageEvent&) { seen.push_back("second handler"); })
      .on<hc::BotCommandEvent>([&](const hc::BotCommandEvent& c, const hc::Event& e) {
        seen.push_back("command " + c.command_info.name + " seq " + std::to_string(e.sequence));
      })
      .otherwise([&](const hc::Event& e) { seen.push_back("other " + e.type.str()); });

  EXPECT_TRUE(d.dispatch(decode(frame(1, "5", message_data("10", "hello")))));
  EXPECT_TRUE(d.dispatch(decode(frame(2, "50", command_data("11")))));
  EXPECT_TRUE(d.dispatch(decode(frame(3, "5003", reaction_data())))) << "a known type nobody handles: fallback";
  EXPECT_TRUE(d.dispatch(decode(frame(4, "424242", {{"x", 1}})))) << "an unknown type: fallback";
  EXPECT_FALSE(d.dispatch(decode("PONG"))) << "heartbeats never reach the fallback";

  const std::vector<std::string> expected{"message hello", "second handler", "command /roll seq 2", "other 5003",
                                          "other 424242"};
  EXPECT_EQ(seen, expected);
}

TEST(EventDispatcher, WithoutAFallbackUnhandledEventsAreReportedAsSuch) {
  int heartbeats = 0;
  hc::Dispatcher d;
  d.on<hc::Heartbeat>([&](const hc::Heartbeat& h) { heartbeats += h.text == "PONG" ? 1 : 0; });
  EXPECT_FALSE(d.dispatch(decode(frame(1, "424242", {{"x", 1}}))));
  EXPECT_TRUE(d.dispatch(decode("PONG")));
  EXPECT_EQ(heartbeats, 1);
}

TEST(EventDeduplicator, TheTypeFiveAndFiftyTwinsAreDeliveredOnce) {
  hc::Deduplicator dedupe;
  EXPECT_TRUE(dedupe.first_time(decode(frame(1, "5", message_data("100")))));
  EXPECT_FALSE(dedupe.first_time(decode(frame(2, "50", command_data("100"))))) << "the command twin of message 100";
  EXPECT_TRUE(dedupe.first_time(decode(frame(3, "50", command_data("101")))));
  EXPECT_FALSE(dedupe.first_time(decode(frame(4, "5", message_data("101"))))) << "the twin arriving second";
  EXPECT_TRUE(dedupe.first_time(decode(frame(5, "5003", reaction_data()))));
  EXPECT_TRUE(dedupe.first_time(decode(frame(6, "5003", reaction_data())))) << "reactions are keyed by sequence only";
}

TEST(EventDeduplicator, ARepeatedSequenceIsARepeatUntilTheNextConnection) {
  hc::Deduplicator dedupe;
  EXPECT_TRUE(dedupe.first_time(decode(frame(1, "9001", {}))));
  EXPECT_FALSE(dedupe.first_time(decode(frame(1, "9001", {})))) << "redelivered within the connection";
  EXPECT_FALSE(dedupe.first_time(decode(frame(1, "5", message_data("200")))));
  EXPECT_TRUE(dedupe.first_time(decode("PONG"))) << "heartbeats are not tracked";
  EXPECT_TRUE(dedupe.first_time(decode("PONG")));

  dedupe.reset();  // reconnected: sequences start over
  EXPECT_TRUE(dedupe.first_time(decode(frame(1, "5", message_data("200")))));
  EXPECT_FALSE(dedupe.first_time(decode(frame(2, "5", message_data("200"))))) << "message ids survive a reset";

  dedupe.reset();
  EXPECT_FALSE(dedupe.first_time(decode(frame(1, "50", command_data("200"))))) << "nor does the twin after it";
  dedupe.clear();
  EXPECT_TRUE(dedupe.first_time(decode(frame(1, "50", command_data("200")))));
}

TEST(EventDeduplicator, MemoryIsBounded) {
  hc::Deduplicator dedupe{3};
  for (std::int64_t seq = 1; seq <= 100; ++seq) {
    const std::string id = std::to_string(1000 + seq);
    EXPECT_TRUE(dedupe.first_time(decode(frame(seq, "5", message_data(id.c_str())))));
    EXPECT_LE(dedupe.remembered(), 6u);
  }
  EXPECT_FALSE(dedupe.first_time(decode(frame(100, "9001", {})))) << "the newest are remembered";
  EXPECT_TRUE(dedupe.first_time(decode(frame(1, "9001", {})))) << "the oldest were forgotten";
  EXPECT_EQ(hc::Deduplicator{0}.capacity(), 1u);
}

TEST(EventSession, DecodesDropsRepeatsAndDispatches) {
  std::vector<std::string> messages;
  std::vector<std::string> unknown;
  hc::Dispatcher d;
  d.on<hc::ChannelMessageEvent>([&](const hc::ChannelMessageEvent& m) { messages.push_back(m.msg_id.str()); })
      .otherwise([&](const hc::Event& e) { unknown.push_back(e.type.str()); });
  hc::EventSession session{std::move(d)};
  session.connected();

  EXPECT_TRUE(fed(session, frame(1, "5", message_data("1"))));
  EXPECT_FALSE(fed(session, frame(2, "50", command_data("1")))) << "the twin";
  EXPECT_FALSE(fed(session, "PONG"));
  EXPECT_TRUE(fed(session, frame(3, "x", {})));
  auto bad = session.feed("{oops");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().kind, chatbind::ErrorKind::syntax);

  session.connected();  // a new connection: sequence 1 again is a new event
  EXPECT_TRUE(fed(session, frame(1, "5", message_data("2"))));
  EXPECT_EQ(messages, (std::vector<std::string>{"1", "2"}));
  EXPECT_EQ(unknown, (std::vector<std::string>{"x"}));
}

TEST(EventWebSocket, UpgradeRequestCarriesTheCommonQueryAndTheTokenWhichIsNeverPrinted) {
  hc::Credentials credentials;
  credentials.token = "tok-SECRET-123";
  const chatbind::HttpRequest r = hc::websocket_request(credentials);
  EXPECT_EQ(r.base_url, "wss://chat.xiaoheihe.cn");
  EXPECT_EQ(r.path, "/chatroom/ws/connect");
  EXPECT_EQ(r.header("token"), "tok-SECRET-123");
  const std::string target = r.target();
  for (const char* part : {"client_type=heybox_chat", "x_client_type=web", "os_type=web", "x_os_type=bot",
                           "x_app=heybox_chat", "chat_os_type=bot", "chat_version=1.30.0", "token=tok-SECRET-123"})
    EXPECT_NE(target.find(part), std::string::npos) << part << " in " << target;

  const std::string printed = chatbind::to_string(r);
  EXPECT_EQ(printed.find("SECRET"), std::string::npos) << printed;
  EXPECT_NE(printed.find("chat_version=1.30.0"), std::string::npos) << "the rest of the query is shown";
  EXPECT_EQ(hc::websocket_request(credentials, "ws://127.0.0.1:9").base_url, "ws://127.0.0.1:9");
}

}  // namespace
