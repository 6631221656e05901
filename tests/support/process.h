// Child processes of the ensemble program for tests: a server whose listening port is read
// from its standard output, and one-shot commands whose output and exit code are captured.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

namespace ensemble::test_support {

class ServerProcess {
 public:
  // Starts argv[0] with the arguments; waits for "Ensemble listening on http://127.0.0.1:PORT".
  explicit ServerProcess(const std::vector<std::string>& args);
  ~ServerProcess();  // SIGTERM, then waits for the process to end
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  // Sends `signal` and waits; returns the wait status.
  int Kill(int signal);
  std::uint16_t port() const { return port_; }  // 0 if it never said it listens
  pid_t pid() const { return pid_; }

 private:
  pid_t pid_ = -1;
  FILE* stdout_ = nullptr;
  std::uint16_t port_ = 0;
};

struct CommandResult {
  int exit_code = -1;
  std::string output;  // standard output and standard error, interleaved
};

// Runs argv with the extra environment ("NAME=value") and `input` on standard input.
CommandResult RunCommand(const std::vector<std::string>& args,
                         const std::vector<std::string>& environment = {},
                         const std::string& input = {});

}  // namespace ensemble::test_support
