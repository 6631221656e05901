#include "components/mail/test_support.h"

#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <sstream>
#include <stdexcept>

namespace ensemble::mail::testing {

namespace fs = std::filesystem;

fs::path TestData(const std::string& name) { return fs::path(ENSEMBLE_MAIL_TESTDATA) / name; }

TempDir::TempDir() {
  std::string pattern = (fs::temp_directory_path() / "ensemble-mail-XXXXXX").string();
  if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
  path_ = pattern;
}

TempDir::~TempDir() {
  std::error_code ignored;
  fs::remove_all(path_, ignored);
}

void WriteFile(const fs::path& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary);
  out << bytes;
}

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

CommandResult Run(const std::string& command) {
  CommandResult result;
  FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) return result;
  std::array<char, 4096> chunk{};
  while (const std::size_t n = std::fread(chunk.data(), 1, chunk.size(), pipe)) {
    result.output.append(chunk.data(), n);
  }
  const int status = ::pclose(pipe);
  result.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

boost::json::object ReadWithPython(const std::string& bytes) {
  TempDir dir;
  const fs::path file = dir.path() / "message.eml";
  WriteFile(file, bytes);
  const CommandResult result =
      Run(std::string(kPython) + " " + TestData("read_message.py").string() + " " + file.string());
  if (result.status != 0) throw std::runtime_error("read_message.py failed: " + result.output);
  return boost::json::parse(result.output).as_object();
}

SmtpSink::SmtpSink(const std::string& mode, const std::vector<std::string>& extra) {
  int out[2];
  if (::pipe(out) != 0) throw std::runtime_error("pipe failed");
  std::vector<std::string> args = {
      kPython, TestData("smtp_sink.py").string(), "--dir", dir_.path().string(), "--mode", mode};
  args.insert(args.end(), extra.begin(), extra.end());
  pid_ = ::fork();
  if (pid_ == 0) {
    ::dup2(out[1], STDOUT_FILENO);
    ::close(out[0]);
    ::close(out[1]);
    std::vector<char*> argv;
    for (auto& arg : args) argv.push_back(arg.data());
    argv.push_back(nullptr);
    ::execv(kPython, argv.data());
    ::_exit(127);
  }
  ::close(out[1]);
  // The port, on the first line, within ten seconds: a sink that does not start fails the test
  // rather than hanging it.
  std::string line;
  pollfd descriptor{out[0], POLLIN, 0};
  while (line.find('\n') == std::string::npos && ::poll(&descriptor, 1, 10'000) > 0) {
    std::array<char, 64> chunk{};
    const ssize_t n = ::read(out[0], chunk.data(), chunk.size());
    if (n <= 0) break;
    line.append(chunk.data(), static_cast<std::size_t>(n));
  }
  ::close(out[0]);
  port_ = static_cast<std::uint16_t>(std::atoi(line.c_str()));
  if (port_ == 0) throw std::runtime_error("smtp_sink.py did not start: " + line);
}

SmtpSink::~SmtpSink() {
  if (pid_ > 0) {
    ::kill(pid_, SIGTERM);
    ::waitpid(pid_, nullptr, 0);
  }
}

std::vector<boost::json::object> SmtpSink::Received() const {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(dir_.path())) {
    if (entry.path().extension() == ".json") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  std::vector<boost::json::object> received;
  for (const auto& file : files) {
    boost::json::object record = boost::json::parse(ReadFile(file)).as_object();
    // Decoded by Python rather than by our own base64 code, which is under test.
    const CommandResult data =
        Run(std::string(kPython) +
            " -c 'import base64,json,sys; sys.stdout.buffer.write("
            "base64.b64decode(json.load(open(sys.argv[1]))[\"data_base64\"]))' " +
            file.string());
    record["data"] = data.output;
    received.push_back(std::move(record));
  }
  return received;
}

std::string SmtpSink::AuthLog() const { return ReadFile(dir_.path() / "auth.log"); }

Certificate MakeSelfSigned(const fs::path& dir, const std::string& name) {
  Certificate certificate{dir / (name + ".cert.pem"), dir / (name + ".key.pem")};
  const std::string names = name == "localhost" ? "DNS:localhost,IP:127.0.0.1" : "DNS:" + name;
  const std::string command =
      "openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=" + name +
      " -addext subjectAltName=" + names + " -keyout " + certificate.key.string() + " -out " +
      certificate.cert.string() + " 2>&1";
  const CommandResult result = Run(command);
  if (result.status != 0) throw std::runtime_error("openssl req failed: " + result.output);
  return certificate;
}

}  // namespace ensemble::mail::testing
