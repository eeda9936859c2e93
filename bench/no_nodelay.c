/* An LD_PRELOAD shim for bench/keepalive_latency.py: setsockopt(TCP_NODELAY) succeeds without effect,
 * so a process runs as if it never set TCP_NODELAY (the "before" of that measurement). Every other
 * option goes to the real setsockopt. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

int setsockopt(int fd, int level, int name, const void* value, socklen_t length) {
  typedef int (*real_t)(int, int, int, const void*, socklen_t);
  static real_t real;
  if (level == IPPROTO_TCP && name == TCP_NODELAY) return 0;
  if (!real) real = (real_t)dlsym(RTLD_NEXT, "setsockopt");
  return real(fd, level, name, value, length);
}
