// Encodes a request and decodes a canned response with an installed chatbind.
#include <chatbind/heychat.hpp>
#include <chatbind/wildfire.hpp>

#include <iostream>

int main() {
  namespace hc = chatbind::heychat;
  auto fake = [](const chatbind::HttpRequest& request) {
    if (request.header("token") != "t" || request.path != "/chatroom/v2/room_role/roles")
      return chatbind::HttpResponse{.status = 404, .headers = {}, .body = ""};
    return chatbind::HttpResponse{.status = 200, .headers = {},
                                  .body = R"({"msg":"","status":"ok","result":{"roles":[]}})"};
  };
  hc::Client client{fake, hc::Credentials{.token = "t"}};
  auto roles = client.list_room_roles({.room_id = "1"});
  if (!roles) {
    std::cerr << roles.error() << '\n';
    return 1;
  }
  std::cout << "consumer: " << roles->roles.size() << " roles\n";
  auto sign = chatbind::wildfire::sign("76616", "123456", 1558350862502);
  return roles->roles.empty() && sign == "b98f9b0717f59febccf1440067a7f50d9b31bdde" ? 0 : 1;
}
