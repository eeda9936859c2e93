// The README's Heychat snippet (mentions, cards, upload, pagination, rate limits), run against a
// fake platform: it compiles, and every call it makes is the one the text says.
#include "chatbind/heychat.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <iostream>
#include <sstream>
#include <string>
#include <vector>

namespace {

namespace hc = chatbind::heychat;
using chatbind::HttpRequest;
using chatbind::HttpResponse;

struct FakePlatform {
  std::vector<HttpRequest>* seen;
  HttpResponse operator()(const HttpRequest& r) const {
    seen->push_back(r);
    std::string result = R"({"msg_id":"1"})";
    if (r.path == "/upload") result = R"({"url":"https://chat.max-c.com/cat.png"})";
    if (r.path == "/chatroom/v2/room/joined")
      result = R"({"rooms":{"rooms":[{"room_id":"1","room_name":"lobby"}],"total":1}})";
    return HttpResponse{.status = 200,
                        .headers = {{"X-RateLimit-Remaining", "42"}},
                        .body = R"({"msg":"","status":"ok","result":)" + result + "}"};
  }
};

TEST(HeychatReadme, SnippetRuns) {
  std::vector<HttpRequest> seen;
  const FakePlatform my_transport{&seen};
  const std::string token = "t";
  const std::string bytes = "\x89PNG";
  std::ostringstream out;
  auto* cout_buf = std::cout.rdbuf(out.rdbuf());

  // --- the README snippet, verbatim ---
  hc::Client client{hc::RateLimited{my_transport}, hc::Credentials{.token = token}};  // 300 req/min per route
  const hc::ChannelTarget to{.room_id = "3581310465924767744", .channel_id = "3595756374695264256"};

  // Mentions: msg and at_user_id / at_role_id / mention_channel_id come from the same ids.
  hc::MentionText text;
  text.text("Welcome ").user("100030").text(", read ").channel("3628471439769796608");
  auto sent = client.send_channel_message(hc::mention_message(to, text));

  // Cards (msg_type 20): header, section, images, button-group, divider, countdown.
  hc::cards::Card card;
  card.header("Vote").section(hc::cards::Markdown{"**Pizza** or *sushi*?"})
      .buttons({{.text = "Pizza", .value = "vote:pizza"}, {.text = "Sushi", .value = "vote:sushi"}});
  if (auto msg = hc::card_message(to, {.data = {card}})) sent = client.send_channel_message(*msg);

  // Upload to chat-upload.xiaoheihe.cn (multipart/form-data), then send the image.
  auto up = client.upload_media({.file = {.filename = "cat.png", .content_type = "image/png", .data = bytes}});
  if (up) if (auto msg = hc::image_message(to, {{.url = up->url}})) sent = client.send_channel_message(*msg);

  // Pagination stops at a short or empty page or the total; an error is the last item.
  for (const auto& room : hc::joined_rooms(client)) {
    if (!room) { std::cerr << room.error() << '\n'; break; }
    std::cout << room->room_name << '\n';
  }
  if (auto rl = client.transport().last_rate_limit()) std::cout << rl->remaining.value_or(-1) << " left\n";
  // --- end of the snippet ---

  std::cout.rdbuf(cout_buf);
  ASSERT_TRUE(sent) << sent.error();
  EXPECT_EQ(out.str(), "lobby\n42 left\n");
  ASSERT_EQ(seen.size(), 5u);
  using Plain = nlohmann::json;
  EXPECT_EQ(Plain::parse(seen[0].body)["msg"], "Welcome @{id:100030}, read #{id:3628471439769796608}");
  EXPECT_EQ(Plain::parse(seen[0].body)["mention_channel_id"], "3628471439769796608");
  EXPECT_EQ(Plain::parse(seen[1].body)["msg_type"], 20);
  EXPECT_EQ(seen[2].base_url, "https://chat-upload.xiaoheihe.cn");
  EXPECT_EQ(Plain::parse(Plain::parse(seen[3].body)["addition"].get<std::string>())["img_files_info"][0]["url"],
            "https://chat.max-c.com/cat.png");
  EXPECT_EQ(seen[4].path, "/chatroom/v2/room/joined");
}

}  // namespace
