// SPDX-License-Identifier: MIT
// jsonsig: the command-line tool. The only code in the project that touches stdio, argv, the
// environment or exit codes.
//
// Exit status: 0 success; 1 a negative answer (verify: signature mismatch, diff: the canonical
// forms differ); 2 usage error, unreadable or invalid input, or failed output.
//
// Adding a subcommand: write `int run_<name>(int argc, char** argv)` (argv[0] is the subcommand
// name) and its help text, then add one row to `commands` below; `jsonsig --help` lists it and
// `jsonsig <name> --help` prints its help.
//
// Inputs are read once into one buffer (sized with fstat for regular files) and canonicalized
// from there: `canon` streams the canonical bytes to stdout, `sign` and `verify` stream them into
// the HMAC; only `diff` keeps both canonical forms in memory, because it compares them.
#include <jsonsig/canonical_writer.hpp>
#include <jsonsig/constant_time.hpp>
#include <jsonsig/diff.hpp>
#include <jsonsig/error.hpp>
#include <jsonsig/hex.hpp>
#include <jsonsig/hmac.hpp>
#include <jsonsig/profiles.hpp>
#include <jsonsig/sign.hpp>
#include <jsonsig/version.hpp>

#include <sys/stat.h>

#include <array>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#ifdef _WIN32
#include <fcntl.h>
#include <io.h>
#endif

namespace {

constexpr int exit_ok = 0;
constexpr int exit_negative = 1;  // verify: mismatch; diff: different
constexpr int exit_usage = 2;     // also unreadable or invalid input and failed output
constexpr std::size_t io_chunk = 64 * 1024;
constexpr std::size_t max_token_file = 64 * 1024;  // a token, not a document; stops /dev/zero
constexpr std::size_t max_depth_limit = 1000000;   // --max-depth: the stacks are on the heap
constexpr std::size_t max_input = 0xFFFFFFFFu;     // the canonicalizer's limit (4 GiB - 1)
constexpr std::size_t signature_file_limit = 4096;  // 128 hex digits and a line ending fit

// ---- diagnostics ---------------------------------------------------------------------------

// One line on stderr, "jsonsig: <cmd>: <msg>". Never pass a secret to it.
void fail_line(std::string_view cmd, const std::string& msg) {
  std::string line = "jsonsig: ";
  if (!cmd.empty()) line.append(cmd).append(": ");
  line.append(msg).push_back('\n');
  std::fwrite(line.data(), 1, line.size(), stderr);
}

int usage_error(std::string_view cmd, const std::string& msg) {
  const std::string hint =
      cmd.empty() ? " (see 'jsonsig --help')" : " (see 'jsonsig " + std::string(cmd) + " --help')";
  fail_line(cmd, msg + hint);
  return exit_usage;
}

// An input could not be opened or read (or an output written): no usage hint.
int io_error(std::string_view cmd, const std::string& msg) {
  fail_line(cmd, msg);
  return exit_usage;
}

// A user-supplied string made safe for one line of output: control bytes become '?'.
std::string sanitized(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = '?';
  return out;
}

std::string quoted(std::string_view s) { return "'" + sanitized(s) + "'"; }

std::string errno_text(int e) { return std::strerror(e); }

std::string display_name(std::string_view path) { return path == "-" ? "stdin" : quoted(path); }

// The name in "FILE:line:col: ..." diagnostics, compiler style.
std::string location_name(std::string_view path) {
  return path == "-" ? "<stdin>" : sanitized(path);
}

// "jsonsig: FILE:3:17: invalid utf-8: ... (byte 42)". The message names only a position, never
// the input's bytes (the body may be confidential) and never the token.
int json_error(std::string_view path, const jsonsig::error_info& err, std::string_view input,
               std::string_view suffix = {}) {
  fail_line("", location_name(path) + ':' + jsonsig::format_error(err, input) + std::string(suffix));
  return exit_usage;
}

void set_binary_mode() {
#ifdef _WIN32
  // No CRLF translation: the MAC is over raw bytes, and canon output must be byte-exact.
  _setmode(_fileno(stdin), _O_BINARY);
  _setmode(_fileno(stdout), _O_BINARY);
#endif
}

// Flushes stdout and reports a failed write (full disk, closed pipe) as exit 2.
int finish_stdout(int status) {
  if (std::fflush(stdout) != 0 || std::ferror(stdout) != 0)
    return io_error("", "cannot write to stdout: " + errno_text(errno));
  return status;
}

int print_stdout(std::string_view text) {
  std::fwrite(text.data(), 1, text.size(), stdout);
  return finish_stdout(exit_ok);
}

// ---- option parsing shared by the subcommands --------------------------------------------------

struct option_spec {
  std::string_view name;  // "--token"
  bool takes_value;
};

struct parsed_option {
  std::string_view name;
  char* value;  // points into argv (so a secret can be wiped there); nullptr for flags
};

struct parsed_args {
  std::vector<parsed_option> options;
  std::vector<std::string_view> positionals;
  bool help = false;
};

// GNU-style long options: "--name value", "--name=value", "-h/--help", "--" ends options, and a
// lone "-" is a positional (stdin). Error messages name the option only, never its value.
bool parse_args(std::string_view cmd, int argc, char** argv, const std::vector<option_spec>& specs,
                parsed_args& out, int& status) {
  bool options_done = false;
  for (int i = 1; i < argc; ++i) {
    char* arg = argv[i];
    const std::string_view a(arg);
    if (options_done || a == "-" || a.empty() || a[0] != '-') {
      out.positionals.push_back(a);
      continue;
    }
    if (a == "--") {
      options_done = true;
      continue;
    }
    if (a == "-h" || a == "--help") {
      out.help = true;
      continue;
    }
    const std::size_t eq = a.find('=');
    const std::string_view name = a.substr(0, eq);
    const option_spec* spec = nullptr;
    for (const option_spec& s : specs)
      if (s.name == name) spec = &s;
    if (spec == nullptr) {
      status = usage_error(cmd, "unknown option " + quoted(name));
      return false;
    }
    parsed_option opt{spec->name, nullptr};
    if (!spec->takes_value) {
      if (eq != std::string_view::npos) {
        status = usage_error(cmd, "option " + quoted(name) + " takes no value");
        return false;
      }
    } else if (eq != std::string_view::npos) {
      opt.value = arg + eq + 1;
    } else if (i + 1 < argc) {
      opt.value = argv[++i];
    } else {
      status = usage_error(cmd, "option " + quoted(name) + " needs a value");
      return false;
    }
    for (const parsed_option& o : out.options) {
      if (o.name == opt.name) {
        status = usage_error(cmd, "option " + quoted(name) + " given more than once");
        return false;
      }
    }
    out.options.push_back(opt);
  }
  return true;
}

const parsed_option* find_option(const parsed_args& p, std::string_view name) {
  for (const parsed_option& o : p.options)
    if (o.name == name) return &o;
  return nullptr;
}

std::vector<option_spec> concat(std::vector<option_spec> a, const std::vector<option_spec>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

const std::vector<option_spec> token_specs = {{"--token", true}, {"--token-file", true}};
const std::vector<option_spec> canon_specs = {
    {"--profile", true}, {"--reject-duplicates", false}, {"--max-depth", true}};

// --profile P (or another option naming a profile). Absent: `fallback`.
bool profile_option(std::string_view cmd, const parsed_args& args, std::string_view name,
                    jsonsig::profile fallback, jsonsig::profile& out, int& status) {
  out = fallback;
  const parsed_option* o = find_option(args, name);
  if (o == nullptr) return true;
  const std::optional<jsonsig::profile> p = jsonsig::profile_from_string(o->value);
  if (!p) {
    status = usage_error(cmd, "unknown profile " + quoted(o->value) + " for " + std::string(name) +
                                  " (expected js, jcs or python)");
    return false;
  }
  out = *p;
  return true;
}

// --profile, --reject-duplicates, --max-depth.
bool canonical_options_from(std::string_view cmd, const parsed_args& args,
                            jsonsig::canonical_options& opt, int& status) {
  if (!profile_option(cmd, args, "--profile", jsonsig::profile::js, opt.prof, status)) return false;
  opt.reject_duplicates = find_option(args, "--reject-duplicates") != nullptr;
  if (const parsed_option* d = find_option(args, "--max-depth")) {
    const std::string_view v = d->value;
    std::size_t n = 0;
    bool ok = !v.empty() && v.size() <= 7;
    for (const char c : v) {
      ok = ok && c >= '0' && c <= '9';
      if (ok) n = n * 10 + static_cast<std::size_t>(c - '0');
    }
    if (!ok || n == 0 || n > max_depth_limit) {
      status = usage_error(cmd, "--max-depth needs an integer from 1 to " +
                                    std::to_string(max_depth_limit) + ", got " + quoted(v));
      return false;
    }
    opt.max_depth = n;
  }
  return true;
}

// ---- input -------------------------------------------------------------------------------------

// An open input: a file in binary mode, or stdin. Closes what it opened.
class input {
 public:
  input() = default;
  input(const input&) = delete;
  input& operator=(const input&) = delete;
  ~input() {
    if (f_ != nullptr && f_ != stdin) std::fclose(f_);
  }

  // path "-" is stdin. On failure returns false with errno set.
  bool open(std::string_view path) {
    if (path == "-") {
      set_binary_mode();
      f_ = stdin;
      return true;
    }
    f_ = std::fopen(std::string(path).c_str(), "rb");
    return f_ != nullptr;
  }

  // Reads up to n bytes; 0 means end of input or an error (see failed()).
  std::size_t read(void* buf, std::size_t n) { return std::fread(buf, 1, n, f_); }
  bool failed() const { return std::ferror(f_) != 0; }
  // Secrets pass through this stream: no stdio buffer should keep a copy of them.
  void unbuffered() { std::setvbuf(f_, nullptr, _IONBF, 0); }
  // The size of a regular file, or 0 (a pipe, a terminal, or unknown). Only a hint.
  std::size_t size_hint() const {
#ifdef _WIN32
    struct _stat64 st;
    if (_fstat64(_fileno(f_), &st) == 0 && (st.st_mode & _S_IFREG) != 0 && st.st_size > 0)
      return static_cast<std::size_t>(st.st_size);
#else
    struct stat st;
    if (fstat(fileno(f_), &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0)
      return static_cast<std::size_t>(st.st_size);
#endif
    return 0;
  }

 private:
  std::FILE* f_ = nullptr;
};

// A whole input in one heap buffer. Regular files are read straight into a buffer of their size
// (plus one byte to see the end), so a 3 MB body costs 3 MB once; pipes grow it by doubling.
class input_buffer {
 public:
  std::string_view view() const { return {data_.get(), size_}; }

  // Reads everything from `path` ("-": stdin); false after printing an error for `cmd`.
  bool load(std::string_view cmd, std::string_view path) {
    input in;
    if (!in.open(path)) {
      io_error(cmd, "cannot open " + display_name(path) + ": " + errno_text(errno));
      return false;
    }
    const std::size_t hint = in.size_hint();
    if (hint > max_input || !grow(hint != 0 ? hint + 1 : io_chunk)) {
      io_error(cmd, display_name(path) + " is larger than " + std::to_string(max_input) + " bytes");
      return false;
    }
    for (;;) {
      if (size_ == capacity_ && !grow(2 * capacity_)) {
        io_error(cmd, display_name(path) + " is larger than " + std::to_string(max_input) + " bytes");
        return false;
      }
      const std::size_t got = in.read(data_.get() + size_, capacity_ - size_);
      if (got == 0) break;
      size_ += got;
    }
    if (in.failed()) {
      io_error(cmd, "cannot read " + display_name(path) + ": " + errno_text(errno));
      return false;
    }
    return true;
  }

 private:
  bool grow(std::size_t want) {
    if (capacity_ > max_input) return false;  // already past the limit: the input is too big
    if (want > max_input + 1) want = max_input + 1;  // one byte over the limit detects "too big"
    if (want <= capacity_) return false;
    std::unique_ptr<char[]> bigger(new char[want]);  // uninitialized: read() fills it
    if (size_ != 0) std::memcpy(bigger.get(), data_.get(), size_);
    data_ = std::move(bigger);
    capacity_ = want;
    return true;
  }

  std::unique_ptr<char[]> data_;
  std::size_t size_ = 0;
  std::size_t capacity_ = 0;
};

// A byte buffer that is wiped before it is freed (for token material). Never resized after
// construction, so no stale copy is left behind by a reallocation.
class secret_buffer {
 public:
  explicit secret_buffer(std::size_t capacity) : bytes_(capacity) {}
  secret_buffer(const secret_buffer&) = delete;
  secret_buffer& operator=(const secret_buffer&) = delete;
  ~secret_buffer() { jsonsig::secure_wipe(bytes_.data(), bytes_.size()); }
  unsigned char* data() { return bytes_.data(); }
  std::size_t capacity() const { return bytes_.size(); }

 private:
  std::vector<unsigned char> bytes_;
};

// Reads a small file (a token or a signature) into buf; strips exactly one trailing LF or CRLF,
// as written by `echo` or an editor (anything else is content). False after printing an error.
bool read_small_file(std::string_view cmd, std::string_view what, std::string_view path,
                     secret_buffer& buf, std::size_t& len) {
  input in;
  if (!in.open(path)) {
    fail_line(cmd, "cannot open " + std::string(what) + " " + display_name(path) + ": " +
                       errno_text(errno));
    return false;
  }
  in.unbuffered();
  len = 0;
  // Capacity is the limit + 1, so a full buffer means the file is too long.
  while (len < buf.capacity()) {
    const std::size_t got = in.read(buf.data() + len, buf.capacity() - len);
    if (got == 0) break;
    len += got;
  }
  if (in.failed()) {
    fail_line(cmd, "cannot read " + std::string(what) + " " + display_name(path) + ": " +
                       errno_text(errno));
    return false;
  }
  if (len >= buf.capacity()) {
    fail_line(cmd, std::string(what) + " " + display_name(path) + " is larger than " +
                       std::to_string(buf.capacity() - 1) + " bytes");
    return false;
  }
  if (len >= 1 && buf.data()[len - 1] == '\n') {
    --len;
    if (len >= 1 && buf.data()[len - 1] == '\r') --len;
  }
  return true;
}

// ---- the token ---------------------------------------------------------------------------------

constexpr std::string_view token_help =
    "The token (the HMAC key) comes from exactly one source:\n"
    "  --token T        T itself. Visible to other users in the process list; prefer the two\n"
    "                   below.\n"
    "  --token-file F   the bytes of file F, minus exactly one trailing LF or CRLF. F may be '-'\n"
    "                   (stdin) when the message comes from a file.\n"
    "  JSONSIG_TOKEN    the environment variable, used only when neither option is given.\n"
    "Giving both options is an error. An empty token is an error. The token is never printed.\n";

// Where the token comes from (--token, --token-file or JSONSIG_TOKEN), and every copy of it
// that this process holds, so that they can be wiped once the HMAC key is derived.
class token_source {
 public:
  token_source() = default;
  token_source(const token_source&) = delete;
  token_source& operator=(const token_source&) = delete;
  ~token_source() { wipe(); }

  // Checks the options before any input is read. `stdin_user` names the other input that is
  // '-' ("the message", "the signature file"), or is empty.
  bool init(std::string_view cmd, const parsed_args& args, std::string_view stdin_user,
            int& status) {
    token_opt_ = find_option(args, "--token");
    file_opt_ = find_option(args, "--token-file");
    if (token_opt_ != nullptr && file_opt_ != nullptr) {
      status = usage_error(cmd, "--token and --token-file are mutually exclusive");
      return false;
    }
    if (file_opt_ != nullptr && std::string_view(file_opt_->value) == "-" && !stdin_user.empty()) {
      status = usage_error(cmd, "the token file and " + std::string(stdin_user) +
                                    " cannot both be stdin");
      return false;
    }
    if (token_opt_ == nullptr && file_opt_ == nullptr) env_ = std::getenv("JSONSIG_TOKEN");
    if (token_opt_ == nullptr && file_opt_ == nullptr && env_ == nullptr) {
      status = usage_error(cmd, "no token: give --token, --token-file or set JSONSIG_TOKEN");
      return false;
    }
    return true;
  }

  // Reads the token; false after printing an error.
  bool load(std::string_view cmd, int& status) {
    if (token_opt_ != nullptr) {
      token_ = token_opt_->value;
    } else if (file_opt_ != nullptr) {
      file_ = std::make_unique<secret_buffer>(max_token_file + 1);
      std::size_t len = 0;
      if (!read_small_file(cmd, "token file", file_opt_->value, *file_, len)) {
        status = exit_usage;
        return false;
      }
      token_ = std::string_view(reinterpret_cast<const char*>(file_->data()), len);
    } else {
      token_ = env_;
    }
    if (token_.empty()) {
      status = usage_error(cmd, "the token is empty");
      return false;
    }
    return true;
  }

  std::string_view token() const { return token_; }

  // Scrubs our copies of the raw token. Wiping the argv bytes also blanks it in
  // /proc/<pid>/cmdline for the rest of the run. (The environment is the caller's.)
  void wipe() {
    if (token_opt_ != nullptr) jsonsig::secure_wipe(token_opt_->value, std::strlen(token_opt_->value));
    if (file_ != nullptr) jsonsig::secure_wipe(file_->data(), file_->capacity());
    token_ = {};
  }

 private:
  const parsed_option* token_opt_ = nullptr;
  const parsed_option* file_opt_ = nullptr;
  const char* env_ = nullptr;
  std::unique_ptr<secret_buffer> file_;
  std::string_view token_;
};

// ---- output sinks ------------------------------------------------------------------------------

// The canonical writer's sink for stdout (through stdio's buffer; errors checked at the end).
struct stdout_sink {
  void write(const char* data, std::size_t n) { std::fwrite(data, 1, n, stdout); }
};

// canon --show: every chunk made printable (diff.hpp's \xHH notation), and counted.
class printable_sink {
 public:
  void write(const char* data, std::size_t n) {
    count_ += n;
    line_.clear();
    jsonsig::append_printable(line_, std::string_view(data, n));
    std::fwrite(line_.data(), 1, line_.size(), stdout);
  }
  std::size_t count() const { return count_; }

 private:
  std::string line_;
  std::size_t count_ = 0;
};

// Positional: at most one input file, default stdin.
bool one_input(std::string_view cmd, const parsed_args& args, std::string_view& path,
               int& status) {
  if (args.positionals.size() > 1) {
    status = usage_error(cmd, "expected at most one input file");
    return false;
  }
  path = args.positionals.empty() ? "-" : args.positionals[0];
  return true;
}

std::string profile_help() {
  return "  --profile P          js (default): Node's JSON.stringify(sortDeep(JSON.parse(body)));\n"
         "                       jcs: RFC 8785; python: json.dumps(json.loads(body),\n"
         "                       sort_keys=True, separators=(\",\", \":\")).\n"
         "  --reject-duplicates  a repeated object key is an error (jcs always rejects them; js and\n"
         "                       python otherwise keep the last, as their parsers do).\n"
         "  --max-depth N        nesting deeper than N levels is an error (1.." +
         std::to_string(max_depth_limit) + ", default " + std::to_string(JSONSIG_DEFAULT_MAX_DEPTH) +
         ").\n";
}

constexpr std::string_view json_error_help =
    "Invalid JSON or UTF-8, or nesting too deep, prints one line naming the place,\n"
    "  jsonsig: FILE:LINE:COLUMN: <what> (byte OFFSET)\n"
    "and exits with 2. The body's bytes are never echoed in a message.\n"
    "\n";

// ============================================================================================
// jsonsig canon
// ============================================================================================

std::string canon_help() {
  return std::string(
    "usage: jsonsig canon [--profile js|jcs|python] [--show] [--reject-duplicates]\n"
    "                     [--max-depth N] [FILE | -]\n"
    "\n"
    "Print the canonical form of the JSON body in FILE (stdin when absent or '-'): the exact\n"
    "bytes that 'jsonsig sign' signs, with nothing appended (no newline).\n"
    "\n"
    "options:\n") + profile_help() + std::string(
    "  --show               for people debugging a signature: print the canonical bytes in a\n"
    "                       readable form instead: printable ASCII as is, every other byte as\n"
    "                       \\xHH (canonical JSON never contains the escape \\x, so this is\n"
    "                       unambiguous), then a newline and a line with the byte count and\n"
    "                       the profile. Compare with the body the server logs, or use\n"
    "                       'jsonsig diff' to find where two canonical forms part.\n"
    "  -h, --help           show this help\n"
    "\n") + std::string(json_error_help) + std::string(
    "exit status: 0 success, 2 usage error, unreadable or invalid input.\n");
}

int run_canon(int argc, char** argv) {
  constexpr std::string_view cmd = "canon";
  parsed_args args;
  int status = exit_ok;
  if (!parse_args(cmd, argc, argv, concat(canon_specs, {{"--show", false}}), args, status))
    return status;
  if (args.help) return print_stdout(canon_help());
  jsonsig::canonical_options opt;
  std::string_view path;
  if (!canonical_options_from(cmd, args, opt, status) || !one_input(cmd, args, path, status))
    return status;
  const bool show = find_option(args, "--show") != nullptr;

  input_buffer body;
  if (!body.load(cmd, path)) return exit_usage;
  set_binary_mode();
  // A larger stdio buffer: fewer write(2) calls for multi-megabyte output.
  std::setvbuf(stdout, nullptr, _IOFBF, io_chunk);

  jsonsig::canonicalizer c(opt);
  jsonsig::error_info err;
  if (show) {
    printable_sink sink;
    c.canonicalize_to(body.view(), sink, err);
    if (err) return json_error(path, err, body.view());
    const std::string trailer = "\n(" + std::to_string(sink.count()) + " bytes, profile " +
                                std::string(jsonsig::to_string(opt.prof)) + ")\n";
    std::fwrite(trailer.data(), 1, trailer.size(), stdout);
    return finish_stdout(exit_ok);
  }
  stdout_sink sink;
  // The parse completes before the first byte is written, so invalid input writes nothing.
  c.canonicalize_to(body.view(), sink, err);
  if (err) return json_error(path, err, body.view());
  return finish_stdout(exit_ok);
}

// ============================================================================================
// jsonsig sign
// ============================================================================================

std::string sign_help() {
  return std::string(
    "usage: jsonsig sign [--profile js|jcs|python] (--token T | --token-file F)\n"
    "                    [--reject-duplicates] [--max-depth N] [FILE | -]\n"
    "       JSONSIG_TOKEN=T jsonsig sign [options] [FILE | -]\n"
    "\n"
    "Print the x-signed-request signature of the JSON body in FILE (stdin when absent or '-'):\n"
    "the HMAC-SHA512 (key = the token's bytes) of the canonical body, as 128 lowercase hex\n"
    "characters and a newline. 'jsonsig canon' prints the bytes that are signed.\n"
    "\n") + std::string(token_help) + std::string(
    "\n"
    "options:\n") + profile_help() + std::string(
    "  -h, --help           show this help\n"
    "\n") + std::string(json_error_help) + std::string(
    "exit status: 0 success, 2 usage error, unreadable or invalid input.\n");
}

int run_sign(int argc, char** argv) {
  constexpr std::string_view cmd = "sign";
  parsed_args args;
  int status = exit_ok;
  if (!parse_args(cmd, argc, argv, concat(canon_specs, token_specs), args, status)) return status;
  if (args.help) return print_stdout(sign_help());
  jsonsig::canonical_options opt;
  std::string_view path;
  token_source tok;
  if (!canonical_options_from(cmd, args, opt, status) || !one_input(cmd, args, path, status) ||
      !tok.init(cmd, args, path == "-" ? "the message" : "", status))
    return status;

  // The body first (a bad path fails before any token material is read).
  input_buffer body;
  if (!body.load(cmd, path)) return exit_usage;
  if (!tok.load(cmd, status)) return status;
  const jsonsig::signer s(tok.token(), opt);  // keys the HMAC once; wiped on destruction
  tok.wipe();

  std::array<unsigned char, 64> mac{};
  jsonsig::error_info err;
  if (!s.sign(body.view(), mac, err)) return json_error(path, err, body.view());
  std::array<char, 2 * 64 + 1> line{};
  jsonsig::hex_encode(mac.data(), mac.size(), line.data());
  jsonsig::secure_wipe(mac.data(), mac.size());
  line.back() = '\n';
  return print_stdout(std::string_view(line.data(), line.size()));
}

// ============================================================================================
// jsonsig verify
// ============================================================================================

std::string verify_help() {
  return std::string(
    "usage: jsonsig verify [--profile js|jcs|python] (--token T | --token-file F)\n"
    "                      (--signature HEX | --signature-file S) [--reject-duplicates]\n"
    "                      [--max-depth N] [FILE | -]\n"
    "\n"
    "Check an x-signed-request signature of the JSON body in FILE (stdin when absent or '-'),\n"
    "the way a server does: canonicalize the body, HMAC-SHA512 it with the token and compare in\n"
    "constant time. Prints nothing when the signature is valid.\n"
    "\n"
    "The signature is 128 hex characters (either case), given as\n"
    "  --signature HEX        on the command line, or\n"
    "  --signature-file S     in file S (one trailing LF or CRLF stripped; S may be '-').\n"
    "\n") + std::string(token_help) + std::string(
    "\n"
    "options:\n") + profile_help() + std::string(
    "  -h, --help           show this help\n"
    "\n") + std::string(json_error_help) + std::string(
    "exit status:\n"
    "  0  the signature is valid\n"
    "  1  the signature is well formed but does not match: stderr says\n"
    "     'jsonsig: signature mismatch' (try 'jsonsig canon --show' on both sides, or\n"
    "     'jsonsig diff' with the body the other side signed)\n"
    "  2  a usage error, including a malformed signature (not 128 hex characters), or an\n"
    "     unreadable or invalid body: the body could not be checked at all.\n");
}

int run_verify(int argc, char** argv) {
  constexpr std::string_view cmd = "verify";
  parsed_args args;
  int status = exit_ok;
  if (!parse_args(cmd, argc, argv,
                  concat(concat(canon_specs, token_specs),
                         {{"--signature", true}, {"--signature-file", true}}),
                  args, status))
    return status;
  if (args.help) return print_stdout(verify_help());
  jsonsig::canonical_options opt;
  std::string_view path;
  if (!canonical_options_from(cmd, args, opt, status) || !one_input(cmd, args, path, status))
    return status;

  const parsed_option* sig_opt = find_option(args, "--signature");
  const parsed_option* sig_file = find_option(args, "--signature-file");
  if ((sig_opt == nullptr) == (sig_file == nullptr))
    return usage_error(cmd, "give exactly one of --signature and --signature-file");
  const bool sig_stdin = sig_file != nullptr && std::string_view(sig_file->value) == "-";
  if (sig_stdin && path == "-")
    return usage_error(cmd, "the signature file and the message cannot both be stdin");
  token_source tok;
  const std::string_view stdin_user =
      path == "-" ? "the message" : sig_stdin ? "the signature file" : "";
  if (!tok.init(cmd, args, stdin_user, status)) return status;

  // The signature is public; a malformed one is a usage error, decided before any work.
  secret_buffer sig_buf(signature_file_limit + 1);  // (not secret; reuses the small-file reader)
  std::string_view sig;
  if (sig_opt != nullptr) {
    sig = sig_opt->value;
  } else {
    std::size_t len = 0;
    if (!read_small_file(cmd, "signature file", sig_file->value, sig_buf, len)) return exit_usage;
    sig = std::string_view(reinterpret_cast<const char*>(sig_buf.data()), len);
  }
  if (sig.size() != jsonsig::signature_size)
    return usage_error(cmd, "malformed signature: expected " +
                                std::to_string(jsonsig::signature_size) + " hex characters, got " +
                                std::to_string(sig.size()));
  for (std::size_t i = 0; i < sig.size(); ++i) {
    const char c = sig[i];
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')))
      return usage_error(cmd, "malformed signature: character " + std::to_string(i + 1) +
                                  " is not a hex digit");
  }

  input_buffer body;
  if (!body.load(cmd, path)) return exit_usage;
  if (!tok.load(cmd, status)) return status;
  const jsonsig::signer s(tok.token(), opt);
  tok.wipe();

  // signer::verify answers only true/false; to tell invalid JSON (exit 2, with its position)
  // from a mismatch (exit 1), compute the MAC and compare it as verify does: mac_matches
  // decodes the public hex and ct_equal's the 64 bytes.
  std::array<unsigned char, 64> mac{};
  jsonsig::error_info err;
  if (!s.sign(body.view(), mac, err)) return json_error(path, err, body.view());
  const bool valid = jsonsig::detail::mac_matches(mac.data(), sig);
  jsonsig::secure_wipe(mac.data(), mac.size());
  if (!valid) {
    fail_line("", "signature mismatch");
    return exit_negative;
  }
  return exit_ok;
}

// ============================================================================================
// jsonsig diff
// ============================================================================================

constexpr std::size_t default_context = 32;

std::string diff_help() {
  return std::string(
    "usage: jsonsig diff [--profile P] [--profile-b Q] [--reject-duplicates] [--max-depth N]\n"
    "                    [--context N] A B\n"
    "\n"
    "Canonicalize the JSON bodies A and B (one of them may be '-', stdin) and report the first\n"
    "byte where the canonical forms differ: its offset, the JSON path of the value there (e.g.\n"
    "$.items[2].price), and a window of both sides with a caret under that byte. Bytes outside\n"
    "printable ASCII are shown as \\xHH.\n"
    "\n"
    "A is canonicalized in profile P, B in profile Q (default: P), so\n"
    "  jsonsig diff --profile js --profile-b python body.json body.json\n"
    "shows where two implementations' canonical forms of one body disagree, and\n"
    "  jsonsig diff client-body.json server-body.json\n"
    "where two bodies stop signing the same.\n"
    "\n"
    "options:\n") + profile_help() + std::string(
    "  --profile-b Q        the profile for B (default: the one for A)\n"
    "  --context N          bytes of context on each side of the difference (default 32)\n"
    "  -h, --help           show this help\n"
    "\n"
    "Paths: $ is the whole body, .name a member, [\"...\"] a member whose key is not an\n"
    "identifier (as written in the canonical text), [N] an array element. A ',' belongs to the\n"
    "element that follows it and a closing bracket to its container, so one extra member shows\n"
    "as \"$\" on one side and \"$.extra\" on the other.\n"
    "\n") + std::string(json_error_help) + std::string(
    "exit status: 0 identical (prints 'identical (N bytes)'), 1 different, 2 usage error,\n"
    "unreadable or invalid input.\n");
}

int run_diff(int argc, char** argv) {
  constexpr std::string_view cmd = "diff";
  parsed_args args;
  int status = exit_ok;
  if (!parse_args(cmd, argc, argv,
                  concat(canon_specs, {{"--profile-b", true}, {"--context", true}}), args, status))
    return status;
  if (args.help) return print_stdout(diff_help());
  jsonsig::canonical_options opt_a;
  if (!canonical_options_from(cmd, args, opt_a, status)) return status;
  jsonsig::canonical_options opt_b = opt_a;
  if (!profile_option(cmd, args, "--profile-b", opt_a.prof, opt_b.prof, status)) return status;
  std::size_t context = default_context;
  if (const parsed_option* c = find_option(args, "--context")) {
    const std::string_view v = c->value;
    bool ok = !v.empty() && v.size() <= 4;
    context = 0;
    for (const char ch : v) {
      ok = ok && ch >= '0' && ch <= '9';
      if (ok) context = context * 10 + static_cast<std::size_t>(ch - '0');
    }
    if (!ok) return usage_error(cmd, "--context needs an integer from 0 to 9999, got " + quoted(v));
  }
  if (args.positionals.size() != 2) return usage_error(cmd, "expected two inputs, A and B");
  const std::string_view path_a = args.positionals[0], path_b = args.positionals[1];
  if (path_a == "-" && path_b == "-") return usage_error(cmd, "A and B cannot both be stdin");

  input_buffer in_a, in_b;
  if (!in_a.load(cmd, path_a)) return exit_usage;
  // The same file twice (typically with two profiles): read it once.
  const bool same = path_a == path_b;
  if (!same && !in_b.load(cmd, path_b)) return exit_usage;
  const std::string_view body_a = in_a.view(), body_b = same ? body_a : in_b.view();

  const auto side = [&](const char* label, jsonsig::profile p) {
    return std::string(" [") + label + ", profile " + std::string(jsonsig::to_string(p)) + "]";
  };
  jsonsig::error_info err;
  const std::string a = jsonsig::canonicalize(body_a, opt_a, err);
  if (err) return json_error(path_a, err, body_a, side("A", opt_a.prof));
  const std::string b = jsonsig::canonicalize(body_b, opt_b, err);
  if (err) return json_error(path_b, err, body_b, side("B", opt_b.prof));

  const jsonsig::canonical_difference d = jsonsig::diff_canonical(a, b);
  std::string out;
  if (d.identical) {
    out = "identical (" + std::to_string(a.size()) + " bytes)\n";
    std::fwrite(out.data(), 1, out.size(), stdout);
    return finish_stdout(exit_ok);
  }
  out = "canonical forms differ at byte " + std::to_string(d.offset) + ": ";
  if (d.path_a == d.path_b) {
    out += d.path_a + "\n";
  } else {
    out += "A " + d.path_a + ", B " + d.path_b + "\n";
  }
  const auto show = [&](const char* label, std::string_view path, jsonsig::profile p,
                        std::string_view text) {
    out += std::string(label) + "  " + sanitized(path == "-" ? "<stdin>" : path) + " (" +
           std::string(jsonsig::to_string(p)) + ", " + std::to_string(text.size()) + " bytes)\n";
    const jsonsig::excerpt e = jsonsig::excerpt_at(text, d.offset, context);
    out += "   " + e.text + "\n";
    out += "   " + std::string(e.caret, ' ') + "^";
    if (d.offset >= text.size()) out += " (end)";
    out += "\n";
  };
  show("A", path_a, opt_a.prof, a);
  show("B", path_b, opt_b.prof, b);
  std::fwrite(out.data(), 1, out.size(), stdout);
  return finish_stdout(exit_negative);
}

// ============================================================================================
// jsonsig hmac
// ============================================================================================

std::string hmac_help() {
  return std::string(
    "usage: jsonsig hmac (--token T | --token-file F) [FILE | -]\n"
    "       JSONSIG_TOKEN=T jsonsig hmac [FILE | -]\n"
    "\n"
    "Print the HMAC-SHA512 (RFC 2104, FIPS 180-4) of the raw bytes of FILE, or of stdin when\n"
    "FILE is absent or '-', as 128 lowercase hex characters and a newline. The input is hashed\n"
    "as is: no JSON parsing or canonicalisation.\n"
    "\n") + std::string(token_help) + std::string(
    "\n"
    "options:\n"
    "  -h, --help       show this help\n"
    "\n"
    "exit status: 0 success, 2 usage error or unreadable input.\n");
}

int run_hmac(int argc, char** argv) {
  constexpr std::string_view cmd = "hmac";
  parsed_args args;
  int status = exit_ok;
  if (!parse_args(cmd, argc, argv, token_specs, args, status)) return status;
  if (args.help) return print_stdout(hmac_help());
  std::string_view msg_path;
  token_source tok;
  if (!one_input(cmd, args, msg_path, status) ||
      !tok.init(cmd, args, msg_path == "-" ? "the message" : "", status))
    return status;

  // Open the message before reading any token material, so that a bad path fails fast.
  input msg;
  if (!msg.open(msg_path))
    return io_error(cmd, "cannot open " + display_name(msg_path) + ": " + errno_text(errno));
  if (!tok.load(cmd, status)) return status;
  jsonsig::hmac_sha512 mac(tok.token());
  tok.wipe();  // the keyed state now holds everything needed

  // Streamed in chunks: the raw bytes need no parsing, so there is no reason to hold them all.
  std::vector<unsigned char> chunk(io_chunk);
  for (;;) {
    const std::size_t got = msg.read(chunk.data(), chunk.size());
    if (got == 0) break;
    mac.update(chunk.data(), got);
  }
  if (msg.failed())
    return io_error(cmd, "cannot read " + display_name(msg_path) + ": " + errno_text(errno));

  const std::array<unsigned char, 64> digest = mac.finish();
  std::array<char, 2 * 64 + 1> line{};
  jsonsig::hex_encode(digest.data(), digest.size(), line.data());
  line.back() = '\n';
  return print_stdout(std::string_view(line.data(), line.size()));
}

// ============================================================================================
// the command table and main
// ============================================================================================

struct command {
  std::string_view name;
  std::string_view summary;  // one line in `jsonsig --help`
  int (*run)(int argc, char** argv);
};

constexpr std::array<command, 5> commands{{
    {"canon", "print the canonical bytes of a JSON body (--show: readable)", &run_canon},
    {"sign", "print the x-signed-request signature of a JSON body", &run_sign},
    {"verify", "check a signature: exit 0 valid, 1 mismatch", &run_verify},
    {"diff", "where two canonical forms first differ (byte, JSON path, context)", &run_diff},
    {"hmac", "HMAC-SHA512 of a file's raw bytes, as lowercase hex", &run_hmac},
}};

std::string main_help() {
  std::string s =
      "usage: jsonsig <command> [options] [args]\n"
      "       jsonsig --help | --version\n"
      "\n"
      "Sign and verify JSON API requests: HMAC-SHA512 over canonical JSON.\n"
      "\n"
      "commands:\n";
  for (const command& c : commands) {
    s.append("  ").append(c.name);
    s.append(c.name.size() < 10 ? 10 - c.name.size() : 1, ' ');
    s.append(c.summary).push_back('\n');
  }
  s.append(
      "\n"
      "Run 'jsonsig <command> --help' for a command's options.\n"
      "exit status: 0 success; 1 a negative answer (verify: mismatch, diff: different);\n"
      "2 usage error, unreadable or invalid input.\n");
  return s;
}

int run_main(int argc, char** argv) {
  if (argc < 2) return usage_error("", "missing command");
  const std::string_view first = argv[1];
  if (first == "-h" || first == "--help") return print_stdout(main_help());
  if (first == "--version" || first == "-V")
    return print_stdout("jsonsig " JSONSIG_VERSION_STRING "\n");
  if (!first.empty() && first[0] == '-')
    return usage_error("", "unknown option " + quoted(first.substr(0, first.find('='))));
  for (const command& c : commands)
    if (c.name == first) return c.run(argc - 1, argv + 1);
  return usage_error("", "unknown command " + quoted(first));
}

}  // namespace

int main(int argc, char** argv) {
#if JSONSIG_EXCEPTIONS
  try {
    return run_main(argc, argv);
  } catch (const std::exception& e) {  // in practice std::bad_alloc; never carries the token
    fail_line("", e.what());
    return exit_usage;
  }
#else
  return run_main(argc, argv);
#endif
}
