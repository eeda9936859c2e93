// Heychat permissions (heychat/permissions.hpp): the named bits and the decimal text they travel as.
#include "chatbind/heychat.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>

namespace {

namespace hc = chatbind::heychat;

TEST(HeychatPermissions, DocumentedRoleBitsetsRoundTrip) {
  // room_role/roles (seed 002): 全体成员 has 133176672578, 语音频道管理员 213909504.
  for (const char* text : {"133176672578", "213909504", "0", "1", "2199023255551", "18446744073709551615"}) {
    auto p = hc::Permissions::parse(text);
    ASSERT_TRUE(p) << text;
    EXPECT_EQ(p->str(), text);
  }
  auto everyone = hc::Permissions::parse("133176672578");
  ASSERT_TRUE(everyone);
  EXPECT_TRUE(everyone->has(hc::Permission::view_channels));
  EXPECT_TRUE(everyone->has(hc::Permission::send_messages));
  EXPECT_FALSE(everyone->has(hc::Permission::administrator));
  auto voice_admin = hc::Permissions::parse("213909504");  // 2^22 + ... : the voice bits 22–27
  ASSERT_TRUE(voice_admin);
  EXPECT_TRUE(voice_admin->has(hc::Permission::move_members));
  EXPECT_TRUE(voice_admin->has(hc::Permission::mute_members));
  EXPECT_FALSE(voice_admin->has(hc::Permission::send_messages));
}

TEST(HeychatPermissions, NamedBitsUpTo40) {
  hc::Permissions p{hc::Permission::record_audio, hc::Permission::administrator};
  EXPECT_EQ(p.bits(), (std::uint64_t{1} << 40) | 1u);
  EXPECT_EQ(p.str(), "1099511627777");
  p.remove(hc::Permission::administrator).add(hc::Permission::send_images);
  EXPECT_EQ(p.str(), std::to_string((std::uint64_t{1} << 40) | (std::uint64_t{1} << 39)));
  EXPECT_EQ((p | hc::Permissions{hc::Permission::speak}) & hc::Permissions{hc::Permission::speak},
            hc::Permissions{hc::Permission::speak});
  EXPECT_EQ(static_cast<int>(hc::Permission::manage_emoji), 30);
  EXPECT_EQ(static_cast<int>(hc::Permission::use_bot_commands), 36);
}

TEST(HeychatPermissions, MalformedTextIsATypedError) {
  for (const char* bad : {"", "-1", "12a", "1e5", " 1", "18446744073709551616"}) {
    auto p = hc::Permissions::parse(bad, "result.roles[0].permissions");
    ASSERT_FALSE(p) << bad;
    EXPECT_EQ(p.error().kind, chatbind::ErrorKind::schema);
    EXPECT_EQ(p.error().path, "result.roles[0].permissions");
  }
}

}  // namespace
