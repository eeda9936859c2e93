// A BodyStream for tests: the given pieces in order, then the end — or, when `failure` is set, that
// error instead of the end.
#pragma once

#include "chatbind/core/http.hpp"

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace chatbind::test {

inline BodyStream pieces_of(std::vector<std::string> pieces, std::optional<Error> failure = {}) {
  auto state = std::make_shared<std::pair<std::vector<std::string>, std::size_t>>(std::move(pieces), 0);
  return [state, failure]() -> Result<std::optional<std::string>> {
    if (state->second < state->first.size()) return std::optional{state->first[state->second++]};
    if (failure) return *failure;
    return std::optional<std::string>{};
  };
}

}  // namespace chatbind::test
