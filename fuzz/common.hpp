// What every fuzz target shares: the input as a string, and the rule that every failure is a typed
// error that says what went wrong (a crash, UB, a leak or an escaping exception is a finding).
#pragma once

#include <chatbind/core/error.hpp>

#include <boost/mp11/algorithm.hpp>

#include <cstddef>
#include <cstdint>
#include <string>

namespace chatbind_fuzz {

inline std::string input(const std::uint8_t* data, std::size_t size) {
  return std::string(reinterpret_cast<const char*>(data), size);
}

/// A Result is a value or an error that explains itself.
template <class R>
void check(const R& r) {
  if (!r && r.error().message.empty()) __builtin_trap();
}

/// Calls f(E{}) for every endpoint of an mp11 list.
template <class List, class F>
void for_each_endpoint(F&& f) {
  boost::mp11::mp_for_each<List>(f);
}

}  // namespace chatbind_fuzz
