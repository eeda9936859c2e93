// chatbind — Heychat permissions (权限): a bitset that travels as a decimal string (it exceeds 2^53).
// Bit numbers from the docs' 权限相关说明 page; bits the library does not name are kept as they are.
#pragma once

#include "chatbind/core/error.hpp"

#include <charconv>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>

namespace chatbind::heychat {

/// One permission: its bit number (the docs write `1 << n`).
enum class Permission : std::uint8_t {
  // room-wide (通用服务器权限)
  administrator = 0,          ///< 管理员
  view_channels = 1,          ///< 查看频道
  manage_channels = 2,        ///< 编辑、管理频道
  view_audit_log = 3,         ///< 查看审核日志
  manage_roles = 4,           ///< 管理角色
  manage_room = 5,            ///< 管理房间
  // membership (成员身份权限)
  create_invite = 6,          ///< 创建邀请
  manage_invites = 7,         ///< 管理邀请
  change_nickname = 8,        ///< 修改昵称
  manage_nicknames = 9,       ///< 管理昵称
  kick_from_room = 10,        ///< 踢出房间
  kick_from_channel = 11,     ///< 踢出频道
  ban_members = 12,           ///< 封锁成员
  timeout_members = 13,       ///< 临时禁言成员
  // text channels (文字频道权限)
  send_messages = 14,         ///< 发送消息
  upload_files = 15,          ///< 上传文件
  mention_groups = 16,        ///< @ 群组
  add_reactions = 17,         ///< 添加表情
  manage_messages = 18,       ///< 管理消息
  read_history = 19,          ///< 读取历史消息
  create_team_invite = 20,    ///< 创建开黑邀约
  manage_team_invites = 21,   ///< 管理开黑邀约
  // voice channels (语音频道权限)
  join_voice = 22,            ///< 加入语音频道
  speak = 23,                 ///< 说话
  free_microphone = 24,       ///< 使用自由麦
  mute_channel = 25,          ///< 频道静音
  mute_members = 26,          ///< 静音某人
  move_members = 27,          ///< 移动成员
  // room-wide, later additions
  manage_phrases = 28,        ///< 管理语句
  edit_others_invites = 29,   ///< 修改频道内其他人的邀约
  manage_emoji = 30,          ///< 管理表情包
  manage_voice_packs = 31,    ///< 管理语音包
  play_voice_packs = 32,      ///< 播放语音包
  play_accompaniment = 33,    ///< 播放伴奏
  share_screen = 34,          ///< 共享屏幕
  game_teams = 35,            ///< 游戏组队
  use_bot_commands = 36,      ///< 使用bot命令 (text)
  create_polls = 37,          ///< 创建投票 (text)
  manage_room_events = 38,    ///< 房间活动管理
  send_images = 39,           ///< 发送图片 (text: images and markdown images)
  record_audio = 40,          ///< 开启录音 (voice)
};

/// A set of permissions. `Permissions::parse("133176672578")` and `.str()` round-trip the wire form.
class Permissions {
 public:
  constexpr Permissions() = default;
  constexpr Permissions(std::initializer_list<Permission> ps) {
    for (Permission p : ps) bits_ |= bit(p);
  }
  static constexpr Permissions from_bits(std::uint64_t bits) noexcept {
    Permissions p;
    p.bits_ = bits;
    return p;
  }

  /// Reads the decimal string form; anything else is a schema error naming `path`.
  [[nodiscard]] static Result<Permissions> parse(std::string_view text, std::string path = "permissions") {
    std::uint64_t bits = 0;
    const char* last = text.data() + text.size();
    auto [ptr, ec] = std::from_chars(text.data(), last, bits);
    if (text.empty() || ec != std::errc{} || ptr != last)
      return Error::make(ErrorKind::schema, "expected a permission bitset as a decimal string", std::move(path));
    return from_bits(bits);
  }

  /// The decimal string form the platform expects (e.g. in RoleCreate::permissions).
  [[nodiscard]] std::string str() const { return std::to_string(bits_); }
  [[nodiscard]] constexpr std::uint64_t bits() const noexcept { return bits_; }

  [[nodiscard]] constexpr bool has(Permission p) const noexcept { return (bits_ & bit(p)) != 0; }
  constexpr Permissions& add(Permission p) noexcept { bits_ |= bit(p); return *this; }
  constexpr Permissions& remove(Permission p) noexcept { bits_ &= ~bit(p); return *this; }

  friend constexpr Permissions operator|(Permissions a, Permissions b) noexcept { return from_bits(a.bits_ | b.bits_); }
  friend constexpr Permissions operator&(Permissions a, Permissions b) noexcept { return from_bits(a.bits_ & b.bits_); }
  friend constexpr bool operator==(Permissions, Permissions) noexcept = default;

 private:
  static constexpr std::uint64_t bit(Permission p) noexcept { return std::uint64_t{1} << static_cast<unsigned>(p); }
  std::uint64_t bits_ = 0;
};

}  // namespace chatbind::heychat
