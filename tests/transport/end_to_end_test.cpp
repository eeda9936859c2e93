// A real endpoint called through each transport: the Heychat client (blocking transports) and
// chatbind::async_call (Beast), against a loopback server answering with the documented envelope.
#include "servers.hpp"

#include "common/test_data.hpp"

#include "chatbind/core/json_dom.hpp"
#include "chatbind/heychat.hpp"
#include "chatbind/transport/beast.hpp"
#include "chatbind/transport/curl.hpp"
#include "chatbind/transport/httplib.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/use_future.hpp>

#include <gtest/gtest.h>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <vector>

namespace {

namespace asio = boost::asio;
namespace hc = chatbind::heychat;
using chatbind::test::LoopbackServer;
using namespace std::chrono_literals;

/// Serves GET /chatroom/v2/room_role/roles with the documented example, to the bot holding "t".
class RolesServer {
 public:
  RolesServer()
      : body_{chatbind::test::read_file(chatbind::test::data_path("heychat/room_role_roles.json"))},
        server_{[this](httplib::Server& s) {
          s.Get("/chatroom/v2/room_role/roles", [this](const httplib::Request& req, httplib::Response& res) {
            if (req.get_header_value("token") != "t" || req.get_param_value("room_id") != "42") {
              res.status = 403;
              res.set_content(R"({"status":"failed","msg":"bad token or room","result":{}})", "application/json");
              return;
            }
            res.set_content(body_, "application/json");
          });
        }} {}

  [[nodiscard]] hc::Credentials credentials() const {
    hc::Credentials c;
    c.token = "t";
    c.base_url = server_.base_url();
    return c;
  }
  [[nodiscard]] std::size_t expected_roles() const { return chatbind::Json::parse(body_)["result"]["roles"].size(); }

 private:
  std::string body_;
  LoopbackServer server_;
};

template <class Transport>
void expect_roles_through(Transport transport) {
  RolesServer server;
  hc::Client client{std::move(transport), server.credentials()};
  auto roles = client.list_room_roles({.room_id = "42"});
  ASSERT_TRUE(roles.has_value()) << roles.error();
  ASSERT_GT(server.expected_roles(), 0u);
  EXPECT_EQ(roles->roles.size(), server.expected_roles());

  auto denied = client.list_room_roles({.room_id = "7"});
  ASSERT_FALSE(denied.has_value());
  EXPECT_EQ(denied.error().kind, chatbind::ErrorKind::http_status);
  EXPECT_EQ(denied.error().http_status, 403);
}

TEST(TransportEndToEnd, HeychatClientOverHttplib) { expect_roles_through(chatbind::transport::HttplibTransport{}); }

TEST(TransportEndToEnd, HeychatClientOverCurl) { expect_roles_through(chatbind::transport::CurlTransport{}); }

TEST(TransportEndToEnd, HeychatAsyncCallOverBeastWithAFuture) {
  RolesServer server;
  asio::io_context io;
  chatbind::transport::BeastTransport transport{io.get_executor()};
  auto roles =
      chatbind::async_call<hc::ListRoomRoles>(transport, {.room_id = "42"}, server.credentials(), asio::use_future);
  io.run();
  auto result = roles.get();
  ASSERT_TRUE(result.has_value()) << result.error();
  EXPECT_EQ(result->roles.size(), server.expected_roles());
}

TEST(TransportEndToEnd, AsyncCallReportsAnEncodingErrorThroughTheToken) {
  asio::io_context io;
  chatbind::transport::BeastTransport transport{io.get_executor()};
  hc::Credentials credentials;
  credentials.base_url = chatbind::test::refused_base_url();  // never reached: encoding fails first
  hc::ChannelMessageSend message;
  message.msg = "\xff\xfe not UTF-8";
  bool completed = false;
  chatbind::async_call<hc::SendChannelMessage>(transport, message, credentials,
                                               [&](chatbind::Result<hc::ChannelMessageSendResult> r) {
                                                 completed = true;
                                                 ASSERT_FALSE(r.has_value());
                                                 EXPECT_EQ(r.error().kind, chatbind::ErrorKind::invalid_request);
                                               });
  EXPECT_FALSE(completed) << "completed inside the initiating call";
  io.run();
  EXPECT_TRUE(completed);
}

// The request is a named local on purpose: g++ 12 destroys a braced temporary inside a co_await
// expression twice (a crash seen with `async_call<...>(transport, {.room_id = ...}, ...)`).
asio::awaitable<void> list_roles(chatbind::transport::BeastTransport& transport, hc::Credentials credentials,
                                 std::string room, std::vector<chatbind::Result<hc::RoomRoleList>>& results) {
  hc::ListRoomRolesRequest request;
  request.room_id = std::move(room);
  results.push_back(
      co_await chatbind::async_call<hc::ListRoomRoles>(transport, request, credentials, asio::use_awaitable));
}

// Several calls in flight at once on one thread: the server holds every request until all of them
// have arrived, so the test passes only if the transport really sends them concurrently.
TEST(TransportEndToEnd, BeastRunsConcurrentCallsOnOneThread) {
  constexpr int calls = 4;
  std::mutex mutex;
  std::condition_variable all_arrived;
  int arrived = 0;
  LoopbackServer server{[&](httplib::Server& s) {
    s.Get("/chatroom/v2/room_role/roles", [&](const httplib::Request& req, httplib::Response& res) {
      std::unique_lock lock{mutex};
      ++arrived;
      all_arrived.notify_all();
      const bool together = all_arrived.wait_for(lock, 3s, [&] { return arrived >= calls; });
      res.set_content(R"({"status":"ok","msg":"","result":{"roles":[]}})", "application/json");
      res.status = together ? 200 : 504;
      (void)req;
    });
  }};
  hc::Credentials credentials;
  credentials.token = "t";
  credentials.base_url = server.base_url();

  asio::io_context io;
  chatbind::transport::BeastTransport transport{io.get_executor()};
  std::vector<chatbind::Result<hc::RoomRoleList>> results;
  for (int i = 0; i < calls; ++i) {
    asio::co_spawn(io, list_roles(transport, credentials, std::to_string(i), results), asio::detached);
  }
  io.run();
  ASSERT_EQ(results.size(), static_cast<std::size_t>(calls));
  for (const auto& r : results) EXPECT_TRUE(r.has_value()) << r.error();
}

}  // namespace
