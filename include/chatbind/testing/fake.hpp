// chatbind::testing — offline fakes of the three platforms, for testing bots without them.
//
//   chatbind::testing::FakeHeychat fake;                          // a Transport; copies share state
//   chatbind::heychat::Client client{fake, fake.credentials()};
//   run_my_bot(client);
//   EXPECT_EQ(fake.sent_messages().size(), 1u);
//
//   using Send = chatbind::heychat::SendChannelMessage;           // script an endpoint
//   fake.on<Send>([](const auto&) -> chatbind::testing::Reply<Send> {
//     return chatbind::testing::Failure{.code = 0, .msg = "频道不存在"};
//   });
//
// FakeHeychat, FakeYunhu, FakeYunhuBot and FakeWildfire each answer one platform; FakePlatform routes
// to all four by path (what the chatbind-fake server of tools/fake serves over loopback HTTP).
#pragma once

#include "chatbind/testing/basic_fake.hpp"
#include "chatbind/testing/heychat.hpp"
#include "chatbind/testing/platform.hpp"
#include "chatbind/testing/wildfire.hpp"
#include "chatbind/testing/yunhu.hpp"
#include "chatbind/testing/yunhu_bot.hpp"
