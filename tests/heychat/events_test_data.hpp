// Test data of the event tests (heychat/events.hpp): the real captures (tests/data/heychat/captures/)
// and the payloads shaped like them (tests/data/heychat/events/), read as frame text.
#pragma once

#include "chatbind/core/json_dom.hpp"
#include "common/test_data.hpp"

#include <nlohmann/json.hpp>

#include <string>

namespace chatbind::test {

inline std::string capture(const std::string& name) {
  return read_file(data_path("heychat/captures/" + name));
}

inline std::string event_data(const std::string& name) { return read_file(data_path("heychat/events/" + name)); }

/// Equal as JSON key for key (the same keys with the same values at every level, in any order).
inline bool same_keys_and_values(const std::string& a, const std::string& b) {
  return nlohmann::json::parse(a) == nlohmann::json::parse(b);
}

}  // namespace chatbind::test
