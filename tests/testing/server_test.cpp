// chatbind-fake over loopback: the executable is started on port 0, found through --port-file,
// driven by the three clients over cpp-httplib, and stopped with SIGTERM.
#include "chatbind/heychat.hpp"
#include "chatbind/transport/httplib.hpp"
#include "chatbind/wildfire.hpp"
#include "chatbind/yunhu.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

class FakeServer : public ::testing::Test {
 protected:
  void SetUp() override {
    port_file_ = fs::temp_directory_path() / ("chatbind-fake-test-" + std::to_string(::getpid()) + ".port");
    fs::remove(port_file_);
    const std::string port_file = port_file_.string();
    std::vector<std::string> args{CHATBIND_FAKE_EXE, "--port", "0", "--port-file", port_file, "--quiet",
                                  "--token", "bot-token", "--yunhu-token", "yh-token", "--wildfire-secret", "wf-secret"};
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    ASSERT_EQ(posix_spawn(&pid_, CHATBIND_FAKE_EXE, nullptr, nullptr, argv.data(), environ), 0);
    for (auto deadline = std::chrono::steady_clock::now() + 20s; !fs::exists(port_file_);) {
      ASSERT_LT(std::chrono::steady_clock::now(), deadline) << "chatbind-fake did not write its port file";
      std::this_thread::sleep_for(20ms);
    }
    std::ifstream in(port_file_);
    int port = 0;
    in >> port;
    ASSERT_GT(port, 0);
    port_ = port;
    base_url_ = "http://127.0.0.1:" + std::to_string(port);
  }

  /// Stops the server with `signal`; returns its exit status (-1 if it did not stop within 10 s).
  int stop(int signal) {
    if (pid_ <= 0) return -1;
    ::kill(pid_, signal);
    for (auto deadline = std::chrono::steady_clock::now() + 10s; std::chrono::steady_clock::now() < deadline;) {
      int status = 0;
      if (::waitpid(pid_, &status, WNOHANG) == pid_) {
        pid_ = 0;
        return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
      }
      std::this_thread::sleep_for(20ms);
    }
    return -1;
  }

  void TearDown() override {
    if (pid_ > 0 && stop(SIGTERM) < 0) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, nullptr, 0);
    }
  }

  pid_t pid_ = 0;
  fs::path port_file_;
  std::string base_url_;
  int port_ = 0;

  /// A connected loopback socket to the fake (-1 on failure).
  [[nodiscard]] int connect_raw() const {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<std::uint16_t>(port_));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (fd < 0 || ::connect(fd, reinterpret_cast<const sockaddr*>(&addr), sizeof addr) != 0) {
      if (fd >= 0) ::close(fd);
      return -1;
    }
    timeval wait{2, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &wait, sizeof wait);
    return fd;
  }

  /// Sends `bytes` as they are and returns what comes back until the fake closes or 2 s of silence.
  [[nodiscard]] std::string exchange_raw(std::string_view bytes) const {
    const int fd = connect_raw();
    if (fd < 0) return "<no connection>";
    std::string answer;
    if (::send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(bytes.size())) {
      char buffer[4096];
      for (ssize_t n; (n = ::recv(fd, buffer, sizeof buffer, 0)) > 0;) answer.append(buffer, static_cast<std::size_t>(n));
    }
    ::close(fd);
    return answer;
  }
};

TEST_F(FakeServer, ServesThePlatformsOverHttpAndStopsCleanly) {
  chatbind::heychat::Client heychat{chatbind::transport::HttplibTransport{},
                                    chatbind::heychat::Credentials{.token = "bot-token", .base_url = base_url_}};
  auto sent = heychat.send_channel_message({.msg = "hi", .room_id = "1", .channel_id = "2"});
  ASSERT_TRUE(sent) << sent.error();
  EXPECT_TRUE(sent->msg_id);

  chatbind::yunhu::Client yunhu{chatbind::transport::HttplibTransport{},
                                chatbind::yunhu::Credentials{.token = "yh-token", .base_url = base_url_}};
  ASSERT_TRUE(yunhu.send_message({.msg_id = "m1", .chat_id = "g1", .chat_type = chatbind::yunhu::ChatType::group,
                                  .data = chatbind::yunhu::SendContent{.text = "over http"}}));
  auto listed = yunhu.list_message({.msg_count = 10, .chat_type = chatbind::yunhu::ChatType::group, .chat_id = "g1"});
  ASSERT_TRUE(listed) << listed.error();
  ASSERT_EQ(listed->msg.size(), 1u);
  EXPECT_EQ(listed->msg[0].content->text, "over http");

  chatbind::wildfire::Client wildfire{chatbind::transport::HttplibTransport{},
                                      chatbind::wildfire::Credentials{.secret = "wf-secret", .base_url = base_url_}};
  auto room = wildfire.create_chatroom({.title = "room"});
  ASSERT_TRUE(room) << room.error();
  auto info = wildfire.get_chatroom_info({.chatroomId = room->chatroomId});
  ASSERT_TRUE(info) << info.error();
  EXPECT_EQ(info->title, "room");

  EXPECT_EQ(stop(SIGTERM), 0);
  EXPECT_FALSE(fs::exists(port_file_)) << "the port file is removed on shutdown";
}

TEST_F(FakeServer, FailuresTravelAsThePlatformsSendThem) {
  chatbind::yunhu::Client yunhu{chatbind::transport::HttplibTransport{},
                                chatbind::yunhu::Credentials{.token = "wrong", .base_url = base_url_}};
  auto r = yunhu.send_message({.chat_id = "g1"});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().platform_code, -101);

  chatbind::wildfire::Client wildfire{chatbind::transport::HttplibTransport{},
                                      chatbind::wildfire::Credentials{.secret = "wrong", .base_url = base_url_}};
  auto w = wildfire.create_chatroom({.title = "room"});
  ASSERT_FALSE(w);
  EXPECT_EQ(chatbind::wildfire::error_code(w.error()), chatbind::wildfire::ErrorCode::auth_failure);

  chatbind::transport::HttplibTransport http;
  chatbind::HttpRequest unknown;
  unknown.base_url = base_url_;
  unknown.path = "/admin/chatroom/nothing";
  unknown.method = chatbind::Method::post;
  auto raw = http(unknown);
  ASSERT_TRUE(raw) << raw.error();
  EXPECT_EQ(raw->status, 500);
  EXPECT_TRUE(raw->body.empty());

  EXPECT_EQ(stop(SIGINT), 0);
}

TEST_F(FakeServer, AmbiguousFramingIsRefusedWith400AndNothingSmuggledIsServed) {
  const std::string head = "POST /admin/health HTTP/1.1\r\nHost: fake\r\n";
  for (const std::string framing : {"Content-Length: abc\r\n", "Content-Length: 2\r\nContent-Length: 2\r\n",
                                    "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n", "Transfer-Encoding: gzip\r\n",
                                    "Content-Length: -1\r\n"}) {
    const std::string smuggled = "GET /admin/health HTTP/1.1\r\nHost: fake\r\n\r\n";
    const std::string answer = exchange_raw(head + framing + "\r\n0\r\n\r\n" + smuggled);
    EXPECT_EQ(answer.rfind("HTTP/1.1 400", 0), 0u) << framing << answer;
    std::size_t responses = 0;
    for (auto at = answer.find("HTTP/1.1 "); at != std::string::npos; at = answer.find("HTTP/1.1 ", at + 1)) ++responses;
    EXPECT_EQ(responses, 1u) << "the request hidden in the body must not be answered: " << framing;
  }
  EXPECT_EQ(exchange_raw("GET /admin/health HTTP/1.1\r\nHost: fake\r\nConnection: close\r\n\r\n").rfind("HTTP/1.1 200", 0), 0u);
}

TEST_F(FakeServer, StalledClientsDoNotStarveTheOthers) {
  std::vector<int> stalled;  // slowloris: a request line and half a header, then silence
  for (int i = 0; i < 24; ++i) {
    const int fd = connect_raw();
    ASSERT_GE(fd, 0);
    constexpr std::string_view partial = "GET /admin/health HTTP/1.1\r\nHo";
    ASSERT_EQ(::send(fd, partial.data(), partial.size(), MSG_NOSIGNAL), static_cast<ssize_t>(partial.size()));
    stalled.push_back(fd);
  }
  // exchange_raw gives up after 2 s of silence: less than the 5 s read timeout a stalled worker holds.
  const std::string answer = exchange_raw("GET /admin/health HTTP/1.1\r\nHost: fake\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(answer.rfind("HTTP/1.1 200", 0), 0u) << answer;
  for (const int fd : stalled) ::close(fd);
}

}  // namespace
