// chatbind — typed helpers over the send endpoint: text, image, markdown, @all/@online, mentions and
// cards are all POST /chatroom/v2/channel_msg/send with their msg_type, msg and addition.
#pragma once

#include <boost/describe/class.hpp>

#include "chatbind/core/endpoint.hpp"
#include "chatbind/heychat/cards.hpp"
#include "chatbind/heychat/mentions.hpp"
#include "chatbind/heychat/generated/messages.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace chatbind::heychat {

/// An image of an image message (addition.img_files_info[]); width and height in pixels.
struct ImageFileInfo {
  std::string url;
  std::optional<std::int64_t> width{};
  std::optional<std::int64_t> height{};
};
BOOST_DESCRIBE_STRUCT(ImageFileInfo, (), (url, width, height))

/// The `addition` member: extra data sent as a JSON string (encoded like any described struct:
/// `json::to_string`, absent sizes omitted).
struct Addition {
  std::vector<ImageFileInfo> img_files_info{};

  /// The JSON string the wire carries; a URL that is not UTF-8 is an invalid_request error.
  [[nodiscard]] Result<std::string> str() const { return json::to_string(*this); }
};
BOOST_DESCRIBE_STRUCT(Addition, (), (img_files_info))

/// Where a channel message goes.
struct ChannelTarget {
  Id room_id;
  Id channel_id;
};

namespace detail {
inline ChannelMessageSend base_message(const ChannelTarget& to, MsgType type, std::string msg) {
  ChannelMessageSend m{.msg = std::move(msg), .msg_type = type, .room_id = to.room_id, .channel_id = to.channel_id};
  m.heychat_ack_id = "0";
  return m;
}
}  // namespace detail

/// Plain text (msg_type 1).
inline ChannelMessageSend text_message(const ChannelTarget& to, std::string text) {
  return detail::base_message(to, MsgType::text, std::move(text));
}

/// Markdown (msg_type 4).
inline ChannelMessageSend markdown_message(const ChannelTarget& to, std::string markdown) {
  return detail::base_message(to, MsgType::markdown, std::move(markdown));
}

/// Markdown with mentions (msg_type 10): msg and the three id lists come from the same MentionText.
inline ChannelMessageSend mention_message(const ChannelTarget& to, const MentionText& text) {
  ChannelMessageSend m = detail::base_message(to, MsgType::markdown_with_mentions, {});
  text.apply(m);
  return m;
}

/// "@{all} text" (notifies every member) or "@{here} text" (the members online), msg_type 10.
enum class Broadcast { all, online };
inline ChannelMessageSend broadcast_message(const ChannelTarget& to, Broadcast who, std::string_view text) {
  MentionText t;
  (who == Broadcast::all ? t.all() : t.online()).text(" ").text(text);
  return mention_message(to, t);
}

/// An image message (msg_type 3): the images travel in addition.img_files_info (upload them first
/// with UploadMedia to get their URLs).
inline Result<ChannelMessageSend> image_message(const ChannelTarget& to, std::vector<ImageFileInfo> images) {
  auto addition = Addition{std::move(images)}.str();
  if (!addition) return addition.error();
  ChannelMessageSend m = detail::base_message(to, MsgType::image, {});
  m.addition = std::move(*addition);
  return m;
}

/// A card message (msg_type 20): msg is the card JSON.
inline Result<ChannelMessageSend> card_message(const ChannelTarget& to, const cards::CardMessage& card) {
  auto msg = json::to_string(card);
  if (!msg) return msg.error();
  return detail::base_message(to, MsgType::card, std::move(*msg));
}

}  // namespace chatbind::heychat
