// Bounded memory (issue #12): the amplification bodies an attacker or a broken server can send decode
// to typed errors, and the peak memory of the decode stays under a stated bound. Each case runs in a
// forked child, so that its peak resident size (getrusage's ru_maxrss) is its own; one case runs
// under an address-space limit (RLIMIT_AS) to prove that an allocation failure is a typed error too.
#include "chatbind/heychat.hpp"
#include "chatbind/yunhu.hpp"

#include <gtest/gtest.h>

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <functional>
#include <string>

#if defined(__SANITIZE_ADDRESS__)
#define CHATBIND_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define CHATBIND_ASAN 1
#endif
#endif

namespace {

constexpr std::size_t MiB = std::size_t{1} << 20;

long peak_rss_kib() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss;
}

/// Runs `body` in a child process; returns its exit code (the body's return value), or -1 when it
/// died of a signal. `growth_kib` receives how far the child's peak resident size grew.
int in_child(const std::function<int()>& body, long& growth_kib) {
  int pipe_fds[2];
  if (pipe(pipe_fds) != 0) return -2;
  const pid_t pid = fork();
  if (pid == 0) {
    close(pipe_fds[0]);
    const long before = peak_rss_kib();
    const int code = body();
    const long growth = peak_rss_kib() - before;
    (void)!write(pipe_fds[1], &growth, sizeof growth);
    _exit(code);
  }
  close(pipe_fds[1]);
  int status = 0;
  waitpid(pid, &status, 0);
  growth_kib = 0;
  (void)!read(pipe_fds[0], &growth_kib, sizeof growth_kib);
  close(pipe_fds[0]);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/// 2 MiB of `12 00`: a million empty ChatMessages, each two bytes on the wire and a whole struct in
/// memory (libprotobuf keeps sub-messages behind pointers, chatbind inline).
std::string empty_messages(std::size_t bytes) {
  std::string body;
  body.reserve(bytes);
  while (body.size() + 2 <= bytes) body += std::string{"\x12\x00", 2};
  return body;
}

chatbind::HttpResponse protobuf_response(std::string body) {
  return chatbind::HttpResponse{.status = 200, .headers = {{"Content-Type", "application/x-protobuf"}}, .body = std::move(body)};
}

TEST(MemoryBound, ProtobufAmplificationIsALimitErrorWithBoundedMemory) {
  const std::string body = empty_messages(2 * MiB);
  long growth_kib = 0;
  const int code = in_child(
      [&] {
        auto r = chatbind::decode_response<chatbind::yunhu::ListMessage>(protobuf_response(body));
        if (r) return 10;
        if (r.error().kind != chatbind::ErrorKind::limit) return 11;
        if (r.error().path.rfind("msg[", 0) != 0) return 12;  // names the repeated field
        return 0;
      },
      growth_kib);
  EXPECT_EQ(code, 0) << "10: decoded, 11: not a limit error, 12: no path";
  // The default budget: 32 bytes per input byte + 1 MiB = 65 MiB of structs; a vector's growth may
  // hold the old and the new buffer at once. Before the limit this body took 1.1 GB.
  const long bound_kib = static_cast<long>((3 * 32 * body.size() + 16 * MiB) / 1024);
#ifndef CHATBIND_ASAN
  EXPECT_LT(growth_kib, bound_kib) << "peak growth " << growth_kib << " KiB";
#endif
  std::printf("[ memory ] protobuf amplification, 2 MiB body: peak growth %ld KiB (bound %ld KiB)\n", growth_kib, bound_kib);
}

TEST(MemoryBound, JsonArrayOfNumbersForStructsFailsAtOnce) {
  // {"roles":[0,0,…]}, 10 MB: the old decoder reserved room for every element (1.56 GB) first.
  std::string body = R"({"status":"ok","msg":"","result":{"roles":[0)";
  while (body.size() < 10 * MiB) body += ",0";
  body += "]}}";
  long growth_kib = 0;
  const int code = in_child(
      [&] {
        auto r = chatbind::decode_response<chatbind::heychat::ListRoomRoles>({.status = 200, .headers = {}, .body = body});
        if (r) return 10;
        if (r.error().kind != chatbind::ErrorKind::schema || r.error().path != "result.roles[0]") return 11;
        return 0;
      },
      growth_kib);
  EXPECT_EQ(code, 0);
#ifndef CHATBIND_ASAN
  EXPECT_LT(growth_kib, static_cast<long>(16 * MiB / 1024)) << "no reserve from the element count";
#endif
}

TEST(MemoryBound, JsonEmptyObjectsAreBoundedByTheBudget) {
  // [{}, {}, …] into structs whose members are all optional: three bytes of input per struct.
  std::string body = R"({"status":"ok","msg":"","result":{"roles":[{"id":"1"})";
  while (body.size() < 4 * MiB) body += R"(,{"id":"1"})";
  body += "]}}";
  long growth_kib = 0;
  const int code = in_child(
      [&] {
        chatbind::DecodeLimits tight;
        tight.max_memory_per_input_byte = 2;
        auto r = chatbind::decode_response<chatbind::heychat::ListRoomRoles>({.status = 200, .headers = {}, .body = body}, tight);
        if (r) return 10;
        if (r.error().kind != chatbind::ErrorKind::limit && r.error().kind != chatbind::ErrorKind::schema) return 11;
        return 0;
      },
      growth_kib);
  EXPECT_EQ(code, 0);
#ifndef CHATBIND_ASAN
  EXPECT_LT(growth_kib, static_cast<long>((3 * 2 * body.size() + 16 * MiB) / 1024));
#endif
}

#ifndef CHATBIND_ASAN  // ASan reserves terabytes of address space: RLIMIT_AS cannot be used with it
TEST(MemoryBound, AnAllocationFailureIsATypedErrorNotAnException) {
  // The budget is lifted so that only the address-space limit stops the decode.
  const std::string body = empty_messages(8 * MiB);
  long growth_kib = 0;
  const int code = in_child(
      [&] {
        rlimit limit{};
        getrlimit(RLIMIT_AS, &limit);
        rlimit tight = limit;
        // what the process maps now (VmSize), plus 256 MiB: far less than the 4.4 GB this body needed
        std::FILE* status = std::fopen("/proc/self/statm", "r");
        unsigned long pages = 0;
        if (!status || std::fscanf(status, "%lu", &pages) != 1) return 20;
        std::fclose(status);
        tight.rlim_cur = pages * static_cast<unsigned long>(sysconf(_SC_PAGESIZE)) + 256 * MiB;
        if (setrlimit(RLIMIT_AS, &tight) != 0) return 21;
        chatbind::DecodeLimits unlimited;
        unlimited.max_memory_per_input_byte = 100000;
        try {
          auto r = chatbind::decode_response<chatbind::yunhu::ListMessage>(protobuf_response(body), unlimited);
          if (r) return 10;
          return r.error().kind == chatbind::ErrorKind::limit ? 0 : 11;
        } catch (...) {
          return 12;  // an exception escaped the decoder
        }
      },
      growth_kib);
  EXPECT_EQ(code, 0) << "10: decoded, 11: not a limit error, 12: an exception escaped, 2x: setup";
}
#endif

}  // namespace
