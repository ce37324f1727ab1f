// The error every config problem is reported with: where, and what was expected.
#pragma once

#include <stdexcept>
#include <string>

namespace politeno::config {

// Where a value sits in a config file; line and column are 1-based, 0 when unknown.
struct Mark {
  int line = 0;
  int column = 0;
};

class ConfigError : public std::runtime_error {
 public:
  ConfigError(std::string file, Mark mark, std::string message)
      : std::runtime_error(format(file, mark, message)),
        file_(std::move(file)), mark_(mark), message_(std::move(message)) {}

  const std::string& file() const { return file_; }
  Mark mark() const { return mark_; }
  const std::string& message() const { return message_; }

 private:
  static std::string format(const std::string& file, Mark mark, const std::string& message) {
    if (mark.line <= 0) return file + ": " + message;
    return file + ":" + std::to_string(mark.line) + ":" + std::to_string(mark.column) + ": " + message;
  }
  std::string file_;
  Mark mark_;
  std::string message_;
};

}  // namespace politeno::config
