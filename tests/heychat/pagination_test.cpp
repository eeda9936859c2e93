// Pagination over joined rooms and room users: the requests it makes and where it stops.
#include "chatbind/heychat.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace {

namespace hc = chatbind::heychat;
using chatbind::HttpRequest;
using chatbind::HttpResponse;
using Plain = nlohmann::json;

std::string query_value(const HttpRequest& r, const std::string& name) {
  for (const auto& [k, v] : r.query)
    if (k == name) return v;
  return "<absent>";
}

/// A fake platform holding `count` joined rooms (optionally reporting the total) and recording requests.
struct JoinedRoomsFake {
  int count = 0;
  bool report_total = false;
  int fail_at_offset = -1;
  std::vector<std::pair<int, int>>* calls;

  HttpResponse operator()(const HttpRequest& r) const {
    const int offset = std::stoi(query_value(r, "offset"));
    const int limit = std::stoi(query_value(r, "limit"));
    calls->emplace_back(offset, limit);
    if (offset == fail_at_offset) return HttpResponse{.status = 200, .headers = {}, .body = R"({"msg":"busy","status":"failed"})"};
    Plain rooms = Plain::array();
    for (int i = offset; i < count && i < offset + limit; ++i)
      rooms.push_back({{"room_id", std::to_string(1000 + i)}, {"room_name", "room " + std::to_string(i)}});
    Plain page{{"rooms", rooms}};
    if (report_total) page["total"] = count;
    return HttpResponse{.status = 200, .headers = {}, .body = Plain{{"msg", ""}, {"status", "ok"}, {"result", {{"rooms", page}}}}.dump()};
  }
};

std::vector<std::string> names(auto&& pager, std::vector<chatbind::Error>* errors = nullptr) {
  std::vector<std::string> out;
  for (const auto& room : pager) {
    if (!room) {
      if (errors) errors->push_back(room.error());
      continue;
    }
    out.push_back(room->room_name);
  }
  return out;
}

TEST(HeychatPagination, StopsAtTheLastShortPage) {
  std::vector<std::pair<int, int>> calls;
  hc::Client client{JoinedRoomsFake{.count = 5, .calls = &calls}, hc::Credentials{.token = "t"}};
  const auto got = names(hc::joined_rooms(client, 2));
  EXPECT_EQ(got, (std::vector<std::string>{"room 0", "room 1", "room 2", "room 3", "room 4"}));
  EXPECT_EQ(calls, (std::vector<std::pair<int, int>>{{0, 2}, {2, 2}, {4, 2}})) << "the short third page ends it";
}

TEST(HeychatPagination, AnEmptyPageEndsIt) {
  std::vector<std::pair<int, int>> calls;
  hc::Client client{JoinedRoomsFake{.count = 4, .calls = &calls}, hc::Credentials{.token = "t"}};
  EXPECT_EQ(names(hc::joined_rooms(client, 2)).size(), 4u);
  EXPECT_EQ(calls, (std::vector<std::pair<int, int>>{{0, 2}, {2, 2}, {4, 2}})) << "a full last page needs one empty page";

  calls.clear();
  hc::Client none{JoinedRoomsFake{.count = 0, .calls = &calls}, hc::Credentials{.token = "t"}};
  EXPECT_TRUE(names(hc::joined_rooms(none, 2)).empty());
  EXPECT_EQ(calls.size(), 1u);
}

TEST(HeychatPagination, AReportedTotalSavesTheEmptyPage) {
  std::vector<std::pair<int, int>> calls;
  hc::Client client{JoinedRoomsFake{.count = 4, .report_total = true, .calls = &calls}, hc::Credentials{.token = "t"}};
  EXPECT_EQ(names(hc::joined_rooms(client, 2)).size(), 4u);
  EXPECT_EQ(calls, (std::vector<std::pair<int, int>>{{0, 2}, {2, 2}}));
}

TEST(HeychatPagination, AnErrorIsSurfacedOnceAndEndsIt) {
  std::vector<std::pair<int, int>> calls;
  hc::Client client{JoinedRoomsFake{.count = 10, .fail_at_offset = 4, .calls = &calls}, hc::Credentials{.token = "t"}};
  std::vector<chatbind::Error> errors;
  const auto got = names(hc::joined_rooms(client, 2), &errors);
  EXPECT_EQ(got.size(), 4u) << "the items before the failure are delivered";
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].kind, chatbind::ErrorKind::platform);
  EXPECT_EQ(errors[0].platform_message, "busy");
  EXPECT_EQ(calls.size(), 3u) << "no request after the error";
}

TEST(HeychatPagination, PageByPage) {
  std::vector<std::pair<int, int>> calls;
  hc::Client client{JoinedRoomsFake{.count = 3, .calls = &calls}, hc::Credentials{.token = "t"}};
  auto pager = hc::joined_rooms(client, 2);
  auto first = pager.next();
  ASSERT_TRUE(first) << first.error();
  EXPECT_EQ(first->size(), 2u);
  EXPECT_FALSE(pager.done());
  auto second = pager.next();
  ASSERT_TRUE(second) << second.error();
  EXPECT_EQ(second->size(), 1u);
  EXPECT_TRUE(pager.done());
  EXPECT_EQ(pager.offset(), 3);
  auto after = pager.next();
  ASSERT_TRUE(after);
  EXPECT_TRUE(after->empty());
  EXPECT_EQ(calls.size(), 2u) << "next() after done() makes no request";
}

TEST(HeychatPagination, RoomUsersCapTheLimitAt300AndUseTheCount) {
  std::vector<HttpRequest> seen;
  auto fake = [&seen](const HttpRequest& r) {
    seen.push_back(r);
    const int offset = std::stoi(query_value(r, "offset"));
    Plain users = Plain::array();
    for (int i = offset; i < 301 && i < offset + 300; ++i)
      users.push_back({{"avatar_decoration", nullptr}, {"tag", nullptr}, {"nickname", "u" + std::to_string(i)},
                       {"avatar", ""}, {"medals", nullptr}, {"user_id", i}, {"level", 1}, {"bot", false},
                       {"room_nickname", ""}, {"roles", nullptr}});
    Plain info{{"user_info", users.empty() ? Plain(nullptr) : users}, {"user_count", 301}};
    return HttpResponse{.status = 200, .headers = {}, .body = Plain{{"msg", ""}, {"status", "ok"}, {"result", {{"room_info", info}}}}.dump()};
  };
  hc::Client client{fake, hc::Credentials{.token = "t"}};
  int count = 0;
  for (const auto& user : hc::room_users(client, "3348654035061186560", "84005510", 1000)) {
    ASSERT_TRUE(user) << user.error();
    EXPECT_EQ(user->nickname, "u" + std::to_string(count));
    ++count;
  }
  EXPECT_EQ(count, 301);
  ASSERT_EQ(seen.size(), 2u) << "the user_count ends it after the second page";
  EXPECT_EQ(query_value(seen[0], "limit"), "300");
  EXPECT_EQ(query_value(seen[1], "offset"), "300");
  EXPECT_EQ(query_value(seen[0], "heybox_id"), "84005510");
  EXPECT_EQ(query_value(seen[0], "room_id"), "3348654035061186560");
}

}  // namespace
