// chatbind::testing::WebhookPusher — the platform's side of a webhook, for the fakes: POSTs each body
// it is given to one URL, in order, from a thread of its own (so that emitting an event never waits on
// the bot), and keeps what each delivery got back. chatbind-fake delivers the Yunhu bot's events with
// it (`--yunhu-bot-webhook URL`). cpp-httplib does the HTTP.
//
// Like the platform (spec/notes/yunhu_bot.md: no retry is documented), a failed delivery is recorded,
// not retried.
#pragma once

#include "chatbind/core/url.hpp"

#include <httplib.h>

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

namespace chatbind::testing {

class WebhookPusher {
 public:
  struct Options {
    std::string content_type = "application/json";
    std::chrono::milliseconds timeout{5'000};  ///< connect, send and wait for the answer, each
    std::size_t max_queued = 4096;             ///< bodies waiting; more are counted as dropped
    std::size_t max_kept = 1024;               ///< the last deliveries kept for deliveries()
  };
  /// What one POST got: the HTTP status, or 0 and why it failed.
  struct Delivery {
    int status = 0;
    std::string body;   ///< the receiver's answer (at most 256 bytes of it)
    std::string error;  ///< set when no answer came
  };

  /// `url` is http://host[:port]/path; an unusable one is an Error.
  static Result<std::unique_ptr<WebhookPusher>> to(std::string_view url) { return to(url, Options{}); }
  static Result<std::unique_ptr<WebhookPusher>> to(std::string_view url, Options options) {
    auto origin = parse_origin(url);
    if (!origin) return origin.error();
    if (origin->tls) return Error::make(ErrorKind::transport, "webhook URL: only http:// is supported by the fake");
    const auto scheme_end = url.find("://") + 3;
    const auto slash = url.find('/', scheme_end);
    std::string path = slash == std::string_view::npos ? "/" : std::string{url.substr(slash)};
    return std::unique_ptr<WebhookPusher>(new WebhookPusher(std::string{url.substr(0, slash)}, std::move(path), std::move(options)));
  }

  WebhookPusher(const WebhookPusher&) = delete;
  WebhookPusher& operator=(const WebhookPusher&) = delete;
  ~WebhookPusher() {
    {
      std::lock_guard lock{mutex_};
      stopping_ = true;
    }
    wake_.notify_all();
    thread_.join();
  }

  /// Queues `body` for delivery.
  void push(std::string body) {
    {
      std::lock_guard lock{mutex_};
      if (queue_.size() >= options_.max_queued) {
        ++dropped_;
        return;
      }
      queue_.push_back(std::move(body));
    }
    wake_.notify_all();
  }

  /// Waits until every queued body was delivered (or failed); false when `limit` passed first.
  bool wait_idle(std::chrono::milliseconds limit = std::chrono::milliseconds{10'000}) {
    std::unique_lock lock{mutex_};
    return idle_.wait_for(lock, limit, [&] { return queue_.empty() && !busy_; });
  }

  /// The last deliveries, oldest first.
  [[nodiscard]] std::vector<Delivery> deliveries() const {
    std::lock_guard lock{mutex_};
    return {done_.begin(), done_.end()};
  }
  /// Bodies refused because the queue was full.
  [[nodiscard]] std::size_t dropped() const {
    std::lock_guard lock{mutex_};
    return dropped_;
  }
  [[nodiscard]] const std::string& path() const noexcept { return path_; }

 private:
  WebhookPusher(std::string origin, std::string path, Options options)
      : client_(origin), path_(std::move(path)), options_(std::move(options)) {
    client_.set_connection_timeout(options_.timeout);
    client_.set_read_timeout(options_.timeout);
    client_.set_write_timeout(options_.timeout);
    thread_ = std::thread([this] { run(); });
  }

  void run() {
    std::unique_lock lock{mutex_};
    for (;;) {
      wake_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping, nothing left
      std::string body = std::move(queue_.front());
      queue_.pop_front();
      busy_ = true;
      lock.unlock();
      Delivery d = deliver(body);
      lock.lock();
      busy_ = false;
      done_.push_back(std::move(d));
      if (done_.size() > options_.max_kept) done_.pop_front();
      if (queue_.empty()) idle_.notify_all();
    }
  }

  Delivery deliver(const std::string& body) {
    Delivery d;
    auto answer = client_.Post(path_.c_str(), body, options_.content_type.c_str());
    if (!answer) {
      d.error = httplib::to_string(answer.error());
      return d;
    }
    d.status = answer->status;
    d.body = answer->body.substr(0, 256);
    return d;
  }

  httplib::Client client_;  ///< used by the delivery thread only
  std::string path_;
  Options options_;
  mutable std::mutex mutex_;
  std::condition_variable wake_, idle_;
  std::deque<std::string> queue_;
  std::deque<Delivery> done_;
  std::size_t dropped_ = 0;
  bool busy_ = false;
  bool stopping_ = false;
  std::thread thread_;
};

/// One WebhookPusher per URL, made on first use: how the fakes deliver callbacks that go to many URLs
/// (Wildfire's, one per wildfirechat.conf key, robot and channel). At most `max_urls` URLs; bodies
/// for more, or for a URL the pusher cannot take, are counted in dropped().
class WebhookPushers {
 public:
  explicit WebhookPushers(std::size_t max_urls = 64, WebhookPusher::Options options = {})
      : max_urls_(max_urls), options_(std::move(options)) {}

  /// Queues `body` for `url`.
  void push(const std::string& url, std::string body) {
    std::lock_guard lock{mutex_};
    auto it = pushers_.find(url);
    if (it == pushers_.end()) {
      auto pusher = pushers_.size() < max_urls_ ? WebhookPusher::to(url, options_) : Error::make(ErrorKind::transport, "too many URLs");
      if (!pusher) {
        ++dropped_;
        return;
      }
      it = pushers_.emplace(url, std::move(*pusher)).first;
    }
    it->second->push(std::move(body));
  }

  /// Waits until every pusher delivered what it was given; false when one took longer than `limit`.
  bool wait_idle(std::chrono::milliseconds limit = std::chrono::milliseconds{10'000}) {
    std::lock_guard lock{mutex_};
    bool idle = true;
    for (auto& [url, pusher] : pushers_) idle = pusher->wait_idle(limit) && idle;
    return idle;
  }

  /// Bodies that found no pusher (an unusable URL, or one past max_urls).
  [[nodiscard]] std::size_t dropped() const {
    std::lock_guard lock{mutex_};
    return dropped_;
  }

 private:
  std::size_t max_urls_;
  WebhookPusher::Options options_;
  mutable std::mutex mutex_;
  std::map<std::string, std::unique_ptr<WebhookPusher>> pushers_;
  std::size_t dropped_ = 0;
};

}  // namespace chatbind::testing
