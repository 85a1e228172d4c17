// The tamper-evidence hash chain: hash = SHA-256(prev_hash || BE64(position) || canonical
// bytes). Uses OpenSSL libcrypto. Pure; thread-safe.
#pragma once

#include "events/event.h"

namespace cjl::ledger {

events::Sha256 ChainHash(const events::Sha256& prev_hash, LedgerPosition position,
                         std::string_view canonical_bytes);

// Sets r.prev_hash = prev and r.hash over the record's canonical bytes; returns the
// record's stored encoding (events::EncodeRecorded of the sealed record), encoded once.
std::string SealRecord(events::RecordedEvent& r, const events::Sha256& prev);

}  // namespace cjl::ledger
