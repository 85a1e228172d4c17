#include "ops/tokens.h"

#include <sys/stat.h>

#include <algorithm>
#include <cctype>

#include <cstdlib>
#include <fstream>
#include <random>

namespace cjl::ops {
namespace {

constexpr std::size_t kMinTokenLength = 16;

std::string Trim(std::string s) {
  auto not_space = [](unsigned char c) { return !std::isspace(c); };
  s.erase(s.begin(), std::find_if(s.begin(), s.end(), not_space));
  s.erase(std::find_if(s.rbegin(), s.rend(), not_space).base(), s.end());
  return s;
}

Status Check(const Tokens& t, const std::string& where) {
  for (auto [name, value] : {std::pair{"read", &t.read}, std::pair{"write", &t.write}}) {
    if (value->size() < kMinTokenLength) {
      return Error(ErrorCode::kInvalidInput,
                   std::string(name) + " token from " + where +
                       (value->empty() ? " is missing" : " is shorter than 16 characters"));
    }
  }
  return Status::Ok();
}

std::string RandomToken() {
  std::random_device rd;  // /dev/urandom
  static const char* kAlphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  std::string t;
  for (int i = 0; i < 40; ++i) t.push_back(kAlphabet[rd() % 62]);
  return t;
}

}  // namespace

Result<Tokens> LoadTokens(const std::string& file) {
  Tokens t;
  std::string where;
  if (!file.empty()) {
    std::ifstream in(file);
    if (!in) return Error(ErrorCode::kInvalidInput, "cannot read tokens file " + file);
    where = "tokens file " + file;
    std::string line;
    while (std::getline(in, line)) {
      line = Trim(line);
      if (line.empty() || line[0] == '#') continue;
      auto eq = line.find('=');
      if (eq == std::string::npos) continue;
      std::string key = Trim(line.substr(0, eq));
      std::string value = Trim(line.substr(eq + 1));
      if (key == "read") t.read = value;
      if (key == "write") t.write = value;
    }
  } else {
    where = "the environment (CJL_READ_TOKEN, CJL_WRITE_TOKEN)";
    if (const char* r = std::getenv("CJL_READ_TOKEN")) t.read = r;
    if (const char* w = std::getenv("CJL_WRITE_TOKEN")) t.write = w;
  }
  if (Status s = Check(t, where); !s.ok()) return s.error();
  return t;
}

Result<Tokens> CreateTokensFile(const std::string& file) {
  Tokens t{RandomToken(), RandomToken()};
  {
    std::ofstream out(file, std::ios::trunc);
    if (!out) return Error(ErrorCode::kUnavailable, "cannot write tokens file " + file);
    out << "# cjl API tokens: send as 'Authorization: Bearer TOKEN'\n"
        << "read=" << t.read << "\nwrite=" << t.write << "\n";
  }
  chmod(file.c_str(), S_IRUSR | S_IWUSR);
  return t;
}

bool TokenEquals(const std::string& given, const std::string& expected) {
  unsigned char diff = given.size() == expected.size() ? 0 : 1;
  for (std::size_t i = 0; i < expected.size(); ++i) {
    diff |= static_cast<unsigned char>(expected[i] ^ (i < given.size() ? given[i] : 0));
  }
  return diff == 0;
}

}  // namespace cjl::ops
