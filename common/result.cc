#include "common/result.h"

namespace cjl {

const char* ErrorCodeName(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidInput:
      return "invalid input";
    case ErrorCode::kConflict:
      return "conflict";
    case ErrorCode::kNotFound:
      return "not found";
    case ErrorCode::kUnavailable:
      return "unavailable";
    case ErrorCode::kCorruption:
      return "corruption";
    case ErrorCode::kInternal:
      return "internal";
  }
  return "unknown";
}

std::string Error::ToString() const {
  std::string out = std::string(ErrorCodeName(code_)) + ": " + message_;
  for (const FieldError& d : details_) {
    out += "; ";
    if (!d.field.empty()) out += d.field + ": ";
    out += d.message;
  }
  return out;
}

void InvariantFailed(const char* expr, const char* file, int line, const std::string& context) {
  std::cerr << "invariant failed: " << expr << " at " << file << ":" << line << ": " << context
            << std::endl;
  std::abort();
}

}  // namespace cjl
