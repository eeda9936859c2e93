// chatbind::testing::FakePlatform — the four fakes behind one transport, routed by path:
// Heychat's paths (/chatroom/…, and any other path a Heychat endpoint has, such as the media upload),
// the Yunhu bot API's /open-apis/… (and its web lookups), Yunhu's /v1/msg/…, Wildfire's /admin/…,
// and the control routes of the platforms' sides (/_chatbind/heychat/…, /_chatbind/yunhu_bot/…).
// What tools/fake (chatbind-fake) serves over HTTP.
#pragma once

#include "chatbind/testing/heychat.hpp"
#include "chatbind/testing/wildfire.hpp"
#include "chatbind/testing/yunhu.hpp"
#include "chatbind/testing/yunhu_bot.hpp"

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace chatbind::testing {

class FakePlatform {
 public:
  struct Options {
    std::string heychat_token = "fake-token";      ///< the Heychat bot token accepted
    std::string yunhu_token = "fake-token";        ///< the Yunhu login token accepted
    std::string yunhu_bot_token = "fake-token";    ///< the Yunhu bot token accepted
    std::string wildfire_secret = "fake-secret";   ///< the Wildfire admin secret signatures are checked with
    std::function<std::int64_t()> clock_ms{};      ///< Unix milliseconds for Yunhu and Wildfire; system clock when empty
    bool wildfire_check_time = true;               ///< false: the admin API skips the timestamp check (http.admin.no_check_time)
  };

  FakePlatform() : FakePlatform(Options{}) {}
  explicit FakePlatform(const Options& o)
      : heychat_(o.heychat_token),
        yunhu_(o.yunhu_token, o.clock_ms),
        yunhu_bot_(o.yunhu_bot_token, o.clock_ms),
        wildfire_(o.wildfire_secret, o.clock_ms) {
    wildfire_.check_time(o.wildfire_check_time);
  }

  /// The transport: hands the request to the platform that owns its path; HTTP 404 otherwise.
  Result<HttpResponse> operator()(const HttpRequest& request) const {
    const std::string_view path = request.path;
    if (FakeHeychat::has_path(path) || path.starts_with("/chatroom/")) return heychat_(request);
    if (FakeYunhuBot::has_path(path) || path.starts_with("/open-apis/")) return yunhu_bot_(request);
    if (auto answer = heychat_.control(request)) return *answer;     // /_chatbind/heychat/…
    if (auto answer = yunhu_bot_.control(request)) return *answer;  // /_chatbind/yunhu_bot/…
    if (FakeYunhu::has_path(path) || path.starts_with("/v1/")) return yunhu_(request);  // its 404 body too
    if (FakeWildfire::has_path(path) || path.starts_with("/admin/")) return wildfire_(request);
    HttpResponse out;
    out.status = 404;
    return out;
  }

  [[nodiscard]] FakeHeychat& heychat() noexcept { return heychat_; }
  [[nodiscard]] FakeYunhu& yunhu() noexcept { return yunhu_; }
  [[nodiscard]] FakeYunhuBot& yunhu_bot() noexcept { return yunhu_bot_; }
  [[nodiscard]] FakeWildfire& wildfire() noexcept { return wildfire_; }
  [[nodiscard]] const FakeHeychat& heychat() const noexcept { return heychat_; }
  [[nodiscard]] const FakeYunhu& yunhu() const noexcept { return yunhu_; }
  [[nodiscard]] const FakeYunhuBot& yunhu_bot() const noexcept { return yunhu_bot_; }
  [[nodiscard]] const FakeWildfire& wildfire() const noexcept { return wildfire_; }

  /// Every accepted call: Heychat's, then Yunhu's, the Yunhu bot's, then Wildfire's, each in order.
  [[nodiscard]] std::vector<Call> calls() const {
    std::vector<Call> out = heychat_.calls();
    for (auto& c : yunhu_.calls()) out.push_back(std::move(c));
    for (auto& c : yunhu_bot_.calls()) out.push_back(std::move(c));
    for (auto& c : wildfire_.calls()) out.push_back(std::move(c));
    return out;
  }

 private:
  FakeHeychat heychat_;
  FakeYunhu yunhu_;
  FakeYunhuBot yunhu_bot_;
  FakeWildfire wildfire_;
};

}  // namespace chatbind::testing
