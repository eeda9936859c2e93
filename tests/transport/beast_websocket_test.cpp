// The Boost.Beast websocket client (transport/beast_websocket.hpp) and Heychat's EventClient on it
// (heychat/event_client.hpp) against a scripted loopback websocket server in this process:
// connect, heartbeat, receive events, a dropped connection, backoff, reconnect and resume; a silent
// server detected as dead; capped backoff; bad URLs; wss:// against a server that speaks no TLS.
// Loopback only; every test is bounded by a watchdog.
#include "chatbind/core/json_dom.hpp"
#include "chatbind/heychat/event_client.hpp"  // Heychat's event client on the Beast websocket client
#include "chatbind/transport/beast_websocket.hpp"
#include "chatbind/transport/beast.hpp"  // a bot uses both Beast headers in one translation unit
#include "chatbind/yunhu_bot/event_client.hpp"  // the Yunhu bot subscription: websocket ping frames

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/buffers_to_string.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/websocket/stream.hpp>

#include <gtest/gtest.h>

#include <sys/socket.h>
#include <sys/time.h>

#include <atomic>
#include <chrono>
#include <exception>
#include <functional>
#include <string>
#include <thread>
#include <vector>

namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;
namespace hc = chatbind::heychat;
using chatbind::Json;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

constexpr const char* kToken = "tok-SECRET-42";

/// One accepted connection, as a script drives it (blocking calls; they throw on errors).
struct Peer {
  websocket::stream<tcp::socket> ws;
  std::vector<std::string> received{};

  std::string read() {
    beast::flat_buffer buffer;
    ws.read(buffer);
    received.push_back(beast::buffers_to_string(buffer.data()));
    return received.back();
  }
  void send(const std::string& text) {
    ws.text(true);
    ws.write(asio::buffer(text));
  }
  /// Drops the TCP connection without a websocket close.
  void drop() {
    beast::error_code ignored;
    ws.next_layer().shutdown(tcp::socket::shutdown_both, ignored);
    ws.next_layer().close(ignored);
  }
  /// Reads (and ignores) frames until the client closes or the connection dies.
  void until_closed() {
    try {
      for (;;) read();
    } catch (const std::exception&) {
    }
  }
};

/// A websocket server on 127.0.0.1 that runs one script per accepted connection, in order, on its
/// own thread, then stops accepting.
class ScriptedServer {
 public:
  using Script = std::function<void(Peer&)>;
  struct Connection {
    std::string target;
    std::string token_header;
    Clock::time_point accepted{};
    Clock::time_point ended{};
    std::vector<std::string> received;
    std::string failure;  ///< what went wrong in the handshake or the script, if anything
  };

  explicit ScriptedServer(std::vector<Script> scripts)
      : acceptor_(io_, tcp::endpoint{asio::ip::make_address("127.0.0.1"), 0}), scripts_(std::move(scripts)) {
    port_ = acceptor_.local_endpoint().port();
    thread_ = std::thread([this] { serve(); });
  }
  ~ScriptedServer() { finish(); }

  [[nodiscard]] std::string url() const { return "ws://127.0.0.1:" + std::to_string(port_); }
  [[nodiscard]] unsigned short port() const { return port_; }

  /// Stops accepting, waits for the server thread, and returns what each connection saw.
  const std::vector<Connection>& finish() {
    if (thread_.joinable()) {
      ::shutdown(acceptor_.native_handle(), SHUT_RDWR);  // wakes a blocking accept()
      thread_.join();
    }
    return connections_;
  }

 private:
  void serve() {
    for (auto& script : scripts_) {
      tcp::socket socket{io_};
      beast::error_code ec;
      acceptor_.accept(socket, ec);
      if (ec) return;
      timeval limit{3, 0};  // no blocking read may hang the test
      ::setsockopt(socket.native_handle(), SOL_SOCKET, SO_RCVTIMEO, &limit, sizeof limit);
      Connection& c = connections_.emplace_back();
      c.accepted = Clock::now();
      Peer peer{websocket::stream<tcp::socket>{std::move(socket)}};
      try {
        beast::flat_buffer buffer;
        beast::http::request<beast::http::string_body> request;
        beast::http::read(peer.ws.next_layer(), buffer, request);
        c.target = std::string{request.target()};
        c.token_header = std::string{request["token"]};
        peer.ws.accept(request);
        script(peer);
      } catch (const std::exception& e) {
        c.failure = e.what();
      }
      peer.drop();
      c.ended = Clock::now();
      c.received = std::move(peer.received);
    }
  }

  asio::io_context io_;
  tcp::acceptor acceptor_;
  unsigned short port_ = 0;
  std::vector<Script> scripts_;
  std::vector<Connection> connections_;
  std::thread thread_;
};

std::string message_frame(std::int64_t sequence, const char* msg_id) {
  return Json{{"sequence", sequence},
              {"type", "5"},
              {"notify_type", "USER_IM_MESSAGE"},
              {"data",
               {{"channel_id", "1"}, {"msg", "hi"}, {"msg_id", msg_id}, {"msg_type", 4}, {"room_id", "2"}, {"user_id", 3}}},
              {"timestamp", 1}}
      .dump();
}

std::string command_frame(std::int64_t sequence, const char* msg_id) {
  return Json{{"sequence", sequence},
              {"type", "50"},
              {"notify_type", ""},
              {"data",
               {{"bot_id", 9},
                {"channel_base_info", {{"channel_id", "1"}}},
                {"command_info", {{"id", "77"}, {"name", "/roll"}}},
                {"msg_id", msg_id},
                {"room_base_info", {{"room_id", "2"}}},
                {"sender_info", {{"avatar", ""}, {"nickname", "n"}, {"user_id", 3}}}}},
              {"timestamp", 1}}
      .dump();
}

std::string unknown_frame(std::int64_t sequence) {
  return Json{{"sequence", sequence}, {"type", "9001"}, {"notify_type", ""}, {"data", {{"k", 1}}}, {"timestamp", 1}}
      .dump();
}

hc::Credentials credentials() {
  hc::Credentials c;
  c.token = kToken;
  return c;
}

/// Runs `io` until the scenario says it is done (it stops the client itself), then lets the
/// client's last work (the close handshake) drain. Fails the test if the scenario takes over `limit`.
template <class Client, class Done>
void run_until(asio::io_context& io, Client& client, Done done, milliseconds limit = milliseconds{4000}) {
  const auto deadline = Clock::now() + limit;
  while (!done() && Clock::now() < deadline) {
    io.run_for(milliseconds{5});
    if (io.stopped()) io.restart();
  }
  EXPECT_TRUE(done()) << "the scenario did not finish in time";
  client.stop();
  io.restart();
  io.run_for(milliseconds{2000});  // returns as soon as no work is left
}

TEST(BeastWebSocket, HeartbeatEventsDropBackoffReconnectAndResume) {
  ScriptedServer server{{
      [](Peer& p) {
        p.send(message_frame(1, "M1"));
        p.send(command_frame(2, "M1"));  // the same message as a command: delivered once
        EXPECT_EQ(p.read(), "PING");
        p.send("PONG");
        EXPECT_EQ(p.read(), "PING");
        p.send("pong");
        p.drop();  // the connection dies without a close frame
      },
      [](Peer& p) {
        p.send(message_frame(1, "M2"));  // the sequence restarted: a new event
        EXPECT_EQ(p.read(), "PING");
        p.send("PONG");
        p.send("{not json");
        p.send(unknown_frame(2));
        p.until_closed();
      },
  }};

  asio::io_context io;
  std::vector<std::string> messages, commands, others;
  std::vector<chatbind::Error> errors;
  hc::Dispatcher d;
  chatbind::transport::WebSocketOptions options = hc::websocket_options();  // Heychat's PING/PONG
  options.ping_interval = milliseconds{50};
  options.pong_timeout = milliseconds{1000};
  options.backoff_base = milliseconds{100};
  options.backoff_cap = milliseconds{400};
  options.handshake_timeout = milliseconds{1000};
  std::unique_ptr<hc::EventClient> events;
  d.on<hc::ChannelMessageEvent>([&](const hc::ChannelMessageEvent& m) { messages.push_back(m.msg_id.str()); })
      .on<hc::BotCommandEvent>([&](const hc::BotCommandEvent& c) { commands.push_back(c.msg_id.str()); })
      .otherwise([&](const hc::Event& e) {
        others.push_back(e.type.str());
        events->stop();  // the last event of the script
      });
  events = std::make_unique<hc::EventClient>(
      io.get_executor(), credentials(), std::move(d), [&](const chatbind::Error& e) { errors.push_back(e); }, options,
      server.url());
  const auto started = Clock::now();
  events->start();
  run_until(io, *events, [&] { return !others.empty(); });
  const auto elapsed = Clock::now() - started;

  EXPECT_EQ(messages, (std::vector<std::string>{"M1", "M2"}));
  EXPECT_TRUE(commands.empty()) << "the type 50 twin of M1 was dropped";
  EXPECT_EQ(others, (std::vector<std::string>{"9001"}));
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_EQ(errors[0].kind, chatbind::ErrorKind::transport) << errors[0];
  EXPECT_NE(errors[0].message.find("127.0.0.1"), std::string::npos) << errors[0];
  EXPECT_EQ(errors[1].kind, chatbind::ErrorKind::syntax) << errors[1];
  for (const auto& e : errors) EXPECT_EQ(e.describe().find("SECRET"), std::string::npos) << e;

  const auto& seen = server.finish();
  ASSERT_EQ(seen.size(), 2u);
  for (const auto& c : seen) {
    EXPECT_EQ(c.failure, "");
    EXPECT_EQ(c.token_header, kToken);
    EXPECT_EQ(c.target.rfind("/chatroom/ws/connect?", 0), 0u) << c.target;
    EXPECT_NE(c.target.find("chat_os_type=bot"), std::string::npos) << c.target;
    EXPECT_NE(c.target.find(std::string{"token="} + kToken), std::string::npos) << c.target;
  }
  EXPECT_GE(seen[1].accepted - seen[0].ended, milliseconds{90}) << "the reconnect waited for the backoff";
  EXPECT_LT(elapsed, milliseconds{5000});
}

TEST(BeastWebSocket, ASilentServerIsDetectedAsDeadAndReplaced) {
  ScriptedServer server{{
      [](Peer& p) { p.until_closed(); },  // reads the pings, never answers
      [](Peer& p) {
        p.send(unknown_frame(1));
        p.until_closed();
      },
  }};
  asio::io_context io;
  chatbind::transport::WebSocketOptions options = hc::websocket_options();  // Heychat's PING/PONG
  options.ping_interval = milliseconds{40};
  options.pong_timeout = milliseconds{150};
  options.backoff_base = milliseconds{20};
  options.handshake_timeout = milliseconds{1000};
  std::vector<chatbind::Error> disconnects;
  int connects = 0;
  std::vector<std::string> frames;
  std::unique_ptr<chatbind::transport::BeastWebSocketClient> client;
  client = std::make_unique<chatbind::transport::BeastWebSocketClient>(
      io.get_executor(), hc::websocket_request(credentials(), server.url()),
      chatbind::transport::WebSocketHandlers{
          .on_frame =
              [&](std::string_view f) {
                frames.emplace_back(f);
                client->stop();
              },
          .on_connect = [&] { ++connects; },
          .on_disconnect = [&](const chatbind::Error& e) { disconnects.push_back(e); },
      },
      options);
  client->start();
  run_until(io, *client, [&] { return !frames.empty(); });

  EXPECT_EQ(connects, 2);
  ASSERT_EQ(disconnects.size(), 1u);
  EXPECT_NE(disconnects[0].message.find("no PONG"), std::string::npos) << disconnects[0];
  EXPECT_EQ(disconnects[0].describe().find("SECRET"), std::string::npos) << disconnects[0];
  EXPECT_EQ(frames, std::vector<std::string>{unknown_frame(1)});
  const auto& seen = server.finish();
  ASSERT_EQ(seen.size(), 2u);
  EXPECT_GE(seen[0].received.size(), 3u) << "pings kept coming while no pong did";
  for (const auto& r : seen[0].received) EXPECT_EQ(r, "PING");
  EXPECT_GE(seen[0].ended - seen[0].accepted, milliseconds{150}) << "not declared dead before the pong timeout";
}

// Peers answer the text PING as the official demos accept: a text frame that starts with PONG in any
// case ("pong 1725…"), or a websocket pong frame. Either keeps the connection alive past several pong
// timeouts, and neither reaches on_frame as an event.
TEST(BeastWebSocket, APongPrefixOrAPongFrameAnswersTheHeartbeat) {
  ScriptedServer server{{
      [](Peer& p) {
        for (int i = 0; i < 8; ++i) {
          if (p.read() != "PING") return;
          if (i == 0) {  // then only pong frames, for longer than the pong timeout
            p.send("pong " + std::to_string(1725531286 + i));
          } else {
            p.ws.pong({});
          }
        }
        p.send(unknown_frame(1));
        p.until_closed();
      },
  }};
  asio::io_context io;
  chatbind::transport::WebSocketOptions options = hc::websocket_options();  // Heychat's PING/PONG
  options.ping_interval = milliseconds{40};
  options.pong_timeout = milliseconds{100};
  options.handshake_timeout = milliseconds{1000};
  std::vector<chatbind::Error> disconnects;
  std::vector<std::string> frames;
  int connects = 0;
  std::unique_ptr<chatbind::transport::BeastWebSocketClient> client;
  client = std::make_unique<chatbind::transport::BeastWebSocketClient>(
      io.get_executor(), hc::websocket_request(credentials(), server.url()),
      chatbind::transport::WebSocketHandlers{
          .on_frame =
              [&](std::string_view f) {
                frames.emplace_back(f);
                client->stop();
              },
          .on_connect = [&] { ++connects; },
          .on_disconnect = [&](const chatbind::Error& e) { disconnects.push_back(e); },
      },
      options);
  client->start();
  run_until(io, *client, [&] { return !frames.empty(); });
  EXPECT_EQ(connects, 1);
  EXPECT_TRUE(disconnects.empty()) << disconnects.front();
  EXPECT_EQ(frames, std::vector<std::string>{unknown_frame(1)});
  const auto& seen = server.finish();
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_GE(seen[0].ended - seen[0].accepted, milliseconds{8 * 40}) << "it lived through eight heartbeats";
}

TEST(BeastWebSocket, BackoffDoublesUpToTheCap) {
  unsigned short port = 0;
  {
    asio::io_context probe;
    tcp::acceptor a{probe, tcp::endpoint{asio::ip::make_address("127.0.0.1"), 0}};
    port = a.local_endpoint().port();
  }  // closed: connecting to it is refused
  asio::io_context io;
  chatbind::transport::WebSocketOptions options = hc::websocket_options();  // Heychat's PING/PONG
  options.backoff_base = milliseconds{20};
  options.backoff_cap = milliseconds{80};
  std::vector<Clock::time_point> failures;
  std::unique_ptr<chatbind::transport::BeastWebSocketClient> client;
  chatbind::HttpRequest request;
  request.base_url = "ws://127.0.0.1:" + std::to_string(port);
  request.path = "/";
  client = std::make_unique<chatbind::transport::BeastWebSocketClient>(
      io.get_executor(), request,
      chatbind::transport::WebSocketHandlers{.on_frame = {}, .on_connect = {}, .on_disconnect = [&](const chatbind::Error& e) {
        EXPECT_EQ(e.kind, chatbind::ErrorKind::transport);
        failures.push_back(Clock::now());
        if (failures.size() == 6) client->stop();
      }},
      options);
  client->start();
  run_until(io, *client, [&] { return failures.size() >= 6; });

  ASSERT_EQ(failures.size(), 6u);
  const milliseconds expected[] = {milliseconds{20}, milliseconds{40}, milliseconds{80}, milliseconds{80},
                                   milliseconds{80}};
  for (std::size_t i = 0; i < 5; ++i) {
    const auto gap = std::chrono::duration_cast<milliseconds>(failures[i + 1] - failures[i]);
    EXPECT_GE(gap, expected[i] - milliseconds{2}) << "attempt " << i + 1;
    if (i >= 3) {
      EXPECT_LT(gap, milliseconds{250}) << "capped, not 160 ms / 320 ms";
    }
  }
}

TEST(BeastWebSocket, ABaseUrlThatIsNotAWebsocketIsReportedOnce) {
  asio::io_context io;
  std::vector<chatbind::Error> errors;
  chatbind::HttpRequest request;
  request.base_url = "https://chat.xiaoheihe.cn";
  chatbind::transport::BeastWebSocketClient client{
      io.get_executor(), request,
      chatbind::transport::WebSocketHandlers{.on_frame = {}, .on_connect = {},
                                             .on_disconnect = [&](const chatbind::Error& e) { errors.push_back(e); }}};
  client.start();
  io.run_for(milliseconds{2000});
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].kind, chatbind::ErrorKind::transport);
  EXPECT_NE(errors[0].message.find("expected ws:// or wss://"), std::string::npos) << errors[0];
}

TEST(BeastWebSocket, WssAgainstAServerWithoutTlsFailsTheHandshakeAndRetries) {
  ScriptedServer server{{[](Peer&) {}, [](Peer&) {}}};
  asio::io_context io;
  chatbind::transport::WebSocketOptions options = hc::websocket_options();  // Heychat's PING/PONG
  options.backoff_base = milliseconds{20};
  options.handshake_timeout = milliseconds{1000};
  std::vector<chatbind::Error> errors;
  std::unique_ptr<chatbind::transport::BeastWebSocketClient> client;
  client = std::make_unique<chatbind::transport::BeastWebSocketClient>(
      io.get_executor(), hc::websocket_request(credentials(), "wss://127.0.0.1:" + std::to_string(server.port())),
      chatbind::transport::WebSocketHandlers{.on_frame = {}, .on_connect = [] { ADD_FAILURE() << "no TLS, no connection"; },
                                             .on_disconnect =
                                                 [&](const chatbind::Error& e) {
                                                   errors.push_back(e);
                                                   if (errors.size() == 2) client->stop();
                                                 }},
      options);
  client->start();
  run_until(io, *client, [&] { return errors.size() >= 2; });
  ASSERT_EQ(errors.size(), 2u) << "a failed TLS handshake is retried like any failed connection";
  for (const auto& e : errors) {
    EXPECT_EQ(e.kind, chatbind::ErrorKind::transport);
    EXPECT_NE(e.message.find("TLS"), std::string::npos) << e;
    EXPECT_EQ(e.describe().find("SECRET"), std::string::npos) << e;
  }
}

// --- the Yunhu bot subscription: websocket ping frames instead of a text heartbeat -------------------

namespace yb = chatbind::yunhu_bot;

std::string yunhu_event(const char* id, const char* user) {
  return yb::encode_event(yb::make_event(
      yb::GroupJoinEvent{{.time = 1, .chatId = "g1", .chatType = yb::EventChatType::group, .userId = user}}, id, 1));
}

TEST(YunhuBotSubscription, PingFramesKeepItAliveAndEventsArrive) {
  std::atomic<int> pings = 0;
  ScriptedServer server{{
      [&](Peer& p) {
        p.ws.control_callback([&](websocket::frame_type kind, beast::string_view) {
          if (kind == websocket::frame_type::ping) ++pings;
        });
        p.send(yunhu_event("e1", "u1"));
        p.until_closed();  // reading answers each ping with a pong
      },
  }};
  asio::io_context io;
  auto options = yb::websocket_options();
  EXPECT_TRUE(options.ping_text.empty()) << "no text heartbeat for Yunhu";
  options.ping_interval = milliseconds{30};
  std::vector<std::string> joined;
  std::vector<chatbind::Error> errors;
  yb::Dispatcher d;
  d.on<yb::GroupJoinEvent>([&](const yb::GroupJoinEvent& j) { joined.push_back(j.userId); });
  yb::EventClient events{io.get_executor(), yb::Credentials{.token = kToken}, std::move(d),
                         [&](const chatbind::Error& e) { errors.push_back(e); }, options, server.url()};
  events.start();
  run_until(io, events, [&] { return !joined.empty() && pings >= 3; });

  EXPECT_EQ(joined, std::vector<std::string>{"u1"});
  EXPECT_TRUE(errors.empty()) << errors.front();
  const auto& seen = server.finish();
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(seen[0].target, std::string{"/subscribe?token="} + kToken);
  EXPECT_TRUE(seen[0].received.empty()) << "no text frames are sent";
  const std::string shown = chatbind::to_string(yb::websocket_request(yb::Credentials{.token = kToken}));
  EXPECT_EQ(shown.find("SECRET"), std::string::npos) << shown;
}

TEST(YunhuBotSubscription, ASilentServerIsReplacedAndARepeatedEventIsDispatchedOnce) {
  ScriptedServer server{{
      [](Peer& p) {
        p.send(yunhu_event("e1", "u1"));
        std::this_thread::sleep_for(milliseconds{400});  // reads nothing: the client's pings go unanswered
      },
      [](Peer& p) {
        p.send(yunhu_event("e1", "u1"));  // redelivered after the reconnect
        p.send(yunhu_event("e2", "u2"));
        p.until_closed();
      },
  }};
  asio::io_context io;
  auto options = yb::websocket_options();
  options.ping_interval = milliseconds{40};
  options.backoff_base = milliseconds{20};
  options.handshake_timeout = milliseconds{1000};
  std::vector<std::string> joined;
  std::vector<chatbind::Error> errors;
  yb::Dispatcher d;
  d.on<yb::GroupJoinEvent>([&](const yb::GroupJoinEvent& j) { joined.push_back(j.userId); });
  yb::EventClient events{io.get_executor(), yb::Credentials{.token = kToken}, std::move(d),
                         [&](const chatbind::Error& e) { errors.push_back(e); }, options, server.url()};
  events.start();
  run_until(io, events, [&] { return joined.size() >= 2; });

  EXPECT_EQ(joined, (std::vector<std::string>{"u1", "u2"}));
  ASSERT_GE(errors.size(), 1u);
  EXPECT_EQ(errors[0].kind, chatbind::ErrorKind::transport) << errors[0];
  EXPECT_EQ(errors[0].describe().find("SECRET"), std::string::npos) << errors[0];
  EXPECT_NE(errors[0].message.find("connection lost"), std::string::npos) << errors[0];
  EXPECT_EQ(server.finish().size(), 2u);
}

}  // namespace
