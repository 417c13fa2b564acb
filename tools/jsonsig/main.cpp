// SPDX-License-Identifier: MIT
// jsonsig: the command-line tool. The only code in the project that touches stdio, argv, the
// environment or exit codes.
//
// Exit status: 0 success; 2 usage error, unreadable input or failed output. (1 is kept for a
// negative answer from a later subcommand such as `verify`.)
//
// Adding a subcommand: write `int run_<name>(int argc, char** argv)` (argv[0] is the subcommand
// name) and its help text, then add one row to `commands` below; `jsonsig --help` lists it and
// `jsonsig <name> --help` prints its help.
#include <jsonsig/constant_time.hpp>
#include <jsonsig/hex.hpp>
#include <jsonsig/hmac.hpp>
#include <jsonsig/version.hpp>

#include <array>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <string>
#include <string_view>
#include <vector>

#ifdef _WIN32
#include <fcntl.h>
#include <io.h>
#endif

namespace {

constexpr int exit_ok = 0;
constexpr int exit_usage = 2;  // also unreadable input and failed output
constexpr std::size_t io_chunk = 64 * 1024;
constexpr std::size_t max_token_file = 64 * 1024;  // a token, not a document; stops /dev/zero

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

std::string quoted(std::string_view s) { return "'" + std::string(s) + "'"; }

std::string errno_text(int e) { return std::strerror(e); }

int print_stdout(std::string_view text) {
  if (std::fwrite(text.data(), 1, text.size(), stdout) != text.size() || std::fflush(stdout) != 0)
    return io_error("", "cannot write to stdout: " + errno_text(errno));
  return exit_ok;
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
#ifdef _WIN32
      _setmode(_fileno(stdin), _O_BINARY);  // no CRLF translation: the MAC is over raw bytes
#endif
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

 private:
  std::FILE* f_ = nullptr;
};

std::string display_name(std::string_view path) { return path == "-" ? "stdin" : quoted(path); }

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

// ============================================================================================
// jsonsig hmac
// ============================================================================================

constexpr std::string_view hmac_help =
    "usage: jsonsig hmac (--token T | --token-file F) [FILE | -]\n"
    "       JSONSIG_TOKEN=T jsonsig hmac [FILE | -]\n"
    "\n"
    "Print the HMAC-SHA512 (RFC 2104, FIPS 180-4) of the raw bytes of FILE, or of stdin when\n"
    "FILE is absent or '-', as 128 lowercase hex characters and a newline. The input is hashed\n"
    "as is: no JSON parsing or canonicalisation.\n"
    "\n"
    "The token (the HMAC key) comes from exactly one source:\n"
    "  --token T        T itself. Visible to other users in the process list; prefer the two\n"
    "                   below.\n"
    "  --token-file F   the bytes of file F, minus exactly one trailing LF or CRLF. F may be '-'\n"
    "                   (stdin) when the message comes from a file.\n"
    "  JSONSIG_TOKEN    the environment variable, used only when neither option is given.\n"
    "Giving both options is an error. An empty token is an error. The token is never printed.\n"
    "\n"
    "options:\n"
    "  -h, --help       show this help\n"
    "\n"
    "exit status: 0 success, 2 usage error or unreadable input.\n";

// Reads the whole token file into buf and sets len; false after printing an error.
bool read_token_file(std::string_view path, secret_buffer& buf, std::size_t& len) {
  input in;
  if (!in.open(path)) {
    fail_line("hmac", "cannot open token file " + display_name(path) + ": " + errno_text(errno));
    return false;
  }
  in.unbuffered();
  len = 0;
  // Capacity is max_token_file + 1, so a full buffer means the file is too long.
  while (len < buf.capacity()) {
    const std::size_t got = in.read(buf.data() + len, buf.capacity() - len);
    if (got == 0) break;
    len += got;
  }
  if (in.failed()) {
    fail_line("hmac", "cannot read token file " + display_name(path) + ": " + errno_text(errno));
    return false;
  }
  if (len > max_token_file) {
    fail_line("hmac", "token file " + display_name(path) + " is larger than " +
                          std::to_string(max_token_file) + " bytes");
    return false;
  }
  // Exactly one line ending, as written by `echo` or an editor; anything else is key material.
  if (len >= 1 && buf.data()[len - 1] == '\n') {
    --len;
    if (len >= 1 && buf.data()[len - 1] == '\r') --len;
  }
  return true;
}

int run_hmac(int argc, char** argv) {
  constexpr std::string_view cmd = "hmac";
  parsed_args args;
  int status = exit_ok;
  if (!parse_args(cmd, argc, argv, {{"--token", true}, {"--token-file", true}}, args, status))
    return status;
  if (args.help) return print_stdout(hmac_help);

  const parsed_option* token_opt = find_option(args, "--token");
  const parsed_option* file_opt = find_option(args, "--token-file");
  if (token_opt != nullptr && file_opt != nullptr)
    return usage_error(cmd, "--token and --token-file are mutually exclusive");
  if (args.positionals.size() > 1) return usage_error(cmd, "expected at most one input file");
  const std::string_view msg_path = args.positionals.empty() ? "-" : args.positionals[0];
  if (file_opt != nullptr && std::string_view(file_opt->value) == "-" && msg_path == "-")
    return usage_error(cmd, "the token file and the message cannot both be stdin");

  const char* env =
      token_opt == nullptr && file_opt == nullptr ? std::getenv("JSONSIG_TOKEN") : nullptr;
  if (token_opt == nullptr && file_opt == nullptr && env == nullptr)
    return usage_error(cmd, "no token: give --token, --token-file or set JSONSIG_TOKEN");

  // Open the message before reading any token material, so that a bad path fails fast.
  input msg;
  if (!msg.open(msg_path))
    return io_error(cmd, "cannot open " + display_name(msg_path) + ": " + errno_text(errno));

  secret_buffer file_token(file_opt != nullptr ? max_token_file + 1 : 0);
  std::string_view token;
  if (token_opt != nullptr) {
    token = token_opt->value;
  } else if (file_opt != nullptr) {
    std::size_t len = 0;
    if (!read_token_file(file_opt->value, file_token, len)) return exit_usage;
    token = std::string_view(reinterpret_cast<const char*>(file_token.data()), len);
  } else {
    token = env;
  }
  if (token.empty()) return usage_error(cmd, "the token is empty");

  jsonsig::hmac_sha512 mac(token);
  // The keyed state now holds everything needed; scrub our copies of the raw token. Wiping the
  // argv bytes also blanks it in /proc/<pid>/cmdline for the rest of the run.
  if (token_opt != nullptr) jsonsig::secure_wipe(token_opt->value, token.size());
  jsonsig::secure_wipe(file_token.data(), file_token.capacity());
  token = {};

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

constexpr std::array<command, 1> commands{{
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
      "exit status: 0 success, 2 usage error or unreadable input.\n");
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
