// Result and Status: the error type every module returns across its boundary.
// Owned by common/. Value types; thread-compatible (no shared state).
//
// No exception crosses a module boundary: adapters catch library exceptions and turn
// them into an Error with one of the codes below.
#pragma once

#include <cstdlib>
#include <iostream>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace cjl {

// Each code has one meaning, which tells the caller what to do next.
enum class ErrorCode {
  kInvalidInput,  // the input breaks a rule; never retry the same input
  kConflict,      // expected stream version or event id content mismatch
  kNotFound,
  kUnavailable,  // transient (broker down, busy); retry with backoff
  kCorruption,   // stored data fails its checks; stop and alert
  kInternal,     // a bug
};

const char* ErrorCodeName(ErrorCode code);

// One broken rule: the field it concerns (dotted path, e.g. "payload.placement.urn";
// empty for a whole-event rule) and what is wrong with it.
struct FieldError {
  std::string field;
  std::string message;
  bool operator==(const FieldError&) const = default;
};

class Error {
 public:
  Error(ErrorCode code, std::string message) : code_(code), message_(std::move(message)) {}
  Error(ErrorCode code, std::string message, std::vector<FieldError> details)
      : code_(code), message_(std::move(message)), details_(std::move(details)) {}

  ErrorCode code() const { return code_; }
  const std::string& message() const { return message_; }
  // For kInvalidInput: every broken rule, in the order found.
  const std::vector<FieldError>& details() const { return details_; }
  // "code: message" plus the details, for logs and CLI output.
  std::string ToString() const;

 private:
  ErrorCode code_;
  std::string message_;
  std::vector<FieldError> details_;
};

// Aborts with context: for invariants only, never for user input.
[[noreturn]] void InvariantFailed(const char* expr, const char* file, int line,
                                  const std::string& context);
#define CJL_CHECK(cond, context)                                               \
  do {                                                                         \
    if (!(cond)) ::cjl::InvariantFailed(#cond, __FILE__, __LINE__, (context)); \
  } while (0)

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}      // NOLINT(google-explicit-constructor)
  Result(Error error) : v_(std::move(error)) {}  // NOLINT(google-explicit-constructor)

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() & {
    Require();
    return std::get<0>(v_);
  }
  const T& value() const& {
    Require();
    return std::get<0>(v_);
  }
  T&& value() && {
    Require();
    return std::get<0>(std::move(v_));
  }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  const Error& error() const {
    CJL_CHECK(!ok(), "error() called on a Result holding a value");
    return std::get<1>(v_);
  }

 private:
  void Require() const {
    if (!ok()) InvariantFailed("ok()", __FILE__, __LINE__, std::get<1>(v_).ToString());
  }
  std::variant<T, Error> v_;
};

// A Result with no value.
class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(Error error)
      : error_(std::move(error)), ok_(false) {}  // NOLINT(google-explicit-constructor)
  static Status Ok() { return Status(); }

  bool ok() const { return ok_; }
  explicit operator bool() const { return ok_; }
  const Error& error() const {
    CJL_CHECK(!ok_, "error() called on an ok Status");
    return error_;
  }

 private:
  Error error_{ErrorCode::kInternal, ""};
  bool ok_ = true;
};

}  // namespace cjl
