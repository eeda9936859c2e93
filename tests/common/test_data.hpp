// Test data helpers: the platform documents' examples, read from tests/data.
#pragma once

#include "chatbind/core/json_dom.hpp"
#include "chatbind/core/types.hpp"

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

namespace chatbind::test {

inline std::string read_file(const std::string& path) {
  std::ifstream in{path, std::ios::binary};
  if (!in) throw std::runtime_error("cannot open test data " + path);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

inline std::string data_path(const std::string& name) { return std::string{CHATBIND_TEST_DATA} + "/" + name; }

inline Json data_json(const std::string& name) { return Json::parse(read_file(data_path(name))); }

}  // namespace chatbind::test
