// A Yunhu bot: it answers the /menu command with a markdown message carrying two buttons — a report
// button and a link — and, when a user presses the report button, says what was picked. Events come
// on its webhook (a WebhookServer on 127.0.0.1:PORT/yunhu/webhook, the URL set in the bot console);
// messages go to the bot open API at the base URL given as the first argument (chatbind-fake, or
// https://chat-go.jwzhd.com with a real token). It exits after the first button report, or after 30 s.
//
//   example_yunhu_bot BASE_URL [PORT_FILE]   (PORT_FILE: where to write the webhook's port once listening)
#include "example_support.hpp"

#include <chatbind/transport/httplib.hpp>
#include <chatbind/yunhu_bot.hpp>
#include <chatbind/yunhu_bot/webhook_server.hpp>

#include <chrono>
#include <fstream>
#include <future>
#include <iostream>
#include <string>

namespace yb = chatbind::yunhu_bot;

int main(int argc, char** argv) {
  const std::string url = example::base_url(argc, argv);
  // One client for the handlers; the webhook handles one delivery at a time, so it is never shared.
  yb::Client bot{chatbind::transport::HttplibTransport{}, yb::Credentials{.token = "demo-yunhu-bot-token", .base_url = url}};
  std::promise<void> picked;

  yb::Dispatcher events;
  events.on<yb::MessageReceiveInstructionEvent>([&](const yb::MessageReceiveInstructionEvent& command) {
    std::cout << "command /" << command.message.commandName.value_or("?") << " from " << command.sender.senderId << "\n";
    const yb::ReplyTarget to = yb::reply_target(command);
    auto sent = bot.send_message(
        {.recvId = to.recvId, .recvType = to.recvType, .contentType = yb::SendContentType::markdown,
         .content = {.text = "**What next?**",
                     .buttons = std::vector<std::vector<yb::Button>>{
                         {{.text = "Say hello", .actionType = yb::ButtonActionType::report, .value = "hello"},
                          {.text = "Docs", .actionType = yb::ButtonActionType::url, .url = "https://www.yhchat.com/document"}}}},
         .parentId = command.message.msgId});
    std::cout << "  answered with buttons: " << example::check(sent, "send_message").messageInfo.msgId << "\n";
  });
  events.on<yb::ButtonReportInlineEvent>([&](const yb::ButtonReportInlineEvent& click) {
    std::cout << "button '" << click.value << "' pressed by " << click.userId << " on " << click.msgId << "\n";
    const yb::ReplyTarget to = yb::reply_target(click);
    auto sent = bot.send_message({.recvId = to.recvId, .recvType = to.recvType, .contentType = yb::SendContentType::text,
                                  .content = {.text = click.value + ", " + click.userId + "!"}});
    example::check(sent, "send_message");
    std::cout << "  replied " << sent->messageInfo.msgId << "\n";
    picked.set_value();
  });
  events.otherwise([](const yb::Event& e) { std::cout << "(ignored " << e.header.eventType.str() << ")\n"; });

  yb::WebhookServer webhook{std::move(events), {.port = 0, .path = "/yunhu/webhook"},
                            [](const chatbind::Error& e) { std::cerr << "bad delivery: " << e << "\n"; }};
  auto port = webhook.start();
  example::check(port, "listen");
  std::cout << "webhook on " << webhook.url() << "\n" << std::flush;
  if (argc > 2) std::ofstream{argv[2]} << *port << "\n";

  if (picked.get_future().wait_for(std::chrono::seconds{30}) != std::future_status::ready) {
    std::cerr << "no button report within 30 s\n";
    return 1;
  }
  webhook.stop();
  return 0;
}
