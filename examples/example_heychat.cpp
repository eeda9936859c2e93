// Heychat: a command bot on the event websocket. It connects with chatbind::heychat::EventClient to
// the websocket URL given as the second argument (chatbind-fake's ws://127.0.0.1:PORT, or
// wss://chat.xiaoheihe.cn with a real token), and answers the first command it receives over HTTP,
// against the base URL given as the first argument: a markdown reply that mentions the user, a card
// with a button, and a reaction. Then it shows a failed call and exits (after 30 s without a command:
// status 1).
//
//   example_heychat BASE_URL [WS_URL]   (tools/main.sh pushes the command with chatbind-fake's
//                                        POST /_chatbind/heychat/command)
#include "example_support.hpp"

#include <chatbind/heychat.hpp>
#include <chatbind/heychat/event_client.hpp>
#include <chatbind/transport/httplib.hpp>

#include <boost/asio.hpp>

#include <chrono>
#include <functional>
#include <iostream>
#include <string>

namespace hc = chatbind::heychat;

int main(int argc, char** argv) {
  const std::string url = example::base_url(argc, argv);
  const std::string ws_url = argc > 2 ? argv[2] : std::string{hc::Websocket::default_base_url};
  const hc::Credentials credentials{.token = "demo-heychat-token", .base_url = url, .upload_base_url = url};
  hc::Client bot{chatbind::transport::HttplibTransport{}, credentials};
  boost::asio::io_context io;
  bool answered = false;
  std::function<void()> finish;  // set below, once the event client exists

  hc::Dispatcher on;
  on.on<hc::BotCommandEvent>([&](const hc::BotCommandEvent& command) {
      const hc::ChannelTarget here{.room_id = command.room_base_info.room_id, .channel_id = command.channel_base_info.channel_id};
      std::cout << "command " << command.command_info.name << " from " << command.sender_info.nickname << "\n";

      // 1. A markdown reply that mentions the user: msg and at_user_id come from the same ids.
      hc::MentionText text;
      text.text("**rolled** ").user(command.sender_info.user_id).text(": 17");
      hc::ChannelMessageSend reply = hc::mention_message(here, text);
      reply.reply_id = command.msg_id.str();
      auto replied = bot.send_channel_message(reply);
      std::cout << "  replied with \"" << reply.msg << "\", msg_id " << example::check(replied, "send_channel_message").msg_id->str() << "\n";

      // 2. A card with a button that sends a card_message_btn_click event back to the bot.
      hc::cards::Card card;
      card.header("Dice").section(hc::cards::Markdown{"You rolled **17** on a d20."}).buttons(
          {{.text = "Roll again", .value = "roll:20", .event = hc::cards::ButtonEvent::server}});
      auto card_message = hc::card_message(here, {.data = {card}});
      auto carded = bot.send_channel_message(example::check(card_message, "card_message"));
      std::cout << "  sent a card, msg_id " << example::check(carded, "send_channel_message").msg_id->str() << "\n";

      // 3. A reaction on the command's message.
      auto reacted = bot.reply_emoji({.msg_id = command.msg_id, .emoji = "[cube_开心]", .is_add = true,
                                      .room_id = here.room_id, .channel_id = here.channel_id});
      example::check(reacted, "reply_emoji");
      std::cout << "  reacted with [cube_开心]\n";
      answered = true;
      finish();  // one command is the demo; a real bot keeps running
    })
      .on<hc::ChannelMessageEvent>([](const hc::ChannelMessageEvent& m) { std::cout << "message: " << m.msg << "\n"; })
      .on<hc::CardButtonClickEvent>([](const hc::CardButtonClickEvent& click) {
        std::cout << "button \"" << click.text.value_or("") << "\" clicked by " << click.sender_info.nickname << " (value "
                  << click.value << ")\n";
      })
      .otherwise([](const hc::Event& e) { std::cout << "unhandled event type " << e.type.str() << "\n"; });

  // The handlers run on io's thread (this one); a lost connection is retried with backoff and reported.
  hc::EventClient events{io.get_executor(), credentials, std::move(on),
                         [](const chatbind::Error& e) { std::cerr << "event stream: " << e << '\n'; },
                         hc::websocket_options(), ws_url};
  events.start();
  std::cout << "connecting to " << ws_url << hc::Websocket::path << "\n" << std::flush;
  boost::asio::steady_timer deadline{io, std::chrono::seconds{30}};
  deadline.async_wait([&](boost::system::error_code ec) {
    if (!ec) io.stop();
  });
  finish = [&] {
    events.stop();
    io.stop();
  };
  io.run();
  if (!answered) return std::cerr << "no command within 30 s\n", 1;

  // A platform failure is a typed error, never an exception — and never contains the token.
  hc::Client stranger{chatbind::transport::HttplibTransport{}, hc::Credentials{.token = "wrong-token", .base_url = url}};
  auto denied = stranger.list_room_roles({.room_id = "3611849174284943360"});
  if (denied) return std::cerr << "expected a failure\n", 1;
  std::cout << "a wrong token: " << denied.error() << '\n';
  return 0;
}
