// chatbind-fake: the offline fake platform (chatbind::testing::FakePlatform) on a loopback HTTP port,
// so that bots and examples run over a real HTTP stack with no network. Heychat, Yunhu and Wildfire
// share the port; requests are routed by path (/chatroom/…, /v1/msg/…, /open-apis/…, /admin/…).
// The Yunhu bot's events go out both ways the platform delivers them: POSTed to a webhook URL
// (--yunhu-bot-webhook, or set later with POST /_chatbind/yunhu_bot/webhook {"url":…}), and as frames
// to every websocket subscriber of ws://127.0.0.1:<ws port>/subscribe?token=… . Scripts make them with
// the control routes POST /_chatbind/yunhu_bot/{message,command,click,emit} (testing/yunhu_bot.hpp).
// Heychat's events go to the bots connected to ws://127.0.0.1:<ws port>/chatroom/ws/connect (the token
// in the `token` header or query; a text PING is answered PONG), made with POST
// /_chatbind/heychat/{command,emit} (testing/heychat.hpp). GET /_chatbind/websockets counts the bots
// connected to each ({"/subscribe":0,"/chatroom/ws/connect":1}), for a script that waits for its bot.
//
//   chatbind-fake [--port N] [--port-file FILE] [--ws-port N] [--ws-port-file FILE] [--token T]
//                 [--yunhu-token T] [--yunhu-bot-token T] [--yunhu-bot-webhook URL] [--wildfire-secret S]
//                 [--wildfire-no-check-time] [--wildfire-callback NAME=URL] [--quiet]
//
// Prints "listening on http://127.0.0.1:<port>", then the two event websockets' URLs ("events on
// ws://127.0.0.1:<ws port>/subscribe", "heychat events on ws://…/chatroom/ws/connect") on stdout once
// it accepts connections, logs one line per request on stderr (unless --quiet), and stops cleanly on
// SIGINT or SIGTERM (exit status 0).
#include "chatbind/testing/fake.hpp"
#include "chatbind/testing/httplib_bridge.hpp"
#include "chatbind/testing/webhook_pusher.hpp"
#include "chatbind/testing/websocket_server.hpp"
#include "chatbind/transport/httplib_receiver.hpp"

#include <httplib.h>

#include <atomic>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

namespace {

struct Options {
  int port = 8765;
  std::string port_file;
  int ws_port = 0;
  std::string ws_port_file;
  std::string yunhu_bot_webhook;
  std::vector<std::pair<std::string, std::string>> wildfire_callbacks;  ///< webhook name, URL
  bool quiet = false;
  bool help = false;
  chatbind::testing::FakePlatform::Options fake;
};

constexpr std::string_view usage =
    "usage: chatbind-fake [options]\n"
    "  --port N              port on 127.0.0.1 (default 8765; 0 picks a free one)\n"
    "  --port-file FILE      write the port to FILE once listening (for scripts)\n"
    "  --ws-port N           the event websockets' port, Yunhu bot's and Heychat's (default 0: a free one)\n"
    "  --ws-port-file FILE   write the websocket port to FILE once listening\n"
    "  --yunhu-bot-webhook U POST every Yunhu bot event to the http:// URL U\n"
    "  --token T             Heychat bot token accepted (default fake-token)\n"
    "  --yunhu-token T       Yunhu login token accepted (default fake-token)\n"
    "  --yunhu-bot-token T   Yunhu bot token accepted (default fake-token)\n"
    "  --wildfire-secret S   Wildfire admin secret signatures are checked with (default fake-secret)\n"
    "  --wildfire-no-check-time\n"
    "                        the Wildfire admin API skips the timestamp check, as a server with\n"
    "                        http.admin.no_check_time true does (the release default checks it)\n"
    "  --wildfire-callback NAME=URL\n"
    "                        POST Wildfire's callback NAME (message, userOnlineStatus, ...: spec/wildfire.yaml\n"
    "                        webhooks) to the http:// URL, as wildfirechat.conf's URLs do; repeatable\n"
    "  --quiet               do not log requests on stderr\n"
    "Stops cleanly (exit status 0) on SIGINT or SIGTERM.\n";

bool parse(int argc, char** argv, Options& o) {
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    auto value = [&](std::string& out) {
      if (i + 1 >= argc) return false;
      out = argv[++i];
      return true;
    };
    std::string text;
    auto port_value = [&](int& out) {
      if (!value(text)) return false;
      char* end = nullptr;
      const long port = std::strtol(text.c_str(), &end, 10);
      if (text.empty() || *end != '\0' || port < 0 || port > 65535) return false;
      out = static_cast<int>(port);
      return true;
    };
    if (arg == "--port") {
      if (!port_value(o.port)) return false;
    } else if (arg == "--port-file") {
      if (!value(o.port_file)) return false;
    } else if (arg == "--ws-port") {
      if (!port_value(o.ws_port)) return false;
    } else if (arg == "--ws-port-file") {
      if (!value(o.ws_port_file)) return false;
    } else if (arg == "--yunhu-bot-webhook") {
      if (!value(o.yunhu_bot_webhook)) return false;
    } else if (arg == "--token") {
      if (!value(o.fake.heychat_token)) return false;
    } else if (arg == "--yunhu-token") {
      if (!value(o.fake.yunhu_token)) return false;
    } else if (arg == "--yunhu-bot-token") {
      if (!value(o.fake.yunhu_bot_token)) return false;
    } else if (arg == "--wildfire-secret") {
      if (!value(o.fake.wildfire_secret)) return false;
    } else if (arg == "--wildfire-no-check-time") {
      o.fake.wildfire_check_time = false;
    } else if (arg == "--wildfire-callback") {
      if (!value(text)) return false;
      const auto eq = text.find('=');
      if (eq == std::string::npos || eq == 0) return false;
      o.wildfire_callbacks.emplace_back(text.substr(0, eq), text.substr(eq + 1));
    } else if (arg == "--quiet") {
      o.quiet = true;
    } else if (arg == "--help" || arg == "-h") {
      o.help = true;
    } else {
      return false;
    }
  }
  return true;
}

/// Where the Yunhu bot's events are POSTed, if anywhere: set by --yunhu-bot-webhook or the
/// /_chatbind/yunhu_bot/webhook route, read by the emitting thread.
class Webhook {
 public:
  std::optional<chatbind::Error> set(std::string_view url) {
    auto pusher = chatbind::testing::WebhookPusher::to(url);
    if (!pusher) return pusher.error();
    std::lock_guard lock{mutex_};
    pusher_ = std::move(*pusher);
    return std::nullopt;
  }
  void push(std::string body) {
    std::lock_guard lock{mutex_};
    if (pusher_) pusher_->push(std::move(body));
  }

 private:
  std::mutex mutex_;
  std::unique_ptr<chatbind::testing::WebhookPusher> pusher_;
};

/// Points the Wildfire callback `name` at `url` (an http:// URL; "" stops it): what a change of
/// wildfirechat.conf does. An error for a name the fake refuses or a URL the pusher cannot take.
std::optional<chatbind::Error> set_wildfire_callback(chatbind::testing::FakeWildfire& fake, const std::string& name,
                                                     const std::string& url) {
  if (!url.empty()) {
    if (auto pusher = chatbind::testing::WebhookPusher::to(url); !pusher) return pusher.error();
  }
  if (auto set = fake.set_callback_url(name, url); !set) return set.error();
  return std::nullopt;
}

/// One HTTP exchange through the fake: httplib's request in, httplib's response out.
void serve(chatbind::testing::FakePlatform& fake, Webhook& webhook, const chatbind::testing::EventWebSocketServer& events,
           const httplib::Request& req, httplib::Response& res) {
  const auto request = chatbind::testing::from_httplib(req);
  if (!request) {
    res.status = 405;
    return;
  }
  if (req.path == "/_chatbind/websockets") {  // how many bots are connected to each event websocket
    const nlohmann::json open{{std::string{chatbind::yunhu_bot::Websocket::path}, events.subscribers(chatbind::yunhu_bot::Websocket::path)},
                              {std::string{chatbind::heychat::Websocket::path}, events.subscribers(chatbind::heychat::Websocket::path)}};
    res.status = request->method == chatbind::Method::get ? 200 : 405;
    res.set_content(open.dump(), "application/json");
    return;
  }
  if (req.path == "/_chatbind/yunhu_bot/webhook") {  // {"url": "http://…"}: where events go from now on
    const auto body = nlohmann::json::parse(req.body, nullptr, false);
    const bool has_url = request->method == chatbind::Method::post && body.is_object() && body.contains("url") && body["url"].is_string();
    const auto failed = has_url ? webhook.set(body["url"].get<std::string>())
                                : std::optional{chatbind::Error::make(chatbind::ErrorKind::invalid_request,
                                                                      "POST {\"url\": \"http://host:port/path\"} expected")};
    res.status = failed ? 400 : 200;
    res.set_content(failed ? nlohmann::json{{"error", failed->describe()}}.dump() : body.dump(), "application/json");
    return;
  }
  if (req.path == "/_chatbind/wildfire/callbacks") {  // {"message": "http://…", …}: wildfirechat.conf's callback URLs
    const auto body = nlohmann::json::parse(req.body, nullptr, false);
    std::optional<chatbind::Error> failed;
    if (request->method != chatbind::Method::post || !body.is_object()) {
      failed = chatbind::Error::make(chatbind::ErrorKind::invalid_request, "POST {\"message\": \"http://host:port/path\"} expected");
    } else {
      for (auto it = body.begin(); it != body.end() && !failed; ++it) {
        failed = it->is_string() ? set_wildfire_callback(fake.wildfire(), it.key(), it->get<std::string>())
                                 : chatbind::Error::make(chatbind::ErrorKind::invalid_request, it.key() + ": a URL string expected");
      }
    }
    res.status = failed ? 400 : 200;
    res.set_content(failed ? nlohmann::json{{"error", failed->describe()}}.dump() : body.dump(), "application/json");
    return;
  }
  auto response = fake(*request);
  if (!response) {
    res.status = 500;
    return;
  }
  chatbind::testing::to_httplib(*response, res);
}

bool write_port_file(const std::string& path, int port) {
  const std::string temporary = path + ".tmp";
  {
    std::ofstream out(temporary, std::ios::trunc);
    if (!(out << port << '\n')) return false;
  }
  std::error_code ec;
  std::filesystem::rename(temporary, path, ec);  // atomic: a script never reads half a file
  return !ec;
}

}  // namespace

int main(int argc, char** argv) {
  Options options;
  if (!parse(argc, argv, options)) {
    std::cerr << usage;
    return 2;
  }
  if (options.help) {
    std::cout << usage;
    return 0;
  }

  // SIGINT and SIGTERM are taken by sigwait below, in this thread; every thread started later
  // inherits the mask, so no server thread is interrupted.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  chatbind::testing::FakePlatform fake{options.fake};
  Webhook webhook;
  if (!options.yunhu_bot_webhook.empty()) {
    if (auto failed = webhook.set(options.yunhu_bot_webhook)) {
      std::cerr << "chatbind-fake: --yunhu-bot-webhook: " << failed->describe() << '\n';
      return 2;
    }
  }
  chatbind::testing::WebhookPushers callback_pushers;
  fake.wildfire().on_callback([&callback_pushers](const chatbind::testing::FakeWildfire::Callback& c) {
    callback_pushers.push(c.url, c.body);
  });
  for (const auto& [name, url] : options.wildfire_callbacks) {
    if (auto failed = set_wildfire_callback(fake.wildfire(), name, url)) {
      std::cerr << "chatbind-fake: --wildfire-callback " << name << ": " << failed->describe() << '\n';
      return 2;
    }
  }
  std::unique_ptr<chatbind::testing::EventWebSocketServer> events;
  try {
    const auto& bot = fake.yunhu_bot();
    const auto& heychat = fake.heychat();
    events = std::make_unique<chatbind::testing::EventWebSocketServer>(
        [&bot, &heychat](const chatbind::HttpRequest& upgrade) {
          return bot.admits_subscription(upgrade) || heychat.admits_subscription(upgrade);
        },
        chatbind::testing::EventWebSocketServer::Options{
            .port = static_cast<unsigned short>(options.ws_port),
            .reply = [](std::string_view path, std::string_view text) -> std::optional<std::string> {
              if (path == chatbind::heychat::Websocket::path) return chatbind::testing::FakeHeychat::answer_frame(text);
              return std::nullopt;
            }});
  } catch (const std::exception& e) {
    std::cerr << "chatbind-fake: cannot listen for websocket subscribers on port " << options.ws_port << ": " << e.what() << '\n';
    return 1;
  }
  fake.yunhu_bot().subscribe([&webhook, &events](const chatbind::yunhu_bot::Event& event) {
    std::string frame = chatbind::yunhu_bot::encode_event(event);
    events->broadcast(frame, chatbind::yunhu_bot::Websocket::path);
    webhook.push(std::move(frame));
  });
  fake.heychat().subscribe(
      [&events](const std::string& frame) { events->broadcast(frame, chatbind::heychat::Websocket::path); });
  httplib::Server server;
  const auto handler = [&fake, &webhook, &events](const httplib::Request& req, httplib::Response& res) {
    serve(fake, webhook, *events, req, res);
  };
  chatbind::receiver::harden(server, {});  // 64 workers, 5 s read timeout, 64 MB bodies, 400 for ambiguous framing
  server.set_keep_alive_timeout(1);  // a stop waits for open keep-alive connections at most this long
  server.Get(".*", handler);
  server.Post(".*", handler);
  server.Put(".*", handler);
  server.Patch(".*", handler);
  server.Delete(".*", handler);
  if (!options.quiet) {
    server.set_logger([](const httplib::Request& req, const httplib::Response& res) {
      std::fprintf(stderr, "chatbind-fake: %s %s -> %d\n", req.method.c_str(), req.path.c_str(), res.status);
    });
  }

  const std::string host = "127.0.0.1";
  auto bound = chatbind::receiver::bind(server, host, options.port);
  if (!bound) {
    std::cerr << "chatbind-fake: " << bound.error().message << '\n';
    return 1;
  }
  const int port = *bound;
  if (!options.ws_port_file.empty() && !write_port_file(options.ws_port_file, events->port())) {
    std::cerr << "chatbind-fake: cannot write " << options.ws_port_file << '\n';
    return 1;
  }
  if (!options.port_file.empty() && !write_port_file(options.port_file, port)) {  // last: scripts wait for it
    std::cerr << "chatbind-fake: cannot write " << options.port_file << '\n';
    return 1;
  }
  std::cout << "listening on http://" << host << ':' << port << '\n'
            << "events on " << events->url() << chatbind::yunhu_bot::Websocket::path << '\n'
            << "heychat events on " << events->url() << chatbind::heychat::Websocket::path << std::endl;

  std::atomic<bool> ended{false};
  std::thread listener([&] {
    server.listen_after_bind();
    ended = true;
  });
  // Wait for a stop signal; wake up now and then to notice a listener that ended on its own.
  const timespec tick{0, 200'000'000};
  while (!ended && sigtimedwait(&stop_signals, nullptr, &tick) < 0) {
  }
  server.stop();
  listener.join();
  events->stop();
  if (!options.port_file.empty()) std::filesystem::remove(options.port_file);
  if (!options.ws_port_file.empty()) std::filesystem::remove(options.ws_port_file);
  return 0;
}
