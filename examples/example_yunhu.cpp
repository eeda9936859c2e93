// Yunhu: send a message, list the chat, edit the message and read its edit history, recall it,
// then send two more and recall both at once — protobuf bodies over HTTP against the base URL given
// as the first argument (chatbind-fake, or https://chat-go.jwzhd.com with a real token).
#include "example_support.hpp"

#include <chatbind/transport/httplib.hpp>
#include <chatbind/yunhu.hpp>

#include <iostream>
#include <string>

namespace yh = chatbind::yunhu;

int main(int argc, char** argv) {
  const std::string url = example::base_url(argc, argv);
  yh::Client yunhu{chatbind::transport::HttplibTransport{}, yh::Credentials{.token = "demo-yunhu-token", .base_url = url}};
  const std::string chat = "big-group";
  constexpr auto group = yh::ChatType::group;

  // msg_id chosen up front so that it can be edited and recalled later (left empty, send_message
  // would fill in a fresh one itself).
  const std::string id = yh::new_message_id().value();
  auto sent = yunhu.send_message(
      {.msg_id = id, .chat_id = chat, .chat_type = group, .data = yh::SendContent{.text = "hello from chatbind"},
       .content_type = yh::ContentType::text});
  example::check(sent, "send_message");
  std::cout << "sent " << id << "\n";

  auto page = yunhu.list_message({.msg_count = 20, .chat_type = group, .chat_id = chat});
  for (const yh::ChatMessage& m : example::check(page, "list_message").msg)
    std::cout << "  #" << m.msg_seq << ' ' << m.msg_id << ": " << (m.content ? m.content->text : "") << "\n";

  auto edited = yunhu.edit_message({.msg_id = id, .chat_id = chat, .chat_type = group,
                                    .content = yh::EditContent{.text = "hello from chatbind (edited)"},
                                    .content_type = yh::ContentType::text});
  example::check(edited, "edit_message");
  auto history = yunhu.list_message_edit_record({.msgId = id, .size = 10, .page = 1});
  for (const yh::EditRecord& r : example::check(history, "list_message_edit_record").list)
    std::cout << "  before the edit: " << r.contentOld << "\n";

  auto recalled = yunhu.recall_message({.msg_id = id, .chat_id = chat, .chat_type = group});
  example::check(recalled, "recall_message");
  std::cout << "recalled " << id << "\n";

  yh::RecallMessagesRequest batch{.chat_id = chat, .chat_type = group};
  for (const char* text : {"one", "two"}) {
    batch.msg_id.push_back(yh::new_message_id().value());
    auto more = yunhu.send_message({.msg_id = batch.msg_id.back(), .chat_id = chat, .chat_type = group,
                                    .data = yh::SendContent{.text = text}, .content_type = yh::ContentType::text});
    example::check(more, "send_message");
  }
  auto gone = yunhu.recall_messages(batch);
  example::check(gone, "recall_messages");
  std::cout << "recalled " << batch.msg_id.size() << " messages in one call\n";

  auto after = yunhu.list_message({.msg_count = 20, .chat_type = group, .chat_id = chat});
  for (const yh::ChatMessage& m : example::check(after, "list_message").msg)
    std::cout << "  #" << m.msg_seq << ' ' << m.msg_id << (m.msg_delete_time != 0 ? " (recalled)" : "") << "\n";

  // A wrong token: the server answers a protobuf route with a JSON {"code":-101,...}.
  yh::Client stranger{chatbind::transport::HttplibTransport{}, yh::Credentials{.token = "wrong", .base_url = url}};
  auto denied = stranger.list_message({.msg_count = 1, .chat_type = group, .chat_id = chat});
  if (denied || denied.error().platform_code != -101) {
    std::cerr << "expected code -101\n";
    return 1;
  }
  std::cout << "a wrong token: " << denied.error() << '\n';
  return 0;
}
