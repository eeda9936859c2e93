// What every fuzz target shares: the rule that every failure is a typed error that says what went
// wrong (a crash, UB, a leak or an escaping exception is a finding), and the table of cases an input
// is routed to.
//
// An input's first line names its case ("heychat POST /chatroom/v2/channel_msg/send"), the rest is
// what that case decodes. One input runs one case, not every decoder of the target, so a target runs
// at the speed of one decoder; a first line that names no case picks one by its hash, so mutating a
// name still reaches every case. The seeds are written by the target itself (fuzz/CMakeLists.txt runs
// it after each build with CHATBIND_FUZZ_WRITE_SEEDS): every case's spec example, and every capture
// of CHATBIND_FUZZ_CAPTURES under each case that accepts it.
#pragma once

#include <chatbind/core/error.hpp>
#include <chatbind/core/http.hpp>

#include <boost/mp11/algorithm.hpp>

#include <cctype>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace chatbind_fuzz {

/// A Result is a value or an error that explains itself.
template <class R>
void check(const R& r) {
  if (!r && r.error().message.empty()) __builtin_trap();
}

/// Calls f(E{}) for every type of an mp11 list.
template <class List, class F>
void for_each_type(F&& f) {
  boost::mp11::mp_for_each<List>(f);
}

class Table {
 public:
  /// Runs one case on the rest of the input; true when the rest decoded (used to pair seeds).
  using Run = bool (*)(std::string_view rest);

  /// A case; `example` (a spec example, already in the form `run` takes) becomes a seed.
  void add(std::string name, Run run, std::string example = {}) {
    if (!index_.emplace(name, cases_.size()).second) {
      std::fprintf(stderr, "chatbind fuzz: two cases are named %s\n", name.c_str());
      std::abort();
    }
    cases_.push_back({std::move(name), run, std::move(example)});
  }

  /// Routes one input to its case.
  void operator()(const std::uint8_t* data, std::size_t size) const {
    const std::string_view in{reinterpret_cast<const char*>(data), size};
    const std::size_t nl = in.find('\n');
    const std::string_view name = in.substr(0, nl);
    const std::string_view rest = nl == std::string_view::npos ? std::string_view{} : in.substr(nl + 1);
    // `rest` ends where libFuzzer's buffer ends: ASan sees a read past it.
    const auto found = index_.find(std::string{name});
    const std::size_t i = found != index_.end() ? found->second : std::hash<std::string_view>{}(name) % cases_.size();
    (void)cases_[i].run(rest);
  }

  /// With CHATBIND_FUZZ_WRITE_SEEDS=<dir>: writes the seeds there and exits; otherwise returns.
  void write_seeds_if_asked() const {
    const char* out = std::getenv("CHATBIND_FUZZ_WRITE_SEEDS");
    if (out == nullptr) return;
    namespace fs = std::filesystem;
    const fs::path dir{out};
    fs::create_directories(dir);
    std::size_t written = 0;
    auto write = [&](const Case& c, std::string_view tag, std::string_view rest) {
      std::string file = c.name + "--" + std::string{tag};
      for (char& ch : file)
        if (!std::isalnum(static_cast<unsigned char>(ch)) && ch != '-' && ch != '.') ch = '_';
      std::ofstream{dir / file, std::ios::binary} << c.name << '\n' << rest;
      ++written;
    };
    for (const Case& c : cases_)
      if (!c.example.empty()) write(c, "example", c.example);
    if (const char* captures = std::getenv("CHATBIND_FUZZ_CAPTURES")) {
      std::string_view list{captures};
      while (!list.empty()) {  // a ':'-separated list of files and directories
        const std::size_t colon = list.find(':');
        const fs::path root{std::string{list.substr(0, colon)}};
        list = colon == std::string_view::npos ? std::string_view{} : list.substr(colon + 1);
        std::vector<fs::path> files;
        if (fs::is_directory(root)) {
          for (const auto& e : fs::recursive_directory_iterator{root})
            if (e.is_regular_file() && e.path().extension() != ".md") files.push_back(e.path());
        } else if (fs::is_regular_file(root)) {
          files.push_back(root);
        }
        for (const fs::path& f : files) {
          std::ifstream in{f, std::ios::binary};
          const std::string body{std::istreambuf_iterator<char>{in}, {}};
          bool paired = false;
          for (const Case& c : cases_)
            if (c.run(body)) {
              write(c, f.filename().string(), body);
              paired = true;
            }
          if (!paired) write(cases_.front(), f.filename().string(), body);  // its bytes still seed the parser
        }
      }
    }
    std::printf("chatbind fuzz: %zu seeds for %zu cases in %s\n", written, cases_.size(), out);
    std::exit(0);
  }

 private:
  struct Case {
    std::string name;
    Run run;
    std::string example;
  };
  std::vector<Case> cases_;
  std::unordered_map<std::string, std::size_t> index_;
};

/// The name of an endpoint's case: "<platform> <METHOD> <path>".
template <class E>
std::string endpoint_case(std::string_view platform) {
  return std::string{platform} + " " + std::string{chatbind::to_string(E::method)} + " " + std::string{E::path};
}

/// The target's cases, defined by each target (its one translation unit includes this header).
Table cases();

inline const Table& table() {
  static const Table t = cases();
  return t;
}

}  // namespace chatbind_fuzz

// libFuzzer's entry points, the same for every target: seeds written when asked, then one input
// routed to its case.
extern "C" int LLVMFuzzerInitialize(int*, char***) {
  chatbind_fuzz::table().write_seeds_if_asked();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  chatbind_fuzz::table()(data, size);
  return 0;
}
