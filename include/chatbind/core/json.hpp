// chatbind — JSON for every described struct, without a DOM: the decoder reads the bytes straight
// into the struct (a pull parser driven by the struct's Boost.Describe members), the encoder writes
// straight to the output string. Every error is typed and names the field path; DecodeLimits bound
// the input, the nesting and the memory a decode may build. A member of undocumented shape is a
// RawJson (its text). This header needs only nlohmann's forward declarations: the DOM
// (`chatbind::Json`) and the functions that build one are in json_dom.hpp.
#pragma once

#include "chatbind/core/error.hpp"
#include "chatbind/core/limits.hpp"
#include "chatbind/core/reflect.hpp"
#include "chatbind/core/types.hpp"

#include <boost/mp11/algorithm.hpp>

#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <limits>
#include <map>
#include <new>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <system_error>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

namespace chatbind::json {

namespace detail {

/// The length of the UTF-8 sequence at p (RFC 3629: no overlong forms, no surrogates, at most
/// U+10FFFF), or 0 when it is not one. `n` is the number of bytes available.
inline std::size_t utf8_sequence(const unsigned char* p, std::size_t n) noexcept {
  const unsigned char c = p[0];
  if (c < 0x80) return 1;
  if (c < 0xC2) return 0;
  if (c < 0xE0) return n >= 2 && (p[1] & 0xC0) == 0x80 ? 2 : 0;
  if (c < 0xF0) {
    if (n < 3 || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80) return 0;
    if (c == 0xE0 && p[1] < 0xA0) return 0;   // overlong
    if (c == 0xED && p[1] >= 0xA0) return 0;  // a surrogate
    return 3;
  }
  if (c < 0xF5) {
    if (n < 4 || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80 || (p[3] & 0xC0) != 0x80) return 0;
    if (c == 0xF0 && p[1] < 0x90) return 0;   // overlong
    if (c == 0xF4 && p[1] >= 0x90) return 0;  // above U+10FFFF
    return 4;
  }
  return 0;
}

inline void append_utf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

inline bool is_space(char c) noexcept { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; }
inline bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }

/// A double as nlohmann's serializer writes it, so that chatbind's output is byte-identical to a
/// DOM dump: the shortest digits that round-trip, fixed notation for decimal exponents in
/// (-4, 15] with at least one fractional digit ("1.0"), otherwise "1.5e+16" or "1e-05"; non-finite as null.
inline void append_double(std::string& out, double v) {
  if (!std::isfinite(v)) {
    out += "null";
    return;
  }
  if (v == 0) {
    out += std::signbit(v) ? "-0.0" : "0.0";
    return;
  }
  if (v < 0) {
    out += '-';
    v = -v;
  }
  char buf[40];
  const auto res = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::scientific);
  // buf holds d[.ddd]e±XX: split into the digits and the decimal exponent.
  char digits[24];
  int k = 0;
  const char* p = buf;
  for (; p != res.ptr && *p != 'e'; ++p)
    if (*p != '.') digits[k++] = *p;
  int exponent = 0;
  std::from_chars(p + 1 + (p[1] == '+' ? 1 : 0), res.ptr, exponent);
  const int n = exponent + 1;  // the position of the decimal point after the first n digits
  constexpr int min_exp = -4;
  constexpr int max_exp = std::numeric_limits<double>::digits10;
  if (k <= n && n <= max_exp) {
    out.append(digits, static_cast<std::size_t>(k));
    out.append(static_cast<std::size_t>(n - k), '0');
    out += ".0";
  } else if (0 < n && n <= max_exp) {
    out.append(digits, static_cast<std::size_t>(n));
    out += '.';
    out.append(digits + n, static_cast<std::size_t>(k - n));
  } else if (min_exp < n && n <= 0) {
    out += "0.";
    out.append(static_cast<std::size_t>(-n), '0');
    out.append(digits, static_cast<std::size_t>(k));
  } else {
    out += digits[0];
    if (k > 1) {
      out += '.';
      out.append(digits + 1, static_cast<std::size_t>(k - 1));
    }
    out += 'e';
    const int e = n - 1;
    out += e < 0 ? '-' : '+';
    const int magnitude = e < 0 ? -e : e;
    if (magnitude < 10) out += '0';  // at least two exponent digits
    out += std::to_string(magnitude);
  }
}

}  // namespace detail

/// A number as it appears in the text: its characters, and whether it has no fraction or exponent.
struct NumberToken {
  std::string_view text;
  bool integral = true;
};

/// The value of an integral number token that fits in 64 bits: signed when it is negative,
/// unsigned otherwise.
struct Integer {
  bool negative = false;
  std::int64_t signed_value = 0;     ///< when negative
  std::uint64_t unsigned_value = 0;  ///< when not
};

/// The token as an Integer; empty for a fraction, an exponent or a value beyond 64 bits.
[[nodiscard]] inline std::optional<Integer> integer_of(const NumberToken& token) noexcept {
  if (!token.integral || token.text.empty()) return std::nullopt;
  const char* first = token.text.data();
  const char* last = first + token.text.size();
  Integer v;
  v.negative = token.text[0] == '-';
  const auto [p, ec] = v.negative ? std::from_chars(first, last, v.signed_value) : std::from_chars(first, last, v.unsigned_value);
  if (ec != std::errc{} || p != last) return std::nullopt;
  return v;
}

/// The pull parser every JSON decode runs on: the text, the position, the path of the value being
/// decoded, the first error met, and the limits with the memory budget they allow. Decoding stops
/// at the first error. Typed decoding (`read`) drives it; `object`, `array`, `string`, `number`,
/// `skip` and `dom` are its steps, usable for hand-written envelopes too.
class Decoder {
 public:
  explicit Decoder(std::string_view text, const DecodeLimits& limits = {}, std::string root = {})
      : text_(text), limits_(limits), budget_(limits.memory_budget(text.size())), path_(std::move(root)) {}

  // --- the path -----------------------------------------------------------------------------------
  /// Appends ".key" (or "key" at the root) for the lifetime of the returned guard.
  [[nodiscard]] auto key(std::string_view k) {
    const std::size_t mark = path_.size();
    if (!path_.empty()) path_ += '.';
    path_ += k;
    return Guard{this, mark};
  }
  /// Appends "[i]" for the lifetime of the returned guard.
  [[nodiscard]] auto index(std::size_t i) {
    const std::size_t mark = path_.size();
    path_ += '[';
    path_ += std::to_string(i);
    path_ += ']';
    return Guard{this, mark};
  }
  /// Appends "[\"k\"]" (a map key) for the lifetime of the returned guard.
  [[nodiscard]] auto map_key(std::string_view k) {
    const std::size_t mark = path_.size();
    path_ += "[\"";
    path_ += k;
    path_ += "\"]";
    return Guard{this, mark};
  }
  [[nodiscard]] const std::string& path() const noexcept { return path_; }

  // --- errors -------------------------------------------------------------------------------------
  /// A schema error at the current path; returns false so that callers can `return d.fail(...)`.
  bool fail(std::string message) { return set_error(ErrorKind::schema, std::move(message)); }
  /// Malformed text: a syntax error naming the byte offset (not a field path: the text around it
  /// is not JSON, so no path is certain).
  bool syntax_error(std::string_view what) {
    std::string m = "invalid JSON at byte ";
    m += std::to_string(pos_);
    m += ": ";
    m += what;
    if (!error_) error_ = Error::make(ErrorKind::syntax, std::move(m));
    return false;
  }
  /// A repeated key: a syntax error at the current path.
  bool duplicate_key(std::string_view key) {
    return set_error(ErrorKind::syntax, "duplicate key \"" + std::string{key} + "\"");
  }
  /// A limit of DecodeLimits hit at the current path.
  bool limit_error(std::string message) { return set_error(ErrorKind::limit, std::move(message)); }
  /// "expected <what>, got <the kind of the next value>".
  bool expected(std::string_view what) {
    std::string m = "expected ";
    m += what;
    m += ", got ";
    m += next_kind_name();
    return fail(std::move(m));
  }
  [[nodiscard]] bool failed() const noexcept { return error_.has_value(); }
  /// The error met so far, cleared so that decoding may go on from a mark (an envelope keeps its
  /// payload's error for later and reads on).
  [[nodiscard]] Error take_local_error() {
    Error e = error_ ? std::move(*error_) : Error::make(ErrorKind::schema, "decode failed");
    error_.reset();
    return e;
  }
  /// Records an error taken with take_local_error again; returns false.
  bool restore_error(Error e) {
    error_ = std::move(e);
    return false;
  }
  /// The error, with a syntax error found later in the text preferred to a schema error met first
  /// (a body that is not JSON is reported as such, whatever it was decoded as).
  [[nodiscard]] Error take_error() {
    if (error_ && error_->kind == ErrorKind::schema) {
      Decoder validator{text_, limits_};
      if (!validator.skip_document()) return std::move(*validator.error_);
    }
    return error_ ? std::move(*error_) : Error::make(ErrorKind::schema, "decode failed");
  }

  /// Takes `bytes` from the memory budget (DecodeLimits::memory_budget); a limit error when spent.
  bool take_memory(std::size_t bytes) {
    if (budget_.take(bytes)) return true;
    return limit_error("decoding would build more than " + std::to_string(limits_.memory_budget(text_.size())) +
                       " bytes from a body of " + std::to_string(text_.size()) + " (DecodeLimits)");
  }

  // --- the text -----------------------------------------------------------------------------------
  /// The next significant character, '\0' at the end.
  [[nodiscard]] char peek() noexcept {
    while (pos_ < text_.size() && detail::is_space(text_[pos_])) ++pos_;
    return pos_ < text_.size() ? text_[pos_] : '\0';
  }
  [[nodiscard]] std::size_t offset() const noexcept { return pos_; }
  /// A place in the text to come back to (a tagged union reads its object twice).
  struct Mark {
    std::size_t pos;
    std::size_t depth;
  };
  [[nodiscard]] Mark mark() const noexcept { return {pos_, depth_}; }
  void rewind(Mark m) noexcept {
    pos_ = m.pos;
    depth_ = m.depth;
  }
  [[nodiscard]] std::string_view text() const noexcept { return text_; }
  [[nodiscard]] const DecodeLimits& limits() const noexcept { return limits_; }

  /// Checks the input size; call once before the first value.
  bool start() {
    std::string refused = limits_.input_too_large(text_.size());
    return refused.empty() || limit_error(std::move(refused));
  }
  /// Requires that only whitespace follows the value.
  bool finish() {
    if (peek() == '\0' && pos_ == text_.size()) return true;
    return syntax_error("unexpected data after the JSON value");
  }

  /// Reads an object: `on_key(key)` is called for each key with the position at its value, and must
  /// consume the value (or fail). `key` is valid until the value is read.
  template <class F>
  bool object(F&& on_key) {
    if (peek() != '{') return expected("object");
    if (!enter()) return false;
    ++pos_;
    char c = peek();
    if (c == '}') {
      ++pos_;
      return leave();
    }
    while (true) {
      if (c != '"') return syntax_error("expected a string key");
      std::string_view k;
      if (!key_text(k)) return false;
      if (peek() != ':') return syntax_error("expected ':' after a key");
      ++pos_;
      if (!on_key(k)) return false;
      c = peek();
      if (c == ',') {
        ++pos_;
        c = peek();
        continue;
      }
      if (c == '}') {
        ++pos_;
        return leave();
      }
      return syntax_error("expected ',' or '}'");
    }
  }

  /// Reads an array: `on_element(i)` is called for each element and must consume it (or fail).
  template <class F>
  bool array(F&& on_element) {
    if (peek() != '[') return expected("array");
    if (!enter()) return false;
    ++pos_;
    if (peek() == ']') {
      ++pos_;
      return leave();
    }
    for (std::size_t i = 0;; ++i) {
      if (!on_element(i)) return false;
      const char c = peek();
      if (c == ',') {
        ++pos_;
        continue;
      }
      if (c == ']') {
        ++pos_;
        return leave();
      }
      return syntax_error("expected ',' or ']'");
    }
  }

  /// Reads a string value into `out` (escapes decoded, UTF-8 checked).
  bool string(std::string& out) {
    if (peek() != '"') return expected("string");
    out.clear();
    return scan_string(&out) && take_memory(out.size());
  }

  /// Reads a number token (checked against the JSON grammar).
  bool number(NumberToken& out) {
    const char c = peek();
    if (c != '-' && !detail::is_digit(c)) return expected("number");
    const std::size_t start = pos_;
    const std::size_t n = text_.size();
    out.integral = true;
    if (text_[pos_] == '-') ++pos_;
    if (pos_ < n && text_[pos_] == '0') {
      ++pos_;
    } else if (pos_ < n && detail::is_digit(text_[pos_])) {
      while (pos_ < n && detail::is_digit(text_[pos_])) ++pos_;
    } else {
      return syntax_error("invalid number");
    }
    if (pos_ < n && text_[pos_] == '.') {
      out.integral = false;
      ++pos_;
      if (pos_ >= n || !detail::is_digit(text_[pos_])) return syntax_error("invalid number");
      while (pos_ < n && detail::is_digit(text_[pos_])) ++pos_;
    }
    if (pos_ < n && (text_[pos_] == 'e' || text_[pos_] == 'E')) {
      out.integral = false;
      ++pos_;
      if (pos_ < n && (text_[pos_] == '+' || text_[pos_] == '-')) ++pos_;
      if (pos_ >= n || !detail::is_digit(text_[pos_])) return syntax_error("invalid number");
      while (pos_ < n && detail::is_digit(text_[pos_])) ++pos_;
    }
    out.text = text_.substr(start, pos_ - start);
    return true;
  }

  /// The value of a number token as a double; a number too large for one is a syntax error (as in
  /// every conforming parser), one too small for one is 0.
  bool to_double(const NumberToken& token, double& out) {
    const auto [ptr, ec] = std::from_chars(token.text.data(), token.text.data() + token.text.size(), out);
    if (ec == std::errc{} && ptr == token.text.data() + token.text.size()) return true;
    out = std::strtod(std::string{token.text}.c_str(), nullptr);  // the out-of-range case only
    if (std::isfinite(out)) return true;
    return syntax_error("number out of range");
  }

  /// Reads `true`/`false` into `out`.
  bool boolean(bool& out) {
    const char c = peek();
    if (c == 't' && literal("true")) {
      out = true;
      return true;
    }
    if (c == 'f' && literal("false")) {
      out = false;
      return true;
    }
    if (c == 't' || c == 'f') return syntax_error("invalid literal");
    return expected("boolean");
  }
  /// Reads `null`.
  bool null() {
    if (peek() == 'n' && literal("null")) return true;
    if (peek() == 'n') return syntax_error("invalid literal");
    return expected("null");
  }

  /// Skips one value of any kind, checking it as thoroughly as reading it would.
  bool skip() {
    switch (peek()) {
      case '{': return object([this](std::string_view) { return skip(); });
      case '[': return array([this](std::size_t) { return skip(); });
      case '"': return scan_string(nullptr);
      case 't':
      case 'f': {
        bool b = false;
        return boolean(b);
      }
      case 'n': return null();
      case '\0': return syntax_error("unexpected end of input");
      default: {
        if (!starts_number()) return syntax_error("unexpected character");
        NumberToken token;
        if (!number(token)) return false;
        double ignored = 0;
        return token.integral || to_double(token, ignored);
      }
    }
  }
  /// Checks that the whole text is one JSON value.
  bool skip_document() { return start() && skip() && finish(); }

  /// Reads one value of any kind as its text, checked as `skip` checks it, without the whitespace
  /// between tokens.
  bool raw(RawJson& out) {
    (void)peek();
    const std::size_t begin = pos_;
    if (!skip()) return false;
    const std::string_view value = text_.substr(begin, pos_ - begin);
    if (!take_memory(value.size())) return false;
    std::string& text = out.text_;
    text.clear();
    text.reserve(value.size());
    bool in_string = false;
    for (std::size_t i = 0; i < value.size(); ++i) {
      const char c = value[i];
      if (in_string) {
        text += c;
        if (c == '\\') {
          text += value[++i];  // the escaped character: a checked string has one
        } else if (c == '"') {
          in_string = false;
        }
      } else if (!detail::is_space(c)) {
        text += c;
        in_string = c == '"';
      }
    }
    return true;
  }

  /// Reads one value into a DOM (`chatbind::Json`), keys in their order; of a repeated key the last
  /// value wins, as in nlohmann's own parser. Numbers keep their kind: a non-negative integer is
  /// unsigned, a negative one signed, one beyond 64 bits or with a fraction a double.
  template <class J>
  bool dom(J& out) {
    if (!take_memory(sizeof(J))) return false;
    switch (peek()) {
      case '{':
        out = J::object();
        return object([&](std::string_view k) {
          if (!take_memory(k.size() + sizeof(std::string))) return false;
          return dom(out[std::string{k}]);
        });
      case '[':
        out = J::array();
        return array([&](std::size_t) {
          out.push_back(J{});
          return dom(out.back());
        });
      case '"': {
        std::string s;
        if (!string(s)) return false;
        out = std::move(s);
        return true;
      }
      case 't':
      case 'f': {
        bool b = false;
        if (!boolean(b)) return false;
        out = b;
        return true;
      }
      case 'n':
        out = nullptr;
        return null();
      case '\0': return syntax_error("unexpected end of input");
      default: {
        if (!starts_number()) return syntax_error("unexpected character");
        NumberToken token;
        if (!number(token)) return false;
        if (const auto i = integer_of(token)) {
          if (i->negative)
            out = i->signed_value;
          else
            out = i->unsigned_value;
          return true;
        }
        double d = 0;
        if (!to_double(token, d)) return false;
        out = d;
        return true;
      }
    }
  }

 private:
  struct Guard {
    Decoder* decoder;
    std::size_t mark;
    Guard(Decoder* d, std::size_t m) : decoder(d), mark(m) {}
    Guard(const Guard&) = delete;
    Guard& operator=(const Guard&) = delete;
    ~Guard() { decoder->path_.resize(mark); }
  };

  bool set_error(ErrorKind kind, std::string message) {
    if (!error_) error_ = Error::make(kind, std::move(message), path_);
    return false;
  }

  bool enter() {
    if (++depth_ <= limits_.max_depth) return true;
    return syntax_error("JSON nested deeper than " + std::to_string(limits_.max_depth));
  }
  bool leave() noexcept {
    --depth_;
    return true;
  }

  bool starts_number() noexcept {
    const char c = peek();
    return c == '-' || detail::is_digit(c);
  }

  bool literal(std::string_view word) noexcept {
    if (text_.substr(pos_, word.size()) != word) return false;
    pos_ += word.size();
    return true;
  }

  std::string_view next_kind_name() {
    switch (peek()) {
      case '{': return "object";
      case '[': return "array";
      case '"': return "string";
      case 't':
      case 'f': return "boolean";
      case 'n': return "null";
      case '\0': return "the end of the input";
      default: break;
    }
    const char c = peek();
    if (c != '-' && !detail::is_digit(c)) return "an invalid token";
    std::size_t p = pos_ + 1;
    while (p < text_.size() && detail::is_digit(text_[p])) ++p;
    return p < text_.size() && (text_[p] == '.' || text_[p] == 'e' || text_[p] == 'E') ? "number" : "integer";
  }

  /// A key: a view into the text when it has no escapes, else decoded into scratch_.
  bool key_text(std::string_view& out) {
    const std::size_t start = pos_ + 1;
    std::size_t p = start;
    while (p < text_.size()) {
      const auto c = static_cast<unsigned char>(text_[p]);
      if (c == '"') {
        out = text_.substr(start, p - start);
        pos_ = p + 1;
        return true;
      }
      if (c == '\\' || c < 0x20 || c >= 0x80) break;
      ++p;
    }
    scratch_.clear();
    if (!scan_string(&scratch_)) return false;
    out = scratch_;
    return true;
  }

  /// Scans the string at pos_ ('"'), decoding it into *out when out is not null.
  bool scan_string(std::string* out) {
    ++pos_;
    const std::size_t n = text_.size();
    const auto* bytes = reinterpret_cast<const unsigned char*>(text_.data());
    std::size_t run = pos_;  // the start of the bytes not yet copied to out
    while (true) {
      if (pos_ >= n) return syntax_error("unterminated string");
      const unsigned char c = bytes[pos_];
      if (c == '"') {
        if (out) out->append(text_.data() + run, pos_ - run);
        ++pos_;
        return true;
      }
      if (c >= 0x20 && c < 0x80 && c != '\\') {
        ++pos_;
        continue;
      }
      if (c >= 0x80) {
        const std::size_t len = detail::utf8_sequence(bytes + pos_, n - pos_);
        if (len == 0) return syntax_error("invalid UTF-8 in a string");
        pos_ += len;
        continue;
      }
      if (c < 0x20) return syntax_error("unescaped control character in a string");
      // an escape
      if (out) out->append(text_.data() + run, pos_ - run);
      if (pos_ + 1 >= n) return syntax_error("unterminated string");
      const char e = text_[pos_ + 1];
      pos_ += 2;
      char simple = 0;
      switch (e) {
        case '"': simple = '"'; break;
        case '\\': simple = '\\'; break;
        case '/': simple = '/'; break;
        case 'b': simple = '\b'; break;
        case 'f': simple = '\f'; break;
        case 'n': simple = '\n'; break;
        case 'r': simple = '\r'; break;
        case 't': simple = '\t'; break;
        case 'u': break;
        default: return syntax_error("invalid escape in a string");
      }
      if (simple != 0) {
        if (out) *out += simple;
      } else {
        std::uint32_t cp = 0;
        if (!hex4(cp)) return false;
        if (cp >= 0xD800 && cp <= 0xDBFF) {
          std::uint32_t low = 0;
          if (text_.substr(pos_, 2) != "\\u") return syntax_error("a high surrogate without its low surrogate");
          pos_ += 2;
          if (!hex4(low)) return false;
          if (low < 0xDC00 || low > 0xDFFF) return syntax_error("a high surrogate without its low surrogate");
          cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
        } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
          return syntax_error("a low surrogate without its high surrogate");
        }
        if (out) detail::append_utf8(*out, cp);
      }
      run = pos_;
    }
  }

  bool hex4(std::uint32_t& out) {
    if (pos_ + 4 > text_.size()) return syntax_error("a \\u escape needs four hex digits");
    for (int i = 0; i < 4; ++i) {
      const char h = text_[pos_++];
      out <<= 4;
      if (h >= '0' && h <= '9')
        out |= static_cast<std::uint32_t>(h - '0');
      else if (h >= 'a' && h <= 'f')
        out |= static_cast<std::uint32_t>(h - 'a' + 10);
      else if (h >= 'A' && h <= 'F')
        out |= static_cast<std::uint32_t>(h - 'A' + 10);
      else
        return syntax_error("a \\u escape needs four hex digits");
    }
    return true;
  }

  std::string_view text_;
  std::size_t pos_ = 0;
  std::size_t depth_ = 0;
  DecodeLimits limits_;
  MemoryBudget budget_;
  std::string path_;
  std::string scratch_;
  std::optional<Error> error_;
};

template <class T>
bool read(Decoder& d, T& out);

namespace detail {

template <class T>
constexpr std::size_t member_count = boost::mp11::mp_size<reflect::members<T>>::value;

/// The wire names of T's members, in declaration order, bases' first.
template <class T>
constexpr std::array<std::string_view, member_count<T>> member_names() {
  std::array<std::string_view, member_count<T>> names{};
  std::size_t i = 0;
  reflect::for_each_member<T>([&](auto d) { names[i++] = reflect::wire_name<T>(d.name); });
  return names;
}

/// The index of the member named `key`, trying `hint` (the member after the last one read: keys
/// usually arrive in declaration order) first; N when T has none.
template <std::size_t N>
constexpr std::size_t find_member(const std::array<std::string_view, N>& names, std::string_view key,
                                  std::size_t hint) noexcept {
  if (hint < N && names[hint] == key) return hint;
  for (std::size_t i = 0; i < N; ++i)
    if (names[i] == key) return i;
  return N;
}

template <class I>
bool read_integer(Decoder& d, I& out) {
  NumberToken token;
  const char c = d.peek();
  if (c != '-' && !is_digit(c)) return d.expected("integer");
  if (!d.number(token)) return false;
  constexpr std::string_view inexact = "expected integer, got a fractional or out-of-range number";
  const auto i = integer_of(token);
  if (!i) return d.fail(std::string{inexact});
  if (i->negative) {
    const std::int64_t v = i->signed_value;
    if constexpr (std::is_unsigned_v<I>) {
      return d.fail("integer " + std::to_string(v) + " out of range");
    } else {
      if (v < static_cast<std::int64_t>(std::numeric_limits<I>::min()))
        return d.fail("integer " + std::to_string(v) + " out of range");
      out = static_cast<I>(v);
      return true;
    }
  }
  const std::uint64_t v = i->unsigned_value;
  if (v > static_cast<std::uint64_t>(std::numeric_limits<I>::max()))
    return d.fail("integer " + std::to_string(v) + " out of range");
  out = static_cast<I>(v);
  return true;
}

inline bool read_id(Decoder& d, Id& out) {
  const char c = d.peek();
  if (c == '"') {
    std::string s;
    if (!d.string(s)) return false;
    // No platform pads an id; " 123" taken as it came would silently name no one.
    if (!s.empty() && (is_space(s.front()) || is_space(s.back()))) return d.fail("id has surrounding whitespace");
    out = Id{std::move(s)};
    return true;
  }
  if (c != '-' && !is_digit(c)) return d.expected("id (string or integer)");
  NumberToken token;
  if (!d.number(token)) return false;
  const auto i = integer_of(token);
  if (!i) return d.fail("id is not an integer that fits in 64 bits");
  out = Id::number(i->negative ? std::to_string(i->signed_value) : std::string{token.text});
  return true;
}

template <class B>
bool read_flag(Decoder& d, B& out) {
  const char c = d.peek();
  if (c == 't' || c == 'f') {
    bool b = false;
    if (!d.boolean(b)) return false;
    out = b;
    return true;
  }
  if (c == '-' || is_digit(c)) {
    NumberToken token;
    if (!d.number(token)) return false;
    if (token.integral) {
      if (token.text == "0" || token.text == "1") {
        out = token.text == "1";
        return true;
      }
      return d.fail("expected 0 or 1, got " + std::string{token.text.substr(0, 32)});
    }
    return d.fail("expected boolean, got number");
  }
  return d.expected("boolean");
}

/// Reads the members of a described struct as its object's keys arrive: an unknown key is skipped,
/// a repeated one is a syntax error, and `finish` reports the first required member that never came.
template <class T>
class StructReader {
 public:
  static constexpr std::size_t size = member_count<T>;

  /// Reads the value of `key` (at the decoder's position) into its member of `out`.
  bool member(Decoder& d, T& out, std::string_view key) {
    if constexpr (size == 0) {
      return d.skip();
    } else {
      std::size_t i = find_member(names, key, hint_);
      std::string_view name = i == size ? std::string_view{} : names[i];  // static: the error path keeps it
      if constexpr (requires { T::wire_aliases; }) {
        if (i == size) {
          const auto [member, alias] = alias_member(key);
          i = member;
          name = alias;
        }
      }
      if (i == size) return d.skip();  // an unknown key
      hint_ = i + 1;
      auto guard = d.key(name);  // an alias is named as it came
      if (seen_[i]) return d.duplicate_key(names[i]);  // the key twice, or the key and an alias
      seen_[i] = true;
      return boost::mp11::mp_with_index<size>(
          i, [&](auto index) { return read(d, out.*boost::mp11::mp_at_c<reflect::members<T>, index>::pointer); });
    }
  }
  /// Marks a member as read elsewhere (an envelope member decoded later).
  void seen(std::string_view name) {
    if constexpr (size != 0) {
      if (const std::size_t i = find_member(names, name, 0); i != size) seen_[i] = true;
    }
  }
  /// After the object: clears the optional members that were absent; a missing required one is an error.
  bool finish(Decoder& d, T& out) {
    bool complete = true;
    boost::mp11::mp_for_each<boost::mp11::mp_iota_c<size>>([&](auto index) {
      if (!complete || seen_[index]) return;
      auto& member = out.*boost::mp11::mp_at_c<reflect::members<T>, index>::pointer;
      if constexpr (reflect::is_optional<std::remove_cvref_t<decltype(member)>>::value) {
        member.reset();
      } else {
        auto guard = d.key(names[index]);
        complete = d.fail("missing required key");
      }
    });
    return complete;
  }

 private:
  /// The member an alias key names (`T::wire_aliases`: (member, key), from x-chatbind-aliases), and
  /// the alias; size if none.
  static constexpr std::pair<std::size_t, std::string_view> alias_member(std::string_view key) noexcept {
    for (const auto& [member, alias] : T::wire_aliases)
      if (alias == key) return {find_member(names, reflect::wire_name<T>(member), 0), alias};
    return {size, {}};
  }

  static constexpr std::array<std::string_view, size> names = member_names<T>();
  std::array<bool, size> seen_{};
  std::size_t hint_ = 0;
};

template <class T>
bool read_struct(Decoder& d, T& out) {
  if (d.peek() != '{') return d.expected("object");
  StructReader<T> members;
  return d.object([&](std::string_view k) { return members.member(d, out, k); }) && members.finish(d, out);
}

/// A tagged union: the discriminator (found first: it may come after the members) picks the
/// alternative; an unknown tag keeps the whole object.
template <class U>
bool read_union(Decoder& d, U& out) {
  if (d.peek() != '{') return d.expected("object");
  const Decoder::Mark start = d.mark();
  std::string tag;
  bool found = false;
  const bool scanned = d.object([&](std::string_view k) {
    if (found || k != U::discriminator) return d.skip();
    found = true;
    auto guard = d.key(U::discriminator);
    return d.string(tag);
  });
  if (!scanned) return false;
  if (!found) {
    auto guard = d.key(U::discriminator);
    return d.fail("missing required key");
  }
  d.rewind(start);
  using V = reflect::variant_of<U>;
  bool known = false;
  bool ok = true;
  boost::mp11::mp_for_each<boost::mp11::mp_iota_c<U::tags.size()>>([&](auto i) {
    if (known || U::tags[i] != tag) return;
    known = true;
    std::variant_alternative_t<i, V> alternative{};
    ok = read(d, alternative);
    if (ok) out = std::move(alternative);
  });
  if (!known) {
    UnknownAlternative unknown;
    ok = d.raw(unknown.raw);
    if (ok) out = std::move(unknown);
  }
  return ok;
}

}  // namespace detail

/// Reads the next value into `out`. On failure returns false with the error (and its path) in `d`.
template <class T>
bool read(Decoder& d, T& out) {
  if constexpr (std::is_same_v<T, RawJson>) {
    return d.raw(out);
  } else if constexpr (std::is_same_v<T, Json>) {
    return d.dom(out);
  } else if constexpr (std::is_same_v<T, Empty>) {
    return d.skip();
  } else if constexpr (std::is_same_v<T, std::string>) {
    return d.string(out);
  } else if constexpr (std::is_same_v<T, Id>) {
    return detail::read_id(d, out);
  } else if constexpr (std::is_same_v<T, bool> || std::is_same_v<T, IntBool>) {
    return detail::read_flag(d, out);
  } else if constexpr (std::is_integral_v<T>) {
    return detail::read_integer(d, out);
  } else if constexpr (std::is_floating_point_v<T>) {
    const char c = d.peek();
    if (c != '-' && !detail::is_digit(c)) return d.expected("number");
    NumberToken token;
    double v = 0;
    if (!d.number(token) || !d.to_double(token, v)) return false;
    out = static_cast<T>(v);
    return true;
  } else if constexpr (std::is_enum_v<T>) {
    std::underlying_type_t<T> raw{};
    if (!detail::read_integer(d, raw)) return false;
    out = static_cast<T>(raw);  // open enum: unknown values are kept
    return true;
  } else if constexpr (is_string_enum<T>) {
    std::string s;
    if (!d.string(s)) return false;
    out = T::from_wire(s);  // open enum: unknown strings are kept
    return true;
  } else if constexpr (TaggedUnion<T>) {
    return detail::read_union(d, out);
  } else if constexpr (reflect::is_maybe<T>) {
    // An optional whose value can hold null itself (RawJson, Json, Nullable) keeps it: absent and
    // null stay apart.
    using V = typename T::value_type;
    if constexpr (!std::is_same_v<V, RawJson> && !std::is_same_v<V, Json> && !reflect::is_nullable<V>::value) {
      if (d.peek() == 'n') {
        out.reset();
        return d.null();
      }
    }
    V value{};
    if (!read(d, value)) return false;
    out = std::move(value);
    return true;
  } else if constexpr (reflect::is_vector<T>::value) {
    using E = typename T::value_type;
    out.clear();
    return d.array([&](std::size_t i) {
      auto guard = d.index(i);
      if (!d.take_memory(sizeof(E))) return false;
      if constexpr (std::is_same_v<E, bool>) {  // std::vector<bool> hands out proxies, not bool&
        bool b = false;
        if (!read(d, b)) return false;
        out.push_back(b);
        return true;
      } else {
        return read(d, out.emplace_back());
      }
    });
  } else if constexpr (reflect::is_string_map<T>::value) {
    out.clear();
    return d.object([&](std::string_view k) {
      if (!d.take_memory(sizeof(typename T::value_type) + 4 * sizeof(void*) + k.size())) return false;
      auto guard = d.map_key(k);
      auto [it, inserted] = out.try_emplace(std::string{k});
      if (!inserted) return d.duplicate_key(k);
      return read(d, it->second);
    });
  } else if constexpr (reflect::described_struct<T>) {
    return detail::read_struct(d, out);
  } else {
    static_assert(sizeof(T) == 0, "chatbind::json: no JSON mapping for this type");
  }
}

namespace detail {
using chatbind::detail::guard_allocation;
}  // namespace detail

/// Parses JSON text and decodes it as T. `root` prefixes every error path (e.g. "result").
template <class T>
[[nodiscard]] Result<T> parse_as(std::string_view text, std::string root = {}, const DecodeLimits& limits = {}) {
  return detail::guard_allocation([&]() -> Result<T> {
    Decoder d{text, limits, std::move(root)};
    T out{};
    if (d.start() && read(d, out) && d.finish()) return out;
    return d.take_error();
  });
}

/// True when `text` is one well-formed JSON value.
[[nodiscard]] inline bool is_valid(std::string_view text, const DecodeLimits& limits = {}) {
  Decoder d{text, limits};
  return d.skip_document();
}

// --- encoding ------------------------------------------------------------------------------------

/// Writes JSON text, byte-identical to nlohmann's compact dump of the same DOM. A string that is not
/// valid UTF-8 makes ok() false (the encoders turn that into an invalid_request error).
class TextWriter {
 public:
  explicit TextWriter(std::string& out) : out_(out) {}

  void begin_object() {
    separate();
    out_ += '{';
    comma_ = false;
  }
  void key(std::string_view k) {
    separate();
    quoted(k);
    out_ += ':';
    comma_ = false;
  }
  void end_object() {
    out_ += '}';
    comma_ = true;
  }
  void begin_array() {
    separate();
    out_ += '[';
    comma_ = false;
  }
  void end_array() {
    out_ += ']';
    comma_ = true;
  }
  void null() { scalar("null"); }
  void boolean(bool b) { scalar(b ? "true" : "false"); }
  void integer(std::int64_t v) { number(v); }
  void unsigned_integer(std::uint64_t v) { number(v); }
  void floating(double v) {
    separate();
    detail::append_double(out_, v);
    comma_ = true;
  }
  void string(std::string_view s) {
    separate();
    quoted(s);
    comma_ = true;
  }
  /// A RawJson value, as it is.
  void raw(const RawJson& r) { scalar(r.text()); }
  /// A DOM value, written as nlohmann's dump writes it.
  template <class J>
  void dom(const J& j) {
    switch (j.type()) {
      case J::value_t::object:
        begin_object();
        for (const auto& [k, v] : j.items()) {
          key(k);
          dom(v);
        }
        end_object();
        return;
      case J::value_t::array:
        begin_array();
        for (const auto& v : j) dom(v);
        end_array();
        return;
      case J::value_t::string: string(j.template get_ref<const std::string&>()); return;
      case J::value_t::boolean: boolean(j.template get<bool>()); return;
      case J::value_t::number_integer: integer(j.template get<std::int64_t>()); return;
      case J::value_t::number_unsigned: unsigned_integer(j.template get<std::uint64_t>()); return;
      case J::value_t::number_float: floating(j.template get<double>()); return;
      case J::value_t::null:
      case J::value_t::binary:
      case J::value_t::discarded: null(); return;
    }
  }

  [[nodiscard]] bool ok() const noexcept { return ok_; }

 private:
  void separate() {
    if (comma_) out_ += ',';
  }
  void scalar(std::string_view text) {
    separate();
    out_ += text;
    comma_ = true;
  }
  template <class I>
  void number(I v) {
    separate();
    char buf[24];
    const auto res = std::to_chars(buf, buf + sizeof buf, v);
    out_.append(buf, res.ptr);
    comma_ = true;
  }
  void quoted(std::string_view s) {
    static constexpr char hex[] = "0123456789abcdef";
    out_ += '"';
    const auto* bytes = reinterpret_cast<const unsigned char*>(s.data());
    const std::size_t n = s.size();
    std::size_t run = 0;
    std::size_t i = 0;
    while (i < n) {
      const unsigned char c = bytes[i];
      if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
        ++i;
        continue;
      }
      if (c >= 0x80) {
        const std::size_t len = detail::utf8_sequence(bytes + i, n - i);
        if (len == 0) {
          ok_ = false;
          ++i;
          continue;
        }
        i += len;
        continue;
      }
      out_.append(s.data() + run, i - run);
      switch (c) {
        case '"': out_ += "\\\""; break;
        case '\\': out_ += "\\\\"; break;
        case '\b': out_ += "\\b"; break;
        case '\f': out_ += "\\f"; break;
        case '\n': out_ += "\\n"; break;
        case '\r': out_ += "\\r"; break;
        case '\t': out_ += "\\t"; break;
        default:
          out_ += "\\u00";
          out_ += hex[c >> 4];
          out_ += hex[c & 0xF];
      }
      run = ++i;
    }
    out_.append(s.data() + run, n - run);
    out_ += '"';
  }

  std::string& out_;
  bool comma_ = false;
  bool ok_ = true;
};

/// Builds a DOM (`chatbind::Json`) from the same calls TextWriter takes: the encoder's second output.
template <class J = Json>
class DomWriter {
 public:
  void begin_object() { open(J::object()); }
  void key(std::string_view k) { key_.assign(k); }
  void end_object() { stack_.pop_back(); }
  void begin_array() { open(J::array()); }
  void end_array() { stack_.pop_back(); }
  void null() { place(nullptr); }
  void boolean(bool b) { place(b); }
  void integer(std::int64_t v) { place(v); }
  void unsigned_integer(std::uint64_t v) { place(v); }
  void floating(double v) { place(v); }
  void string(std::string_view s) { place(std::string{s}); }
  void dom(const J& j) { place(j); }
  /// A RawJson value, parsed (it was checked when it was made).
  void raw(const RawJson& r) {
    Decoder d{r.text(), DecodeLimits::unlimited()};
    J j;
    (void)d.dom(j);
    place(std::move(j));
  }

  [[nodiscard]] J take() { return std::move(root_); }

 private:
  J& place(J value) {
    if (stack_.empty()) {
      root_ = std::move(value);
      return root_;
    }
    J& top = *stack_.back();
    if (top.is_array()) {
      top.push_back(std::move(value));
      return top.back();
    }
    J& slot = top[key_];
    slot = std::move(value);
    return slot;
  }
  void open(J value) { stack_.push_back(&place(std::move(value))); }

  J root_;
  std::vector<J*> stack_;
  std::string key_;
};

template <class T, class W>
void write(const T& v, W& w);

namespace detail {

/// The members of a described struct, bases' first; an empty std::optional member is omitted.
template <class T, class W>
void write_members(const T& v, W& w) {
  reflect::for_each_member<T>([&](auto d) {
    const auto& member = v.*d.pointer;
    if constexpr (reflect::is_optional<std::remove_cvref_t<decltype(member)>>::value) {
      if (!member) return;
    }
    w.key(reflect::wire_name<T>(d.name));
    write(member, w);
  });
}

}  // namespace detail

/// Writes `v` as JSON to `w` (a TextWriter or a DomWriter). Members are written in declaration
/// order; an empty `std::optional` member is omitted, an empty `Nullable` member is written as null;
/// a tagged union writes its tag first, an unknown alternative as it came.
template <class T, class W>
void write(const T& v, W& w) {
  if constexpr (std::is_same_v<T, RawJson>) {
    w.raw(v);
  } else if constexpr (std::is_same_v<T, Json>) {
    w.dom(v);
  } else if constexpr (std::is_same_v<T, Empty>) {
    w.begin_object();
    w.end_object();
  } else if constexpr (std::is_same_v<T, std::string>) {
    w.string(v);
  } else if constexpr (std::is_same_v<T, Id>) {
    if (v.is_numeric()) {
      if (auto i = v.as_int64()) return w.integer(*i);
      if (auto u = v.as_uint64()) return w.unsigned_integer(*u);
    }
    w.string(v.str());
  } else if constexpr (std::is_same_v<T, IntBool>) {
    w.integer(v.value ? 1 : 0);
  } else if constexpr (std::is_same_v<T, bool>) {
    w.boolean(v);
  } else if constexpr (std::is_integral_v<T> && std::is_signed_v<T>) {
    w.integer(v);
  } else if constexpr (std::is_integral_v<T>) {
    w.unsigned_integer(v);
  } else if constexpr (std::is_floating_point_v<T>) {
    w.floating(static_cast<double>(v));
  } else if constexpr (std::is_enum_v<T>) {
    write(static_cast<std::underlying_type_t<T>>(v), w);
  } else if constexpr (is_string_enum<T>) {
    w.string(v.str());
  } else if constexpr (TaggedUnion<T>) {
    std::visit(
        [&](const auto& alternative) {
          using A = std::remove_cvref_t<decltype(alternative)>;
          if constexpr (std::is_same_v<A, UnknownAlternative>) {
            w.raw(alternative.raw);
          } else {
            w.begin_object();
            w.key(T::discriminator);
            w.string(T::tags[boost::mp11::mp_find<reflect::variant_of<T>, A>::value]);
            detail::write_members(alternative, w);
            w.end_object();
          }
        },
        static_cast<const reflect::variant_of<T>&>(v));
  } else if constexpr (reflect::is_maybe<T>) {
    if (v)
      write(*v, w);
    else
      w.null();
  } else if constexpr (reflect::is_vector<T>::value) {
    w.begin_array();
    for (const auto& item : v) write(item, w);
    w.end_array();
  } else if constexpr (reflect::is_string_map<T>::value) {
    w.begin_object();
    for (const auto& [k, item] : v) {
      w.key(k);
      write(item, w);
    }
    w.end_object();
  } else if constexpr (reflect::described_struct<T>) {
    w.begin_object();
    detail::write_members(v, w);
    w.end_object();
  } else {
    static_assert(sizeof(T) == 0, "chatbind::json: no JSON mapping for this type");
  }
}

/// Encodes `v` as JSON text. A string that is not valid UTF-8 is an invalid_request error.
template <class T>
[[nodiscard]] Result<std::string> to_string(const T& v) {
  std::string out;
  TextWriter w{out};
  write(v, w);
  if (!w.ok()) return Error::make(ErrorKind::invalid_request, "a string in the request is not valid UTF-8");
  return out;
}

/// Checks `text` as one JSON value and keeps it as a RawJson (without the whitespace between
/// tokens). Malformed text is a syntax error.
[[nodiscard]] inline Result<RawJson> raw(std::string_view text, const DecodeLimits& limits = {}) {
  return parse_as<RawJson>(text, {}, limits);
}

}  // namespace chatbind::json

inline std::string chatbind::UnknownAlternative::tag(std::string_view discriminator) const {
  std::string out;
  json::Decoder d{raw.text(), DecodeLimits::unlimited()};
  (void)d.object([&](std::string_view k) {
    if (k != discriminator || d.peek() != '"') return d.skip();
    return d.string(out) && false;  // found: stop
  });
  return out;
}
