// chatbind-fake: the offline fake platform (chatbind::testing::FakePlatform) on a loopback HTTP port,
// so that bots and examples run over a real HTTP stack with no network. Heychat, Yunhu and Wildfire
// share the port; requests are routed by path (/chatroom/…, /v1/msg/…, /admin/…).
//
//   chatbind-fake [--port N] [--port-file FILE] [--token T] [--yunhu-token T] [--wildfire-secret S] [--quiet]
//
// Prints "listening on http://127.0.0.1:<port>" on stdout once it accepts connections, logs one line
// per request on stderr (unless --quiet), and stops cleanly on SIGINT or SIGTERM (exit status 0).
#include "chatbind/testing/fake.hpp"

#include <httplib.h>

#include <atomic>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <string>
#include <string_view>
#include <thread>

namespace {

struct Options {
  int port = 8765;
  std::string port_file;
  bool quiet = false;
  bool help = false;
  chatbind::testing::FakePlatform::Options fake;
};

constexpr std::string_view usage =
    "usage: chatbind-fake [options]\n"
    "  --port N              port on 127.0.0.1 (default 8765; 0 picks a free one)\n"
    "  --port-file FILE      write the port to FILE once listening (for scripts)\n"
    "  --token T             Heychat bot token accepted (default fake-token)\n"
    "  --yunhu-token T       Yunhu login token accepted (default fake-token)\n"
    "  --yunhu-bot-token T   Yunhu bot token accepted (default fake-token)\n"
    "  --wildfire-secret S   Wildfire admin secret signatures are checked with (default fake-secret)\n"
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
    if (arg == "--port") {
      if (!value(text)) return false;
      char* end = nullptr;
      const long port = std::strtol(text.c_str(), &end, 10);
      if (text.empty() || *end != '\0' || port < 0 || port > 65535) return false;
      o.port = static_cast<int>(port);
    } else if (arg == "--port-file") {
      if (!value(o.port_file)) return false;
    } else if (arg == "--token") {
      if (!value(o.fake.heychat_token)) return false;
    } else if (arg == "--yunhu-token") {
      if (!value(o.fake.yunhu_token)) return false;
    } else if (arg == "--yunhu-bot-token") {
      if (!value(o.fake.yunhu_bot_token)) return false;
    } else if (arg == "--wildfire-secret") {
      if (!value(o.fake.wildfire_secret)) return false;
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

std::optional<chatbind::Method> method_of(std::string_view m) {
  using chatbind::Method;
  for (Method candidate : {Method::get, Method::post, Method::put, Method::patch, Method::delete_})
    if (chatbind::to_string(candidate) == m) return candidate;
  return std::nullopt;
}

/// One HTTP exchange through the fake: httplib's request in, httplib's response out.
void serve(const chatbind::testing::FakePlatform& fake, const httplib::Request& req, httplib::Response& res) {
  const auto method = method_of(req.method);
  if (!method) {
    res.status = 405;
    return;
  }
  chatbind::HttpRequest request;
  request.method = *method;
  request.path = req.path;
  for (const auto& [name, value] : req.params) request.query.emplace_back(name, value);
  for (const auto& [name, value] : req.headers) request.headers.push_back({name, value});
  request.body = req.body;
  auto response = fake(request);
  if (!response) {
    res.status = 500;
    return;
  }
  res.status = response->status;
  std::string content_type;
  for (const auto& h : response->headers) {
    if (chatbind::iequals(h.name, "Content-Type")) {
      content_type = h.value;
    } else {
      res.set_header(h.name, h.value);
    }
  }
  if (!response->body.empty() || !content_type.empty()) res.set_content(response->body, content_type);
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

  const chatbind::testing::FakePlatform fake{options.fake};
  httplib::Server server;
  const auto handler = [&fake](const httplib::Request& req, httplib::Response& res) { serve(fake, req, res); };
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

  const char* host = "127.0.0.1";
  const int port = options.port == 0 ? server.bind_to_any_port(host) : (server.bind_to_port(host, options.port) ? options.port : -1);
  if (port <= 0) {
    std::cerr << "chatbind-fake: cannot listen on " << host << ':' << options.port << '\n';
    return 1;
  }
  if (!options.port_file.empty() && !write_port_file(options.port_file, port)) {
    std::cerr << "chatbind-fake: cannot write " << options.port_file << '\n';
    return 1;
  }
  std::cout << "listening on http://" << host << ':' << port << std::endl;

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
  if (!options.port_file.empty()) std::filesystem::remove(options.port_file);
  return 0;
}
