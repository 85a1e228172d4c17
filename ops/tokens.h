// Bearer tokens for the HTTP API: a write token for posting events, a read token for the
// rest. Given by file or environment, never on the command line (it would show in `ps`).
// Value type; thread-compatible.
#pragma once

#include <string>

#include "common/result.h"

namespace cjl::ops {

struct Tokens {
  std::string read;
  std::string write;
};

// From `file` if not empty (lines `read=TOKEN` and `write=TOKEN`; # comments), else from
// the environment (CJL_READ_TOKEN, CJL_WRITE_TOKEN). kInvalidInput if a token is missing
// or shorter than 16 characters.
Result<Tokens> LoadTokens(const std::string& file);

// Writes a new tokens file with random tokens (mode 0600); for `cjl demo`.
Result<Tokens> CreateTokensFile(const std::string& file);

// Constant-time comparison, so response time says nothing about a token's prefix.
bool TokenEquals(const std::string& given, const std::string& expected);

}  // namespace cjl::ops
