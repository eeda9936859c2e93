// Loopback servers for the transport tests: a well-behaved one (cpp-httplib's Server) and a raw
// socket one that plays a script, for the misbehaving cases. Both listen on 127.0.0.1, on a port
// chosen by the system at run time.
#pragma once

#include <httplib.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>

namespace chatbind::test {

class LoopbackServer {
 public:
  /// `routes` registers the handlers (server.Get(...), server.Post(...)) before the server starts.
  explicit LoopbackServer(const std::function<void(httplib::Server&)>& routes,
                          std::unique_ptr<httplib::Server> server = std::make_unique<httplib::Server>(),
                          std::string scheme = "http")
      : server_{std::move(server)}, scheme_{std::move(scheme)} {
    if (!server_->is_valid()) throw std::runtime_error("cannot set up the loopback server");
    server_->set_keep_alive_timeout(1);
    routes(*server_);
    port_ = server_->bind_to_any_port("127.0.0.1");
    if (port_ <= 0) throw std::runtime_error("cannot bind a loopback port");
    thread_ = std::thread{[this] { server_->listen_after_bind(); }};
    // stop() is a no-op until the accept loop runs: wait for it, so that the destructor can stop it.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds{2};
    while (!server_->is_running() && std::chrono::steady_clock::now() < deadline) std::this_thread::yield();
  }
  LoopbackServer(const LoopbackServer&) = delete;
  LoopbackServer& operator=(const LoopbackServer&) = delete;
  ~LoopbackServer() {
    server_->stop();
    thread_.join();
  }

  [[nodiscard]] int port() const { return port_; }
  [[nodiscard]] std::string base_url() const { return scheme_ + "://127.0.0.1:" + std::to_string(port_); }

 private:
  std::unique_ptr<httplib::Server> server_;
  std::string scheme_;
  int port_ = 0;
  std::thread thread_;
};

#ifdef CHATBIND_TEST_TLS_DIR
/// An https:// LoopbackServer with the self-signed certificate for 127.0.0.1 the build generated.
inline std::unique_ptr<httplib::Server> self_signed_tls_server() {
  const std::string dir = CHATBIND_TEST_TLS_DIR;
  return std::make_unique<httplib::SSLServer>((dir + "/cert.pem").c_str(), (dir + "/key.pem").c_str());
}
#endif

/// Accepts `connections` connections one after the other and runs `script(socket, index)` on each
/// (blocking I/O, in a thread of its own).
class RawServer {
 public:
  using tcp = boost::asio::ip::tcp;
  using Script = std::function<void(tcp::socket&, int index)>;

  explicit RawServer(Script script, int connections = 1)
      : acceptor_{io_, {boost::asio::ip::make_address("127.0.0.1"), 0}} {
    port_ = acceptor_.local_endpoint().port();
    thread_ = std::thread{[this, connections, script = std::move(script)] {
      for (int i = 0; i < connections && !stopping_; ++i) {
        tcp::socket socket{io_};
        boost::system::error_code ec;
        acceptor_.accept(socket, ec);
        if (ec || stopping_) return;
        ++accepted_;
        script(socket, i);
      }
    }};
    connections_ = connections;
  }
  RawServer(const RawServer&) = delete;
  RawServer& operator=(const RawServer&) = delete;
  ~RawServer() {
    stopping_ = true;
    if (accepted_ < connections_) {  // a blocking accept may be waiting: connect once to end it
      boost::system::error_code ec;
      tcp::socket wake{io_};
      wake.connect({boost::asio::ip::make_address("127.0.0.1"), port_}, ec);
    }
    thread_.join();
  }

  [[nodiscard]] std::string base_url() const { return "http://127.0.0.1:" + std::to_string(port_); }

  /// Reads the request head (up to the blank line) from `socket`.
  static void read_head(tcp::socket& socket) {
    std::string head;
    char c = 0;
    boost::system::error_code ec;
    while (!head.ends_with("\r\n\r\n") && socket.read_some(boost::asio::buffer(&c, 1), ec) == 1) head += c;
  }

 private:
  boost::asio::io_context io_;
  tcp::acceptor acceptor_;
  unsigned short port_ = 0;
  int connections_ = 0;
  std::atomic<int> accepted_{0};
  std::atomic<bool> stopping_{false};
  std::thread thread_;
};

/// A loopback port with nothing listening on it (bound, then released).
inline std::string refused_base_url() {
  boost::asio::io_context io;
  boost::asio::ip::tcp::acceptor acceptor{io, {boost::asio::ip::make_address("127.0.0.1"), 0}};
  const auto port = acceptor.local_endpoint().port();
  acceptor.close();
  return "http://127.0.0.1:" + std::to_string(port);
}

}  // namespace chatbind::test
