// Heychat: send a message, list roles and read a room through the convenience client. The transport
// here is a stand-in that answers with the platform documents' examples; plug in any HTTP client.
#include <chatbind/heychat.hpp>

#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

namespace hc = chatbind::heychat;

namespace {

std::string canned(const std::string& name) {
  std::ifstream in{std::string{CHATBIND_EXAMPLE_DATA} + "/heychat/" + name};
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// Any callable HttpRequest -> HttpResponse (or Result<HttpResponse>) is a transport.
chatbind::Result<chatbind::HttpResponse> offline_platform(const chatbind::HttpRequest& request) {
  std::cout << "  -> " << chatbind::to_string(request) << "\n";  // the token prints as <redacted>
  if (request.path == "/chatroom/v2/room_role/roles") return chatbind::HttpResponse{200, {}, canned("room_role_roles.json")};
  if (request.path == "/chatroom/v2/room/view")
    return chatbind::HttpResponse{200, {}, R"({"msg":"","status":"ok","result":)" + canned("room_view.result.json") + "}"};
  if (request.path == "/chatroom/v2/channel_msg/send")
    return chatbind::HttpResponse{200, {}, R"({"msg":"","status":"ok","result":{"msg_id":"1870221897717407744"}})"};
  return chatbind::HttpResponse{200, {}, R"({"msg":"没有权限","status":"failed"})"};
}

}  // namespace

int main() {
  hc::Client client{offline_platform, hc::Credentials{.token = "your-bot-token"}};

  auto sent = client.send_channel_message({.msg = "hello from chatbind", .msg_type = hc::MsgType::text,
                                           .room_id = "3713907767125508096", .channel_id = "3713907767219945474"});
  if (!sent) return std::cerr << sent.error() << '\n', 1;
  std::cout << "sent, msg_id " << (sent->msg_id ? sent->msg_id->str() : "?") << "\n\n";

  auto roles = client.list_room_roles({.room_id = "3642878923633221632"});
  if (!roles) return std::cerr << roles.error() << '\n', 1;
  std::cout << roles->roles.size() << " roles:";
  for (const auto& role : roles->roles) std::cout << ' ' << role.name;
  std::cout << "\n\n";

  auto view = client.view_room({.room_id = "3713907767125508096"});
  if (!view) return std::cerr << view.error() << '\n', 1;
  std::cout << "room " << view->room.room_name << " has " << view->channels.size() << " top-level channels\n\n";

  // A platform failure is a typed error, not an exception.
  auto denied = client.grant_role({.to_user_id = 66837313, .role_id = "3581310465983111170", .room_id = "3581310465924767744"});
  if (denied) return std::cerr << "expected a failure\n", 1;
  std::cout << "grant_role failed as expected: " << denied.error() << '\n';
  return 0;
}
