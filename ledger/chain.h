// The tamper-evidence hash chain: hash = SHA-256(prev_hash || BE64(position) || canonical
// bytes). Uses OpenSSL libcrypto. Pure; thread-safe.
#pragma once

#include "events/event.h"

namespace cjl::ledger {

events::Sha256 ChainHash(const events::Sha256& prev_hash, LedgerPosition position,
                         std::string_view canonical_bytes);

// Seals a stored record (events::EncodeRecordOf's bytes, at `position`): hashes its
// canonical bytes after `prev`, writes prev and the hash into it, returns the hash.
events::Sha256 SealStored(std::string& stored, const events::Sha256& prev, LedgerPosition position);

}  // namespace cjl::ledger
