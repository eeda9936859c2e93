// Heychat's event websocket on loopback, against the fake's platform side: FakeHeychat's frames
// broadcast by EventWebSocketServer (as chatbind-fake serves /chatroom/ws/connect) to a
// heychat::EventClient — a pushed command answered over HTTP, the text heartbeat answered, the
// token in the query instead of the header, a refused token, and the control routes.
#include "chatbind/heychat.hpp"
#include "chatbind/heychat/event_client.hpp"
#include "chatbind/testing/heychat.hpp"
#include "chatbind/testing/platform.hpp"
#include "chatbind/testing/websocket_server.hpp"

#include "common/eventually.hpp"
#include "common/io_thread.hpp"

#include <gtest/gtest.h>

#include <boost/beast/core.hpp>
#include <boost/beast/websocket.hpp>

#include <chrono>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace {

namespace hc = chatbind::heychat;
using chatbind::test::destroy_on;
using chatbind::test::eventually;
using chatbind::test::IoThread;
using chatbind::test::start_on;
using chatbind::testing::EventWebSocketServer;
using chatbind::testing::FakeHeychat;
using std::chrono::milliseconds;

constexpr const char* kToken = "hc-SECRET-9";

/// The fake with its websocket, wired as chatbind-fake wires them.
struct WebsocketPlatform {
  FakeHeychat fake{kToken};
  EventWebSocketServer server{[this](const chatbind::HttpRequest& r) { return fake.admits_subscription(r); },
                              EventWebSocketServer::Options{.reply = [](std::string_view, std::string_view text) {
                                return FakeHeychat::answer_frame(text);
                              }}};
  WebsocketPlatform() {
    fake.subscribe([this](const std::string& frame) { server.broadcast(frame, hc::Websocket::path); });
  }
};

struct Errors {
  std::mutex mutex;
  std::vector<chatbind::Error> seen;
  void add(const chatbind::Error& e) {
    std::lock_guard lock{mutex};
    seen.push_back(e);
  }
  std::size_t count() {
    std::lock_guard lock{mutex};
    return seen.size();
  }
};

FakeHeychat::CommandInjection roll() {
  return {.room_id = chatbind::Id{"3611849174284943360"}, .channel_id = chatbind::Id{"3611849174307799042"},
          .user_id = chatbind::Id{"43028164"}, .name = "/roll", .nickname = "酸辣鸡杂面", .command_id = std::nullopt,
          .options = std::vector<hc::EventCommandOption>{{.name = "sides", .type = hc::CommandOptionType::integer, .value = "20"}}};
}

TEST(HeychatWebsocketDelivery, APushedCommandIsReceivedAndAnsweredOverHttp) {
  WebsocketPlatform platform;
  hc::Client bot{platform.fake, platform.fake.credentials()};
  Errors errors;
  std::mutex mutex;
  std::vector<std::string> commands;
  hc::Dispatcher d;
  d.on<hc::BotCommandEvent>([&](const hc::BotCommandEvent& c) {
    {
      // Recorded before the answer: the test body waits on the answer, then reads this.
      std::lock_guard lock{mutex};
      commands.push_back(c.command_info.name + " " + c.command_info.options->value()[0].value.value_or("?") + " by " +
                         c.sender_info.nickname);
    }
    auto sent = bot.send_channel_message({.msg = "rolled 17", .msg_type = hc::MsgType::markdown, .reply_id = c.msg_id.str(),
                                          .room_id = c.room_base_info.room_id, .channel_id = c.channel_base_info.channel_id});
    EXPECT_TRUE(sent) << sent.error();
  });
  IoThread io;
  auto events = std::make_unique<hc::EventClient>(io.io.get_executor(), hc::Credentials{.token = kToken}, std::move(d),
                                                  [&](const chatbind::Error& e) { errors.add(e); }, hc::websocket_options(),
                                                  platform.server.url());
  start_on(io, *events);
  ASSERT_TRUE(eventually([&] { return platform.server.subscribers(hc::Websocket::path) == 1; }));

  auto frame = platform.fake.command(roll());
  ASSERT_TRUE(frame) << frame.error();
  ASSERT_TRUE(eventually([&] { return platform.fake.sent_messages().size() == 1; }));
  {
    std::lock_guard lock{mutex};
    EXPECT_EQ(commands, (std::vector<std::string>{"/roll 20 by 酸辣鸡杂面"}));
  }
  const auto decoded = hc::decode_event(*frame);
  ASSERT_TRUE(decoded) << decoded.error();
  const auto sent = platform.fake.sent_messages("3611849174307799042");
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(sent[0].request.reply_id, decoded->get<hc::BotCommandEvent>()->msg_id.str()) << "the reply names the command's message";
  EXPECT_EQ(sent[0].request.msg, "rolled 17");
  EXPECT_EQ(errors.count(), 0u);

  boost::asio::post(io.io, [&] { events->stop(); });
  ASSERT_TRUE(eventually([&] { return platform.server.subscribers() == 0; }));
  ASSERT_TRUE(destroy_on(io, events));
}

TEST(HeychatWebsocketDelivery, TheTextHeartbeatIsAnsweredSoTheConnectionStaysUp) {
  WebsocketPlatform platform;
  Errors errors;
  auto options = hc::websocket_options();
  options.ping_interval = milliseconds{30};
  options.pong_timeout = milliseconds{150};  // a PING left unanswered this long drops the connection
  IoThread io;
  auto events = std::make_unique<hc::EventClient>(io.io.get_executor(), hc::Credentials{.token = kToken}, hc::Dispatcher{},
                                                  [&](const chatbind::Error& e) { errors.add(e); }, options,
                                                  platform.server.url());
  start_on(io, *events);
  ASSERT_TRUE(eventually([&] { return platform.server.subscribers() == 1; }));
  std::this_thread::sleep_for(milliseconds{600});  // about twenty heartbeats
  EXPECT_EQ(errors.count(), 0u) << "every PING was answered with PONG";
  EXPECT_EQ(platform.server.subscribers(), 1u);
  ASSERT_TRUE(destroy_on(io, events));
}

TEST(HeychatWebsocketDelivery, AnUnansweredHeartbeatDropsTheConnection) {
  // The same client against a server that never answers PING: the heartbeat test above could fail.
  FakeHeychat fake{kToken};
  EventWebSocketServer silent{[&](const chatbind::HttpRequest& r) { return fake.admits_subscription(r); }};
  Errors errors;
  auto options = hc::websocket_options();
  options.ping_interval = milliseconds{30};
  options.pong_timeout = milliseconds{150};
  options.backoff_base = milliseconds{1000};
  IoThread io;
  auto events = std::make_unique<hc::EventClient>(io.io.get_executor(), hc::Credentials{.token = kToken}, hc::Dispatcher{},
                                                  [&](const chatbind::Error& e) { errors.add(e); }, options, silent.url());
  start_on(io, *events);
  ASSERT_TRUE(eventually([&] { return errors.count() >= 1; }));
  ASSERT_TRUE(destroy_on(io, events));
}

TEST(HeychatWebsocketDelivery, TheFakeAdmitsTheTokenInTheHeaderAnyCaseOrTheQuery) {
  FakeHeychat fake{kToken};
  auto upgrade = [](std::vector<chatbind::Header> headers, std::vector<std::pair<std::string, std::string>> query) {
    chatbind::HttpRequest r;
    r.path = std::string{hc::Websocket::path};
    r.headers = std::move(headers);
    r.query = std::move(query);
    return r;
  };
  EXPECT_TRUE(fake.admits_subscription(upgrade({{"TOKEN", kToken}}, {{"chat_os_type", "bot"}})));
  EXPECT_TRUE(fake.admits_subscription(upgrade({}, {{"client_type", "heybox_chat"}, {"token", kToken}})));
  EXPECT_FALSE(fake.admits_subscription(upgrade({{"token", "wrong"}}, {})));
  EXPECT_FALSE(fake.admits_subscription(upgrade({}, {})));
  auto elsewhere = upgrade({{"token", kToken}}, {});
  elsewhere.path = "/subscribe";
  EXPECT_FALSE(fake.admits_subscription(elsewhere));
  EXPECT_EQ(FakeHeychat::answer_frame("PING"), "PONG");
  EXPECT_EQ(FakeHeychat::answer_frame(" ping\n"), "PONG");
  EXPECT_EQ(FakeHeychat::answer_frame("{\"x\":1}"), std::nullopt);
}

TEST(HeychatWebsocketDelivery, AWrongTokenGetsNoWebsocket) {
  WebsocketPlatform platform;
  Errors errors;
  auto options = hc::websocket_options();
  options.backoff_base = milliseconds{1000};
  IoThread io;
  auto events = std::make_unique<hc::EventClient>(io.io.get_executor(), hc::Credentials{.token = "wrong-SECRET"},
                                                  hc::Dispatcher{}, [&](const chatbind::Error& e) { errors.add(e); },
                                                  options, platform.server.url());
  start_on(io, *events);
  ASSERT_TRUE(eventually([&] { return errors.count() >= 1; }));
  EXPECT_EQ(platform.server.subscribers(), 0u);
  {
    std::lock_guard lock{errors.mutex};
    EXPECT_EQ(errors.seen[0].describe().find("SECRET"), std::string::npos) << errors.seen[0];
  }
  ASSERT_TRUE(destroy_on(io, events));
}

TEST(HeychatControlRoutes, CommandAndEmitPushFramesAndBadBodiesNameTheField) {
  chatbind::testing::FakePlatform platform;
  std::vector<std::string> frames;
  platform.heychat().subscribe([&](const std::string& f) { frames.push_back(f); });
  auto post = [&](std::string path, std::string body) {
    chatbind::HttpRequest r;
    r.method = chatbind::Method::post;
    r.path = std::move(path);
    r.body = std::move(body);
    r.headers.push_back({"Content-Type", "application/json"});
    return *platform(r);
  };
  const auto command = post("/_chatbind/heychat/command",
                            R"({"room_id":"1","channel_id":"2","user_id":43028164,"name":"/ping"})");
  ASSERT_EQ(command.status, 200) << command.body;
  ASSERT_EQ(frames.size(), 1u);
  EXPECT_EQ(frames[0], command.body);
  const auto event = hc::decode_event(frames[0]);
  ASSERT_TRUE(event) << event.error();
  EXPECT_EQ(event->type.str(), "50");
  EXPECT_EQ(event->sequence, 1);
  const auto* c = event->get<hc::BotCommandEvent>();
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->command_info.name, "/ping");
  EXPECT_EQ(c->sender_info.user_id.str(), "43028164");
  EXPECT_EQ(c->sender_info.nickname, "user 43028164");
  EXPECT_EQ(c->channel_base_info.channel_id.str(), "2");
  EXPECT_FALSE(c->msg_id.str().empty());

  const auto second = post("/_chatbind/heychat/command", R"({"room_id":"1","channel_id":"2","user_id":"7","name":"/ping"})");
  ASSERT_EQ(second.status, 200);
  const auto next = hc::decode_event(second.body);
  ASSERT_TRUE(next);
  EXPECT_EQ(next->sequence, 2) << "each push takes the next sequence number";
  EXPECT_NE(next->get<hc::BotCommandEvent>()->msg_id, c->msg_id) << "and a fresh msg_id";

  const auto missing = post("/_chatbind/heychat/command", R"({"room_id":"1","user_id":"7","name":"/ping"})");
  EXPECT_EQ(missing.status, 400);
  EXPECT_NE(missing.body.find("channel_id"), std::string::npos) << missing.body;

  const std::string reaction =
      R"({"sequence":9,"type":"5003","notify_type":"","timestamp":1,"data":{"msg_id":"1","emoji":"[cube_开心]","is_add":1,"user_id":"7","room_id":"1","channel_id":"2"}})";
  const auto emitted = post("/_chatbind/heychat/emit", reaction);
  EXPECT_EQ(emitted.status, 200) << emitted.body;
  const auto broken = post("/_chatbind/heychat/emit", R"({"sequence":1,"type":"50","notify_type":"","timestamp":1,"data":{"bot_id":1}})");
  EXPECT_EQ(broken.status, 400);
  EXPECT_NE(broken.body.find("data."), std::string::npos) << "the bad field is named: " << broken.body;
  EXPECT_EQ(frames.size(), 3u) << "a refused body is not pushed";
  EXPECT_EQ(post("/_chatbind/heychat/nothing", "{}").status, 404);
}

}  // namespace
