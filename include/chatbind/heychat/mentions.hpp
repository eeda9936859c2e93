// chatbind — Heychat mentions: text with @user, @role, #channel, @all and @online, rendered into
// `msg` as @{id:…} / #{id:…} / @{all} / @{here}, with at_user_id, at_role_id and mention_channel_id
// filled from the same ids so that the two never disagree.
#pragma once

#include "chatbind/core/types.hpp"
#include "chatbind/heychat/generated/messages.hpp"

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

namespace chatbind::heychat {

/// A message text being built: `MentionText{}.text("hi ").user("100030").text(", see ").channel("362…")`.
class MentionText {
 public:
  MentionText& text(std::string_view s) { msg_ += s; return *this; }
  /// @user: rendered @{id:<user id>}, listed in at_user_id.
  MentionText& user(const Id& id) { return mention('@', id, users_); }
  /// @role: rendered @{id:<role id>}, listed in at_role_id.
  MentionText& role(const Id& id) { return mention('@', id, roles_); }
  /// #channel: rendered #{id:<channel id>}, listed in mention_channel_id.
  MentionText& channel(const Id& id) { return mention('#', id, channels_); }
  /// @all (全体成员): notifies every member.
  MentionText& all() { msg_ += "@{all}"; return *this; }
  /// @online (在线成员): notifies the members online.
  MentionText& online() { msg_ += "@{here}"; return *this; }

  [[nodiscard]] const std::string& msg() const noexcept { return msg_; }
  /// Comma-separated ids, each once, in the order first mentioned.
  [[nodiscard]] std::string at_user_id() const { return join(users_); }
  [[nodiscard]] std::string at_role_id() const { return join(roles_); }
  [[nodiscard]] std::string mention_channel_id() const { return join(channels_); }

  /// Writes msg and the three id lists into a send or update body, as markdown with mentions (10).
  template <class Body>
  void apply(Body& body) const {
    body.msg = msg_;
    body.msg_type = MsgType::markdown_with_mentions;
    body.at_user_id = at_user_id();
    body.at_role_id = at_role_id();
    body.mention_channel_id = mention_channel_id();
  }

 private:
  MentionText& mention(char sigil, const Id& id, std::vector<std::string>& ids) {
    msg_ += sigil;
    msg_ += "{id:";
    msg_ += id.str();
    msg_ += '}';
    if (std::find(ids.begin(), ids.end(), id.str()) == ids.end()) ids.push_back(id.str());
    return *this;
  }
  static std::string join(const std::vector<std::string>& ids) {
    std::string out;
    for (const auto& id : ids) {
      if (!out.empty()) out += ',';
      out += id;
    }
    return out;
  }

  std::string msg_;
  std::vector<std::string> users_, roles_, channels_;
};

}  // namespace chatbind::heychat
