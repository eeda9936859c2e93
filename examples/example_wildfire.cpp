// Wildfire IM: create a chatroom, make a manager, blacklist a user until tomorrow, mute everyone,
// read it back, delete it. The transport is a stand-in that checks signatures as the server does and
// answers as the open-source server would; plug in any HTTP client for a real server on :18080.
#include <chatbind/wildfire.hpp>

#include <chrono>
#include <iostream>
#include <string>

namespace wf = chatbind::wildfire;

namespace {

constexpr const char* kSecret = "your-admin-secret";

chatbind::HttpResponse offline_server(const chatbind::HttpRequest& r) {
  std::cout << "  -> " << r.method << ' ' << r.path << "  " << r.body << "  (sign " << (r.header("sign").empty() ? "missing" : "present") << ")\n";
  const auto ts = std::stoll(std::string{r.header("timestamp")});
  if (wf::sign(r.header("nonce"), kSecret, ts) != r.header("sign"))
    return {200, {}, R"({"code":244,"msg":"auth failure","result":{"code":244,"msg":"auth failure"}})"};
  if (r.path == "/admin/chatroom/create") return {200, {}, R"({"code":0,"msg":"success","result":{"chatroomId":"room-1"}})"};
  if (r.path == "/admin/chatroom/info")
    return {200, {}, R"({"code":0,"msg":"success","result":{"chatroomId":"room-1","title":"Release party","desc":"",)"
                     R"("portrait":"","memberCount":3,"createDt":1732406400000,"updateDt":1732406400000,"state":0}})"};
  if (r.path == "/admin/chatroom/get_black_status")
    return {200, {}, R"({"code":0,"msg":"success","result":{"infos":[{"userId":"troll","state":2,"expiredTime":1732492800000}]}})"};
  if (r.path == "/admin/chatroom/get_manager_list") return {200, {}, R"({"code":0,"msg":"success","result":{"list":["alice"]}})"};
  return {200, {}, R"({"code":0,"msg":"success"})"};
}

}  // namespace

int main() {
  wf::Client client{offline_server, wf::Credentials{.secret = kSecret, .base_url = "http://127.0.0.1:18080"}};

  auto created = client.create_chatroom({.title = "Release party", .desc = "for the 0.1 release"});
  if (!created) return std::cerr << created.error() << '\n', 1;
  const std::string room = created->chatroomId;
  std::cout << "created " << room << "\n";

  const auto tomorrow = std::chrono::duration_cast<std::chrono::milliseconds>(
      (std::chrono::system_clock::now() + std::chrono::hours(24)).time_since_epoch()).count();
  for (auto r : {client.set_chatroom_manager({.chatroomId = room, .userId = "alice", .status = wf::ManagerStatus::manager}),
                 client.set_chatroom_blacklist({.chatroomId = room, .userId = "troll",
                                                .status = wf::BlacklistStatus::forbidden_entry, .expiredTime = tomorrow}),
                 client.set_chatroom_mute_all({.chatroomId = room, .status = wf::MuteAllStatus::muted})}) {
    if (!r) return std::cerr << r.error() << '\n', 1;
  }

  auto info = client.get_chatroom_info({.chatroomId = room});
  if (!info) return std::cerr << info.error() << '\n', 1;
  std::cout << info->title << ": " << info->memberCount << " members\n";
  auto managers = client.get_chatroom_managers({.chatroomId = room});
  auto blacklist = client.get_chatroom_blacklist({.chatroomId = room});
  if (!managers || !blacklist) return 1;
  std::cout << managers->list.size() << " manager(s), " << blacklist->infos.size() << " blacklisted\n";

  if (auto deleted = client.destroy_chatroom({.chatroomId = room}); !deleted) return std::cerr << deleted.error() << '\n', 1;
  std::cout << "deleted " << room << "\n";

  // A wrong secret is a typed, named error — and the secret is not in it.
  wf::Client wrong{offline_server, wf::Credentials{.secret = "not-the-secret"}};
  auto denied = wrong.get_chatroom_info({.chatroomId = room});
  if (denied || wf::error_code(denied.error()) != wf::ErrorCode::auth_failure) return 1;
  std::cout << "wrong secret: " << denied.error() << '\n';
  return 0;
}
