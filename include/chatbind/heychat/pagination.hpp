// chatbind — offset/limit pagination over the paginated Heychat endpoints (joined rooms, room
// users). A Pager fetches page after page and stops at the first short page, an empty page, the
// reported total, or an error (which is surfaced once, then the pager is done).
//
//   for (const auto& room : heychat::joined_rooms(client)) {
//     if (!room) { report(room.error()); break; }
//     use(room->room_name);
//   }
#pragma once

#include "chatbind/core/error.hpp"
#include "chatbind/heychat/generated/rooms.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace chatbind::heychat {

/// One page as a fetch function returns it.
template <class Item>
struct Page {
  std::vector<Item> items;
  std::optional<std::int64_t> total{};  ///< the platform's total count, when it reports one
};

/// `fetch(offset, limit) -> Result<Page<Item>>` called until the items run out.
template <class Item, class Fetch>
class Pager {
 public:
  Pager(Fetch fetch, std::int64_t limit, std::int64_t offset = 0)
      : fetch_(std::move(fetch)), limit_(std::max<std::int64_t>(limit, 1)), offset_(offset) {}

  [[nodiscard]] bool done() const noexcept { return done_; }
  [[nodiscard]] std::int64_t offset() const noexcept { return offset_; }

  /// The next page: empty once done. An error ends the pagination.
  Result<std::vector<Item>> next() {
    if (done_) return std::vector<Item>{};
    Result<Page<Item>> page = fetch_(offset_, limit_);
    if (!page) {
      done_ = true;
      return page.error();
    }
    std::vector<Item> items = std::move(page->items);
    offset_ += static_cast<std::int64_t>(items.size());
    if (items.empty() || static_cast<std::int64_t>(items.size()) < limit_ || (page->total && offset_ >= *page->total))
      done_ = true;
    return items;
  }

  /// Iterates the items of every page as Result<Item>; an error is the last element.
  class iterator {
   public:
    using iterator_category = std::input_iterator_tag;
    using value_type = Result<Item>;
    using difference_type = std::ptrdiff_t;
    using pointer = const value_type*;
    using reference = const value_type&;

    iterator() = default;
    explicit iterator(Pager* pager) : pager_(pager) { fill(); }

    reference operator*() const { return *current_; }
    pointer operator->() const { return &*current_; }
    iterator& operator++() {
      if (current_ && !*current_) {  // the error was the last element
        pager_ = nullptr;
        return *this;
      }
      ++index_;
      fill();
      return *this;
    }
    void operator++(int) { ++*this; }
    friend bool operator==(const iterator& a, const iterator& b) noexcept { return a.pager_ == b.pager_; }

   private:
    void fill() {
      while (pager_ && index_ >= buffer_.size()) {
        if (pager_->done()) {
          pager_ = nullptr;
          return;
        }
        auto page = pager_->next();
        if (!page) {
          current_.emplace(page.error());
          return;
        }
        buffer_ = std::move(*page);
        index_ = 0;
      }
      if (pager_) current_.emplace(buffer_[index_]);
    }

    Pager* pager_ = nullptr;
    std::vector<Item> buffer_{};
    std::size_t index_ = 0;
    std::optional<value_type> current_{};
  };

  iterator begin() { return iterator{this}; }
  iterator end() { return iterator{}; }

 private:
  Fetch fetch_;
  std::int64_t limit_;
  std::int64_t offset_;
  bool done_ = false;
};

template <class Item, class Fetch>
Pager<Item, Fetch> make_pager(Fetch fetch, std::int64_t limit, std::int64_t offset = 0) {
  return Pager<Item, Fetch>(std::move(fetch), limit, offset);
}

/// The rooms the bot has joined (GET /chatroom/v2/room/joined), `limit` per request.
template <class Client>
auto joined_rooms(Client& client, std::int64_t limit = 50) {
  return make_pager<JoinedRoom>(
      [&client](std::int64_t offset, std::int64_t lim) -> Result<Page<JoinedRoom>> {
        auto r = client.template call<ListJoinedRooms>({.offset = offset, .limit = lim});
        if (!r) return r.error();
        return Page<JoinedRoom>{std::move(r->rooms.rooms), r->rooms.total ? r->rooms.total : r->total};
      },
      limit);
}

/// The members of a room (GET /chatroom/v2/room/users), `limit` (at most 300) per request.
/// `bot_id` is the calling bot's user id (the heybox_id query parameter).
template <class Client>
auto room_users(Client& client, std::string room_id, std::string bot_id, std::int64_t limit = 300) {
  return make_pager<BotAccountInfo>(
      [&client, room_id = std::move(room_id), bot_id = std::move(bot_id)](
          std::int64_t offset, std::int64_t lim) -> Result<Page<BotAccountInfo>> {
        auto r = client.template call<ListRoomUsers>(
            {.heybox_id = bot_id, .offset = offset, .limit = lim, .room_id = room_id});
        if (!r) return r.error();
        Page<BotAccountInfo> page{r->room_info.user_info.value_or(std::vector<BotAccountInfo>{})};
        page.total = r->room_info.user_count;
        return page;
      },
      std::min<std::int64_t>(limit, 300));
}

}  // namespace chatbind::heychat
