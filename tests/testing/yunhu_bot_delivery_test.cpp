// The Yunhu bot's two event deliveries on loopback, against the fake's platform side: FakeYunhuBot's
// events POSTed by WebhookPusher to a WebhookServer (the bot's receiver), and broadcast by
// EventWebSocketServer to a yunhu_bot::EventClient — including a dropped connection, a repeated
// event, a refused token, and a whole command → buttons → click conversation. And the streamed
// message, sent in pieces over loopback HTTP (chunked) and gathered for the in-process fake.
#include "chatbind/testing/httplib_bridge.hpp"
#include "chatbind/testing/webhook_pusher.hpp"
#include "chatbind/testing/websocket_server.hpp"
#include "chatbind/testing/yunhu_bot.hpp"
#include "chatbind/transport/httplib.hpp"
#include "chatbind/yunhu_bot.hpp"
#include "chatbind/yunhu_bot/event_client.hpp"
#include "chatbind/yunhu_bot/webhook_server.hpp"

#include "common/body_stream.hpp"

#include "common/eventually.hpp"
#include "common/io_thread.hpp"

#include <gtest/gtest.h>
#include <httplib.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace {

using chatbind::test::destroy_on;
using chatbind::test::eventually;
using chatbind::test::IoThread;
using chatbind::test::start_on;

namespace yb = chatbind::yunhu_bot;
using chatbind::testing::EventWebSocketServer;
using chatbind::testing::FakeYunhuBot;
using chatbind::testing::WebhookPusher;
using chatbind::test::pieces_of;
using std::chrono::milliseconds;

constexpr const char* kToken = "tok-SECRET-7";


/// Thread-safe record of what a bot's handlers saw.
struct Seen {
  std::mutex mutex;
  std::vector<std::string> texts;
  std::vector<chatbind::Error> errors;
  void text(std::string t) {
    std::lock_guard lock{mutex};
    texts.push_back(std::move(t));
  }
  void error(const chatbind::Error& e) {
    std::lock_guard lock{mutex};
    errors.push_back(e);
  }
  std::vector<std::string> all() {
    std::lock_guard lock{mutex};
    return texts;
  }
  std::size_t error_count() {
    std::lock_guard lock{mutex};
    return errors.size();
  }
};

yb::Dispatcher recording(Seen& seen) {
  yb::Dispatcher d;
  d.on<yb::MessageReceiveNormalEvent>([&](const yb::MessageReceiveNormalEvent& m) { seen.text(m.message.content.text.value_or("")); });
  return d;
}

TEST(YunhuBotWebhookDelivery, EventsArriveOnceAndTheReceiverAnswersSuccess) {
  FakeYunhuBot fake{kToken};
  Seen seen;
  yb::WebhookServer receiver{recording(seen), {.path = "/hook"}, [&](const chatbind::Error& e) { seen.error(e); }};
  ASSERT_TRUE(receiver.start());
  auto pusher = WebhookPusher::to(receiver.url());
  ASSERT_TRUE(pusher) << pusher.error();
  fake.subscribe([&](const yb::Event& e) { (*pusher)->push(yb::encode_event(e)); });

  const yb::Event first = fake.user_message("u1", "hello");
  fake.emit(first);  // delivered again, as a platform retry would
  fake.user_message("u2", "again", std::string{"g1"});
  ASSERT_TRUE((*pusher)->wait_idle());

  EXPECT_EQ(seen.all(), (std::vector<std::string>{"hello", "again"}));
  const auto deliveries = (*pusher)->deliveries();
  ASSERT_EQ(deliveries.size(), 3u);
  for (const auto& d : deliveries) {
    EXPECT_EQ(d.status, 200) << d.error;
    EXPECT_EQ(d.body, "success");
  }
  EXPECT_EQ(seen.error_count(), 0u);
}

TEST(YunhuBotWebhookDelivery, TheReceiverRefusesWhatIsNotAnEventAndOtherPaths) {
  Seen seen;
  yb::WebhookServer receiver{recording(seen), {.path = "/hook", .max_body = 4096}, [&](const chatbind::Error& e) { seen.error(e); }};
  ASSERT_TRUE(receiver.start());
  httplib::Client http{"127.0.0.1", receiver.port()};
  auto bad = http.Post("/hook", "{\"version\":", "application/json");
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 400);
  auto get = http.Get("/hook");
  ASSERT_TRUE(get);
  EXPECT_EQ(get->status, 405);
  EXPECT_EQ(get->get_header_value("Allow"), "POST");
  auto elsewhere = http.Post("/other", "{}", "application/json");
  ASSERT_TRUE(elsewhere);
  EXPECT_EQ(elsewhere->status, 404);
  auto huge = http.Post("/hook", std::string(8192, ' '), "application/json");
  ASSERT_TRUE(huge);
  EXPECT_EQ(huge->status, 413) << "over max_body, refused before it is read whole";
  EXPECT_EQ(seen.error_count(), 1u);
  EXPECT_TRUE(seen.all().empty());
}

TEST(YunhuBotWebhookDelivery, AReceiverThatIsDownIsRecordedNotRetried) {
  FakeYunhuBot fake{kToken};
  int port = 0;
  {
    yb::WebhookServer gone{yb::Dispatcher{}};
    port = *gone.bind();
  }  // closed again: nothing listens there
  auto pusher = WebhookPusher::to("http://127.0.0.1:" + std::to_string(port) + "/hook", {.timeout = milliseconds{500}});
  ASSERT_TRUE(pusher);
  fake.subscribe([&](const yb::Event& e) { (*pusher)->push(yb::encode_event(e)); });
  fake.user_message("u1", "lost");
  ASSERT_TRUE((*pusher)->wait_idle());
  const auto deliveries = (*pusher)->deliveries();
  ASSERT_EQ(deliveries.size(), 1u);
  EXPECT_EQ(deliveries[0].status, 0);
  EXPECT_FALSE(deliveries[0].error.empty());
  EXPECT_FALSE(WebhookPusher::to("ftp://127.0.0.1/x")) << "not an http URL";
}

/// The websocket side: the fake's events broadcast to subscribers the fake admits.
struct WebsocketPlatform {
  FakeYunhuBot fake{kToken};
  EventWebSocketServer server{[this](const chatbind::HttpRequest& r) { return fake.admits_subscription(r); }};
  WebsocketPlatform() {
    fake.subscribe([this](const yb::Event& e) { server.broadcast(yb::encode_event(e)); });
  }
};

TEST(YunhuBotWebsocketDelivery, ADroppedConnectionIsResumedAndARepeatIsDispatchedOnce) {
  WebsocketPlatform platform;
  Seen seen;
  auto options = yb::websocket_options();
  options.ping_interval = milliseconds{50};
  options.backoff_base = milliseconds{20};
  IoThread io;
  auto events = std::make_unique<yb::EventClient>(io.io.get_executor(), yb::Credentials{.token = kToken}, recording(seen),
                                                  [&](const chatbind::Error& e) { seen.error(e); }, options,
                                                  platform.server.url());
  start_on(io, *events);
  ASSERT_TRUE(eventually([&] { return platform.server.subscribers() == 1; }));

  const yb::Event first = platform.fake.user_message("u1", "one");
  ASSERT_TRUE(eventually([&] { return seen.all().size() == 1; }));

  platform.server.drop_connections();  // the network fails
  ASSERT_TRUE(eventually([&] { return seen.error_count() >= 1; })) << "the lost connection is reported";
  ASSERT_TRUE(eventually([&] { return platform.server.subscribers() == 1; })) << "and the client subscribes again";
  platform.fake.emit(first);  // redelivered after the reconnect
  platform.fake.user_message("u2", "two");
  ASSERT_TRUE(eventually([&] { return seen.all().size() >= 2; }));
  std::this_thread::sleep_for(milliseconds{100});  // room for a wrongly dispatched repeat to show up
  EXPECT_EQ(seen.all(), (std::vector<std::string>{"one", "two"}));
  {
    std::lock_guard lock{seen.mutex};
    EXPECT_EQ(seen.errors[0].kind, chatbind::ErrorKind::transport);
    EXPECT_EQ(seen.errors[0].describe().find("SECRET"), std::string::npos) << seen.errors[0];
  }
  boost::asio::post(io.io, [&] { events->stop(); });
  ASSERT_TRUE(eventually([&] { return platform.server.subscribers() == 0; }));
  ASSERT_TRUE(destroy_on(io, events));
}

TEST(YunhuBotWebsocketDelivery, AnUnknownTokenIsRefused) {
  WebsocketPlatform platform;
  Seen seen;
  auto options = yb::websocket_options();
  options.backoff_base = milliseconds{1000};
  IoThread io;
  auto events = std::make_unique<yb::EventClient>(io.io.get_executor(), yb::Credentials{.token = "wrong-SECRET"},
                                                  recording(seen), [&](const chatbind::Error& e) { seen.error(e); },
                                                  options, platform.server.url());
  start_on(io, *events);
  ASSERT_TRUE(eventually([&] { return seen.error_count() >= 1; }));
  EXPECT_EQ(platform.server.subscribers(), 0u);
  {
    std::lock_guard lock{seen.mutex};
    EXPECT_EQ(seen.errors[0].describe().find("SECRET"), std::string::npos) << seen.errors[0];
  }
  ASSERT_TRUE(destroy_on(io, events));
}

TEST(YunhuBotWebhookDelivery, ACommandIsAnsweredWithButtonsAndTheClickIsHandled) {
  FakeYunhuBot fake{kToken};
  yb::Client client{fake, fake.credentials()};
  std::atomic<int> reports = 0;
  yb::Dispatcher d;
  d.on<yb::MessageReceiveInstructionEvent>([&](const yb::MessageReceiveInstructionEvent& c) {
    const auto to = yb::reply_target(c);
    auto sent = client.send_message(
        {.recvId = to.recvId, .recvType = to.recvType, .contentType = yb::SendContentType::markdown,
         .content = {.text = "**pick**", .buttons = std::vector<std::vector<yb::Button>>{
                                             {{.text = "A", .actionType = yb::ButtonActionType::report, .value = "a"}}}}});
    EXPECT_TRUE(sent) << sent.error();
  });
  d.on<yb::ButtonReportInlineEvent>([&](const yb::ButtonReportInlineEvent& b) {
    const auto to = yb::reply_target(b);
    EXPECT_TRUE(client.send_message({.recvId = to.recvId, .recvType = to.recvType, .contentType = yb::SendContentType::text,
                                     .content = {.text = "you picked " + b.value}}));
    ++reports;
  });
  yb::WebhookServer receiver{std::move(d)};
  ASSERT_TRUE(receiver.start());
  auto pusher = WebhookPusher::to(receiver.url());
  ASSERT_TRUE(pusher);
  fake.subscribe([&](const yb::Event& e) { (*pusher)->push(yb::encode_event(e)); });

  // As a script would, through the control routes.
  chatbind::HttpRequest command;
  command.method = chatbind::Method::post;
  command.path = "/_chatbind/yunhu_bot/command";
  command.body = R"({"userId":"u1","commandName":"menu","groupId":"g1"})";
  auto answered = fake.control(command);
  ASSERT_TRUE(answered);
  ASSERT_EQ(answered->status, 200) << answered->body;
  ASSERT_TRUE((*pusher)->wait_idle());
  ASSERT_EQ(fake.messages().size(), 1u);
  EXPECT_EQ(fake.messages()[0].recvId, "g1");

  chatbind::HttpRequest click = command;
  click.path = "/_chatbind/yunhu_bot/click";
  click.body = R"({"userId":"u1","value":"a"})";  // the newest message with that button
  answered = fake.control(click);
  ASSERT_TRUE(answered);
  ASSERT_EQ(answered->status, 200) << answered->body;
  ASSERT_TRUE((*pusher)->wait_idle());
  EXPECT_EQ(reports, 1);
  ASSERT_EQ(fake.messages().size(), 2u);
  EXPECT_EQ(fake.messages()[1].content.text, "you picked a");

  click.body = R"({"userId":"u1","value":"zzz"})";
  answered = fake.control(click);
  EXPECT_EQ(answered->status, 400) << "no message carries that button";
  click.body = R"({"userId":1,"value":"a"})";
  answered = fake.control(click);
  EXPECT_EQ(answered->status, 400);
  EXPECT_NE(answered->body.find("userId"), std::string::npos) << answered->body;
  click.path = "/_chatbind/yunhu_bot/nothing";
  EXPECT_EQ(fake.control(click)->status, 404);
}

TEST(YunhuBotStreamedMessage, PiecesArriveChunkedOverHttpAndAsOneTextInProcess) {
  FakeYunhuBot fake{kToken};
  const yb::SendStreamMessageQuery to{.recvId = "7756242", .recvType = yb::RecvType::user,
                                      .contentType = yb::StreamContentType::markdown};
  // In-process: the fake is not a streaming transport, so the pieces are gathered first.
  auto sent = yb::send_stream_message(fake, fake.credentials(), to, pieces_of({"**Think", "ing**", " done."}));
  ASSERT_TRUE(sent) << sent.error();
  ASSERT_TRUE(fake.message(sent->messageInfo.msgId));
  EXPECT_EQ(fake.message(sent->messageInfo.msgId)->content.text, "**Thinking** done.");

  // Over loopback HTTP through the cpp-httplib adapter: chunked, to a server in front of the same fake.
  std::string transfer_encoding;
  httplib::Server server;
  server.Post(".*", [&](const httplib::Request& req, httplib::Response& res) {
    transfer_encoding = req.get_header_value("Transfer-Encoding");
    auto answer = fake(*chatbind::testing::from_httplib(req));
    if (answer) chatbind::testing::to_httplib(*answer, res);
  });
  const int port = server.bind_to_any_port("127.0.0.1");
  std::thread listening{[&] { server.listen_after_bind(); }};
  ASSERT_TRUE(eventually([&] { return server.is_running(); }));
  auto credentials = fake.credentials();
  credentials.base_url = "http://127.0.0.1:" + std::to_string(port);
  auto streamed = [&] {
    chatbind::transport::HttplibTransport http;  // closes its keep-alive connection before the server stops
    return yb::send_stream_message(http, credentials, to, pieces_of({"one ", "", "two ", std::string(50'000, '3')}));
  }();
  server.stop();
  listening.join();
  ASSERT_TRUE(streamed) << streamed.error();
  EXPECT_EQ(transfer_encoding, "chunked");
  ASSERT_TRUE(fake.message(streamed->messageInfo.msgId));
  EXPECT_EQ(fake.message(streamed->messageInfo.msgId)->content.text, "one two " + std::string(50'000, '3'));

  // A stream that fails sends nothing.
  auto failed = yb::send_stream_message(fake, fake.credentials(), to, [] {
    return chatbind::Result<std::optional<std::string>>{chatbind::Error::make(chatbind::ErrorKind::invalid_request, "model gone")};
  });
  ASSERT_FALSE(failed);
  EXPECT_EQ(failed.error().message, "model gone");
  EXPECT_EQ(fake.messages().size(), 2u);
}

}  // namespace
