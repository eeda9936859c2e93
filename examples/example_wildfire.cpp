// Wildfire IM: create a chatroom, make a manager, blacklist a user until tomorrow, mute everyone,
// read it all back, delete it — every request signed (nonce, timestamp, sign) — over HTTP against
// the base URL given as the first argument (chatbind-fake, or a real server on :18080).
#include "example_support.hpp"

#include <chatbind/transport/httplib.hpp>
#include <chatbind/wildfire.hpp>

#include <chrono>
#include <iostream>
#include <string>

namespace wf = chatbind::wildfire;

int main(int argc, char** argv) {
  const std::string url = example::base_url(argc, argv);
  wf::Client admin{chatbind::transport::HttplibTransport{}, wf::Credentials{.secret = "demo-wildfire-secret", .base_url = url}};

  auto created = admin.create_chatroom({.title = "Release party", .desc = "for the 0.1 release"});
  const std::string room = example::check(created, "create_chatroom").chatroomId;
  std::cout << "created chatroom " << room << "\n";

  const auto tomorrow = std::chrono::duration_cast<std::chrono::milliseconds>(
                            (std::chrono::system_clock::now() + std::chrono::hours(24)).time_since_epoch())
                            .count();
  auto manager = admin.set_chatroom_manager({.chatroomId = room, .userId = "alice", .status = wf::ManagerStatus::manager});
  example::check(manager, "set_chatroom_manager");
  auto banned = admin.set_chatroom_blacklist(
      {.chatroomId = room, .userId = "troll", .status = wf::BlacklistStatus::forbidden_entry, .expiredTime = tomorrow});
  example::check(banned, "set_chatroom_blacklist");
  auto muted = admin.set_chatroom_mute_all({.chatroomId = room, .status = wf::MuteAllStatus::muted});
  example::check(muted, "set_chatroom_mute_all");
  std::cout << "alice is a manager, troll may not enter until tomorrow, everyone is muted\n";

  auto info = admin.get_chatroom_info({.chatroomId = room});
  std::cout << "read back: \"" << example::check(info, "get_chatroom_info").title << "\", state "
            << static_cast<int>(info->state.value_or(wf::ChatroomState::normal)) << "\n";
  auto managers = admin.get_chatroom_managers({.chatroomId = room});
  for (const auto& user : example::check(managers, "get_chatroom_managers").list) std::cout << "  manager: " << user << "\n";
  auto blacklist = admin.get_chatroom_blacklist({.chatroomId = room});
  for (const auto& entry : example::check(blacklist, "get_chatroom_blacklist").infos)
    std::cout << "  blacklisted: " << entry.userId << " (state " << static_cast<int>(entry.state) << ", until "
              << entry.expiredTime.value_or(0) << ")\n";

  auto deleted = admin.destroy_chatroom({.chatroomId = room});
  example::check(deleted, "destroy_chatroom");
  auto after = admin.get_chatroom_info({.chatroomId = room});
  std::cout << "deleted; it now reads back as state "
            << static_cast<int>(example::check(after, "get_chatroom_info").state.value_or(wf::ChatroomState::normal))
            << " (ended: Wildfire deletes softly)\n";

  // A wrong secret is a typed error with the server's code — and the secret is not in it.
  wf::Client intruder{chatbind::transport::HttplibTransport{}, wf::Credentials{.secret = "not-the-secret", .base_url = url}};
  auto denied = intruder.get_chatroom_info({.chatroomId = room});
  if (denied || wf::error_code(denied.error()) != wf::ErrorCode::auth_failure) {
    std::cerr << "expected an auth failure\n";
    return 1;
  }
  std::cout << "a wrong secret: " << denied.error() << '\n';
  return 0;
}
