// The user's tests: the bot against chatbind's in-process fake of Heychat, no network.
#include "bot.hpp"

#include <chatbind/testing/fake.hpp>

#include <gtest/gtest.h>

namespace hc = chatbind::heychat;
using chatbind::testing::FakeHeychat;

TEST(Bot, RepliesToPing) {
  FakeHeychat fake;
  hc::Client client{fake, fake.credentials()};
  const std::string log = on_channel_message(client, "1001", "2002", "3003", "!ping");
  const auto sent = fake.sent_messages("2002");
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(log, "replied " + sent[0].msg_id);
  EXPECT_EQ(sent[0].request.msg, "@{id:3003} pong");
  EXPECT_EQ(sent[0].request.at_user_id, "3003");
}

TEST(Bot, IgnoresOtherMessages) {
  FakeHeychat fake;
  hc::Client client{fake, fake.credentials()};
  EXPECT_EQ(on_channel_message(client, "1001", "2002", "3003", "hello"), "ignored");
  EXPECT_TRUE(fake.calls().empty());
}

TEST(Bot, ReportsAPlatformRefusal) {
  FakeHeychat fake;
  fake.on<hc::SendChannelMessage>([](const hc::ChannelMessageSend&) -> chatbind::testing::Reply<hc::SendChannelMessage> {
    return chatbind::testing::Failure{.code = 0, .msg = "没有权限"};
  });
  hc::Client client{fake, fake.credentials()};
  EXPECT_EQ(on_channel_message(client, "1001", "2002", "3003", "!ping"), "could not reply: 没有权限");
  ASSERT_EQ(fake.requests<hc::SendChannelMessage>().size(), 1u);
}
