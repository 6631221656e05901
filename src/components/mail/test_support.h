// What the tests of ensemble_mail share: a temporary folder, files, running Debian's
// /usr/bin/python3 on the scripts of testdata/, and the SMTP sink (testdata/smtp_sink.py) as a
// child process on loopback. Test code only.
#pragma once

#include <sys/types.h>

#include <boost/json.hpp>
#include <filesystem>
#include <string>
#include <vector>

namespace ensemble::mail::testing {

inline constexpr const char* kPython = "/usr/bin/python3";

std::filesystem::path TestData(const std::string& name);

class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

void WriteFile(const std::filesystem::path& path, const std::string& bytes);
std::string ReadFile(const std::filesystem::path& path);

// Runs a shell command; its exit status and standard output.
struct CommandResult {
  int status = -1;
  std::string output;
};
CommandResult Run(const std::string& command);

// The message read back by Python's email package (testdata/read_message.py), as JSON.
boost::json::object ReadWithPython(const std::string& bytes);

// The sink, started in its mode and stopped (SIGTERM, then waited for) on destruction.
class SmtpSink {
 public:
  explicit SmtpSink(const std::string& mode, const std::vector<std::string>& extra = {});
  ~SmtpSink();
  SmtpSink(const SmtpSink&) = delete;
  SmtpSink& operator=(const SmtpSink&) = delete;

  std::uint16_t port() const { return port_; }
  // The messages received so far, oldest first: {mail_from, rcpt_tos, data (decoded), tls,
  // authenticated}.
  std::vector<boost::json::object> Received() const;
  // The AUTH mechanisms tried, one a line.
  std::string AuthLog() const;

 private:
  TempDir dir_;
  pid_t pid_ = -1;
  std::uint16_t port_ = 0;
};

// A self-signed certificate for `name` (and, for "localhost", 127.0.0.1), made by `openssl req`.
struct Certificate {
  std::filesystem::path cert;
  std::filesystem::path key;
};
Certificate MakeSelfSigned(const std::filesystem::path& dir, const std::string& name = "localhost");

}  // namespace ensemble::mail::testing
