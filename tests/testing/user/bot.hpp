// The user's bot: answers "!ping" in a channel with "pong", mentioning who asked.
#pragma once

#include <chatbind/heychat.hpp>

#include <string>
#include <string_view>

/// Handles one channel message; returns what the bot did, for its log.
template <chatbind::Transport T>
std::string on_channel_message(chatbind::heychat::Client<T>& client, const std::string& room_id,
                               const std::string& channel_id, const std::string& user_id, std::string_view text) {
  if (text != "!ping") return "ignored";
  auto sent = client.send_channel_message({.msg = "@{id:" + user_id + "} pong",
                                           .msg_type = chatbind::heychat::MsgType::markdown_with_mentions,
                                           .room_id = room_id,
                                           .at_user_id = user_id,
                                           .channel_id = channel_id});
  if (!sent) return "could not reply: " + sent.error().platform_message;
  return "replied " + (sent->msg_id ? sent->msg_id->str() : std::string{"?"});
}
