// What the examples share: where the platform is (the first argument: chatbind-fake's URL, or a real
// platform's) and how a failed call is reported. Not part of the library.
#pragma once

#include <chatbind/core/error.hpp>

#include <cstdlib>
#include <iostream>
#include <string>

namespace example {

/// The base URL from argv[1]; exits with a usage line when it is missing.
inline std::string base_url(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: " << argv[0] << " BASE_URL   (e.g. the http://127.0.0.1:PORT that chatbind-fake prints)\n";
    std::exit(2);
  }
  return argv[1];
}

/// The value of a call, or a report of its typed error and exit(1).
template <class T>
T& check(chatbind::Result<T>& r, const char* what) {
  if (!r) {
    std::cerr << what << " failed: " << r.error() << '\n';
    std::exit(1);
  }
  return *r;
}

}  // namespace example
