// Heychat: a command bot. Events come in as websocket frames (here three frames as the platform
// pushes them: a /roll command, the same message again as a type "5" twin, and a click on a card's
// button); the bot answers over HTTP, against the base URL given as the first argument
// (chatbind-fake, or https://chat.xiaoheihe.cn with a real token): a markdown reply that mentions
// the user, a card with a button, and a reaction.
//
// With a real connection the frames come from chatbind::heychat::EventClient
// (chatbind/heychat/event_client.hpp); the session below is the same either way.
#include "example_support.hpp"

#include <chatbind/heychat.hpp>
#include <chatbind/transport/httplib.hpp>

#include <iostream>
#include <string>
#include <string_view>

namespace hc = chatbind::heychat;

namespace {

constexpr std::string_view kRollCommand = R"({"sequence":1,"type":"50","notify_type":"","timestamp":1725531286040,"data":{
  "bot_id":72053518,"msg_id":"1831637085605466112","send_time":1725531286039,
  "channel_base_info":{"channel_id":"3611849174307799042","channel_name":"默认频道","channel_type":1},
  "room_base_info":{"room_avatar":"","room_id":"3611849174284943360","room_name":"酸辣鸡杂面的房间"},
  "command_info":{"id":"1831636113196855296","name":"/roll","type":0,"options":[{"name":"sides","type":4,"value":"20"}]},
  "sender_info":{"avatar":"","nickname":"酸辣鸡杂面","user_id":43028164,"medals":null,"tag":null,"roles":null}}})";

// The platform also delivers the command's message as a type "5" channel message: a twin.
constexpr std::string_view kRollTwin = R"({"sequence":2,"type":"5","notify_type":"USER_IM_MESSAGE","timestamp":1725531286041,"data":{
  "msg_id":"1831637085605466112","msg":"/roll 20","msg_type":4,"user_id":43028164,"nickname":"酸辣鸡杂面",
  "room_id":"3611849174284943360","channel_id":"3611849174307799042","send_time":1725531286039}})";

constexpr std::string_view kButtonClick = R"({"sequence":3,"type":"card_message_btn_click","notify_type":"","timestamp":1731462951362,"data":{
  "event":"server","msg_id":"1856516177490542001","text":"Roll again","value":"roll:20",
  "channel_base_info":{"channel_id":"3611849174307799042"},"room_base_info":{"room_id":"3611849174284943360"},
  "sender_info":{"avatar":"","nickname":"酸辣鸡杂面","user_id":43028164}}})";

}  // namespace

int main(int argc, char** argv) {
  const std::string url = example::base_url(argc, argv);
  hc::Client bot{chatbind::transport::HttplibTransport{},
                 hc::Credentials{.token = "demo-heychat-token", .base_url = url, .upload_base_url = url}};

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
    })
      .on<hc::ChannelMessageEvent>([](const hc::ChannelMessageEvent& m) { std::cout << "message: " << m.msg << "\n"; })
      .on<hc::CardButtonClickEvent>([](const hc::CardButtonClickEvent& click) {
        std::cout << "button \"" << click.text.value_or("") << "\" clicked by " << click.sender_info.nickname << " (value "
                  << click.value << ")\n";
      })
      .otherwise([](const hc::Event& e) { std::cout << "unhandled event type " << e.type.str() << "\n"; });

  hc::EventSession session{std::move(on)};
  session.connected();
  for (std::string_view frame : {kRollCommand, kRollTwin, kButtonClick}) {
    auto dispatched = session.feed(frame);
    if (!dispatched) return std::cerr << "bad frame: " << dispatched.error() << '\n', 1;
    if (!*dispatched) std::cout << "(dropped a duplicate: the type \"5\" twin of the command)\n";
  }

  // A platform failure is a typed error, never an exception — and never contains the token.
  hc::Client stranger{chatbind::transport::HttplibTransport{}, hc::Credentials{.token = "wrong-token", .base_url = url}};
  auto denied = stranger.list_room_roles({.room_id = "3611849174284943360"});
  if (denied) return std::cerr << "expected a failure\n", 1;
  std::cout << "a wrong token: " << denied.error() << '\n';
  return 0;
}
