#include "ledger/chain.h"

#include <openssl/evp.h>

#include <memory>

#include "events/event_binary.h"
#include "ledger/keys.h"

namespace cjl::ledger {
namespace {

struct CtxDeleter {
  void operator()(EVP_MD_CTX* c) const { EVP_MD_CTX_free(c); }
};

// One digest context per thread, reused: EVP_MD_CTX_new per hash costs more than the hash.
EVP_MD_CTX* ThreadContext() {
  thread_local std::unique_ptr<EVP_MD_CTX, CtxDeleter> ctx(EVP_MD_CTX_new());
  CJL_CHECK(ctx != nullptr, "EVP_MD_CTX_new failed");
  return ctx.get();
}

// SHA-256 fetched once: EVP_sha256() makes OpenSSL 3 look the algorithm up in its
// provider on every EVP_DigestInit_ex, which costs about as much as hashing a record.
const EVP_MD* Sha256Md() {
  static EVP_MD* md = EVP_MD_fetch(nullptr, "SHA256", nullptr);
  CJL_CHECK(md != nullptr, "EVP_MD_fetch(SHA256) failed");
  return md;
}

}  // namespace

events::Sha256 ChainHash(const events::Sha256& prev, LedgerPosition position,
                         std::string_view canonical) {
  EVP_MD_CTX* ctx = ThreadContext();
  const std::string pos = EncodeBigEndian64(position.value());
  events::Sha256 out{};
  unsigned int len = 0;
  bool ok = EVP_DigestInit_ex(ctx, Sha256Md(), nullptr) == 1 &&
            EVP_DigestUpdate(ctx, prev.data(), prev.size()) == 1 &&
            EVP_DigestUpdate(ctx, pos.data(), pos.size()) == 1 &&
            EVP_DigestUpdate(ctx, canonical.data(), canonical.size()) == 1 &&
            EVP_DigestFinal_ex(ctx, out.data(), &len) == 1;
  CJL_CHECK(ok && len == out.size(), "SHA-256 failed");
  return out;
}

events::Sha256 SealStored(std::string& stored, const events::Sha256& prev,
                          LedgerPosition position) {
  CJL_CHECK(stored.size() >= events::kHashBytes, "SealStored: not a stored record");
  const events::Sha256 hash = ChainHash(
      prev, position, std::string_view(stored).substr(0, stored.size() - events::kHashBytes));
  events::PatchHashes(stored, prev, hash);
  return hash;
}

}  // namespace cjl::ledger
