// What the websocket delivery tests share: an io_context on its own thread for an event client, and
// the client's orderly end on that thread (where its handlers run).
#pragma once

#include "common/eventually.hpp"

#include <boost/asio.hpp>

#include <memory>
#include <thread>

namespace chatbind::test {

/// Runs an io_context on a thread until destroyed.
struct IoThread {
  boost::asio::io_context io;
  boost::asio::executor_work_guard<boost::asio::io_context::executor_type> work{io.get_executor()};
  std::thread thread{[this] { io.run(); }};
  ~IoThread() {
    work.reset();
    io.stop();
    thread.join();
  }
};

/// Starts `client` on the io thread.
template <class Client>
void start_on(IoThread& io, Client& client) {
  boost::asio::post(io.io, [&client] { client.start(); });
}

/// Destroys `client` on the io thread; true once it is gone.
template <class Client>
[[nodiscard]] bool destroy_on(IoThread& io, std::unique_ptr<Client>& client) {
  boost::asio::post(io.io, [&client] { client.reset(); });
  return eventually([&client] { return client == nullptr; });
}

}  // namespace chatbind::test
