// Wildfire IM: an app server. With the admin API it creates two users, makes them friends, creates a
// group and a robot in it; the robot (the robot API: its own secret and the `rid` header) greets the
// group; the app receives the server's message callback (message.forward.url) for it, and the robot
// receives, on its own callback URL, a user's private message, which it answers.
//
//   example_wildfire_app ADMIN_URL IM_URL [--fake]
//
// ADMIN_URL is the admin port (:18080), IM_URL the client port the robot API is served on (:80);
// with chatbind-fake both are its URL. A real server reads the callback URLs from wildfirechat.conf
// (message.forward.url http://app:8090/wildfire/message); --fake sets them on chatbind-fake instead.
#include "example_support.hpp"

#include <chatbind/transport/httplib.hpp>
#include <chatbind/wildfire.hpp>
#include <chatbind/wildfire/callback_server.hpp>

#include <httplib.h>

#include <chrono>
#include <condition_variable>
#include <iostream>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace wf = chatbind::wildfire;

namespace {

/// What the callbacks brought, for the main thread (a handler answers the server first, then the
/// work happens here: the server sends every callback from one thread).
class Inbox {
 public:
  void put(std::string_view kind, const wf::MessageData& m) {
    {
      std::lock_guard lock{mutex_};
      items_.push_back({std::string{kind}, m});
    }
    arrived_.notify_all();
  }
  /// The first callback of `kind` whose message `match` accepts, waiting up to 10 s.
  template <class Match>
  std::optional<wf::MessageData> wait(std::string_view kind, Match match) {
    std::unique_lock lock{mutex_};
    std::optional<wf::MessageData> found;
    arrived_.wait_for(lock, std::chrono::seconds{10}, [&] {
      for (const auto& [k, m] : items_)
        if (k == kind && match(m)) found = m;
      return found.has_value();
    });
    return found;
  }

 private:
  std::mutex mutex_;
  std::condition_variable arrived_;
  std::vector<std::pair<std::string, wf::MessageData>> items_;
};

wf::MessagePayload text(std::string s) {
  wf::MessagePayload p;
  p.type = 1;  // text (文本)
  p.searchableContent = std::move(s);
  return p;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: " << argv[0] << " ADMIN_URL IM_URL [--fake]\n";
    return 2;
  }
  const std::string admin_url = argv[1], im_url = argv[2];
  const bool fake = argc > 3 && std::string_view{argv[3]} == "--fake";

  // The app's callback receiver: the message forward, and the robot's own callback.
  Inbox inbox;
  wf::CallbackDispatcher callbacks;
  callbacks.on<wf::MessageWebhook>([&](const wf::MessageData& m) { inbox.put("message", m); });
  callbacks.on<wf::RobotMessageWebhook>([&](const wf::MessageData& m) { inbox.put("robot", m); });
  wf::CallbackServer receiver{std::move(callbacks), {.port = 0},
                              [](const chatbind::Error& e) { std::cerr << "a callback did not decode: " << e << '\n'; }};
  if (auto started = receiver.start(); !started) {
    std::cerr << "cannot listen for callbacks: " << started.error() << '\n';
    return 1;
  }
  std::cout << "receiving callbacks on " << receiver.url<wf::MessageWebhook>() << " and " << receiver.url<wf::RobotMessageWebhook>() << '\n';
  if (fake) {  // what wildfirechat.conf says on a real server
    httplib::Client control{admin_url};
    const auto set = control.Post("/_chatbind/wildfire/callbacks", "{\"message\":\"" + receiver.url<wf::MessageWebhook>() + "\"}",
                                  "application/json");
    if (!set || set->status != 200) {
      std::cerr << "chatbind-fake did not take the callback URL\n";
      return 1;
    }
  }

  wf::Client admin{chatbind::transport::HttplibTransport{}, wf::Credentials{.secret = "demo-wildfire-secret", .base_url = admin_url}};
  for (const char* id : {"alice", "bob"}) {
    auto created = admin.create_user({.userId = id, .name = id, .displayName = std::string{id} + " (demo)"});
    std::cout << "created user " << example::check(created, "create_user").userId << '\n';
  }
  for (auto [a, b] : {std::pair{"alice", "bob"}, std::pair{"bob", "alice"}}) {
    auto friends = admin.set_friend_status({.userId = a, .friendUid = b, .status = wf::FriendStatus::friend_});
    example::check(friends, "set_friend_status");
  }
  auto alice_friends = admin.get_friend_list({.userId = "alice"});
  std::cout << "alice's friends:";
  for (const auto& f : example::check(alice_friends, "get_friend_list").list) std::cout << ' ' << f;
  std::cout << '\n';

  auto robot = admin.create_robot({.userId = "helper", .name = "helper", .displayName = "Helper robot", .owner = "alice",
                                   .callback = receiver.url<wf::RobotMessageWebhook>()});
  const wf::CreateRobotResult& made = example::check(robot, "create_robot");
  std::cout << "created robot " << made.userId << " (its secret stays in this process)\n";

  wf::GroupInfo info;
  info.target_id = "demo-group";
  info.name = "Demo group";
  info.owner = "alice";
  info.type = wf::GroupType::restricted;
  std::vector<wf::GroupMember> members;
  for (const char* id : {"alice", "bob", "helper"}) members.push_back({.member_id = id});
  auto group = admin.create_group({.operator_ = "alice", .group = {.group_info = info, .members = members}});
  const std::string group_id = example::check(group, "create_group").group_id;
  std::cout << "created group " << group_id << " with alice, bob and the robot\n";

  // The robot speaks for itself: its id in `rid`, signed with its own secret, on the client port.
  wf::RobotServiceClient helper{chatbind::transport::HttplibTransport{},
                                wf::RobotCredentials{.robot_id = made.userId, .secret = made.secret, .base_url = im_url}};
  auto greeting = helper.robot_send_message({.conv = {.type = wf::ConversationType::group, .target = group_id, .line = 0},
                                             .payload = text("Hello from the robot")});
  const std::int64_t greeting_uid = example::check(greeting, "robot_send_message").messageUid;
  std::cout << "the robot sent message " << greeting_uid << " to the group\n";

  auto forwarded = inbox.wait("message", [&](const wf::MessageData& m) { return m.messageId == greeting_uid; });
  if (!forwarded) {
    std::cerr << "no message callback for the robot's message\n";
    return 1;
  }
  std::cout << "message callback: " << forwarded->sender << " -> " << forwarded->conv.target << ": \""
            << forwarded->payload.searchableContent.value_or("") << "\"\n";

  // bob writes to the robot in private; the robot's callback brings it, and the robot answers.
  auto asked = admin.send_message({.sender = "bob", .conv = {.type = wf::ConversationType::private_, .target = made.userId, .line = 0},
                                   .payload = text("what time is it?")});
  example::check(asked, "send_message");
  auto question = inbox.wait("robot", [&](const wf::MessageData& m) { return m.sender == "bob"; });
  if (!question) {
    std::cerr << "the robot's callback did not bring bob's message\n";
    return 1;
  }
  std::cout << "the robot got \"" << question->payload.searchableContent.value_or("") << "\" from " << question->sender << '\n';
  auto answered = helper.robot_send_message({.conv = {.type = wf::ConversationType::private_, .target = question->sender, .line = 0},
                                             .payload = text("time for a release")});
  std::cout << "the robot answered with message " << example::check(answered, "robot_send_message").messageUid << '\n';

  // A robot with a wrong secret: a typed error with the server's code, and no secret in it.
  wf::RobotServiceClient impostor{chatbind::transport::HttplibTransport{},
                                  wf::RobotCredentials{.robot_id = made.userId, .secret = "guess", .base_url = im_url}};
  auto denied = impostor.robot_send_message({.conv = {.type = wf::ConversationType::group, .target = group_id, .line = 0}, .payload = text("hi")});
  if (denied || wf::error_code(denied.error()) != wf::ErrorCode::auth_failure) {
    std::cerr << "expected an auth failure\n";
    return 1;
  }
  std::cout << "a wrong robot secret: " << denied.error() << '\n';
  receiver.stop();
  return 0;
}
