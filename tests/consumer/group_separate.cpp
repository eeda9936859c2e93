// One API group (Heychat's room roles) through its own client, linked against the installed
// separate-compilation library: the README's "One group" and "Separate compilation" sections.
#include <chatbind/heychat/generated/roles.hpp>

#include <iostream>

#ifndef CHATBIND_SEPARATE_COMPILATION
#error "chatbind::heychat_separate defines CHATBIND_SEPARATE_COMPILATION"
#endif

int main() {
  namespace hc = chatbind::heychat;
  auto transport = [](const chatbind::HttpRequest& request) {
    if (request.header("token") != "your-bot-token" || request.path != "/chatroom/v2/room_role/roles")
      return chatbind::HttpResponse{.status = 404, .headers = {}, .body = ""};
    return chatbind::HttpResponse{.status = 200, .headers = {},
                                  .body = R"({"msg":"","status":"ok","result":{"roles":[{"name":"mod","icon":"",)"
                                          R"("color_list":null,"id":"3642878923738988546","department_id":"3642878923633221632",)"
                                          R"("room_id":"3642878923633221632","permissions":"1","type":7,"color":3198065,)"
                                          R"("position":0,"del_tag":1,"hoist":1,"mentionable":0,"creator":"0","create_time":0}]}})"};
  };
  hc::RolesClient roles{transport, hc::Credentials{.token = "your-bot-token"}};
  auto list = roles.list_room_roles({.room_id = "3581310465924767744"});
  if (!list) {
    std::cerr << list.error() << '\n';
    return 1;
  }
  std::cout << "group client: " << list->roles.size() << " role(s)\n";
  return list->roles.size() == 1 && list->roles[0].name == "mod" ? 0 : 1;
}
