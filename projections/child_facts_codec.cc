// ChildFacts encoding (see child_facts_codec.h).
#include "projections/child_facts_codec.h"

#include <sstream>
#include <utility>

#include <cereal/archives/portable_binary.hpp>
#include <cereal/types/string.hpp>
#include <cereal/types/vector.hpp>

#include "events/event_binary.h"

namespace cjl::projections {
namespace {

// Reads the archive after the format byte into child_id and its facts.
template <typename Load>
Status ReadArchive(std::string_view body, std::string& child_id, Load&& load) {
  std::istringstream in(std::string(body), std::ios::binary);
  try {
    cereal::PortableBinaryInputArchive ar(in);
    ar(child_id);
    load(ar);
  } catch (const std::exception& e) {
    return Error(ErrorCode::kCorruption, std::string("child facts: cannot decode: ") + e.what());
  }
  if (in.peek() != std::char_traits<char>::eof()) {
    return Error(ErrorCode::kCorruption, "child facts: trailing bytes after the record");
  }
  return Status::Ok();
}

Result<std::vector<Fact>> ReadFacts(std::string_view body, std::uint8_t version,
                                    std::string& child_id) {
  std::vector<Fact> out;
  if (version == 1) {
    std::vector<events::RecordedEvent> records;
    Status s = ReadArchive(body, child_id, [&](auto& ar) { ar(records); });
    if (!s.ok()) return s.error();
    for (const auto& r : records) out.push_back(Fact::FromRecorded(r));
    return out;
  }
  std::vector<std::string> stored;
  Status s = ReadArchive(body, child_id, [&](auto& ar) { ar(stored); });
  if (!s.ok()) return s.error();
  out.reserve(stored.size());
  for (auto& bytes : stored) {
    auto fact = Fact::FromRecordBytes(std::move(bytes));
    if (!fact.ok()) return Error(ErrorCode::kCorruption, "child facts: " + fact.error().message());
    out.push_back(std::move(*fact));
  }
  return out;
}

}  // namespace

std::string EncodeChildFacts(const ChildFacts& facts) {
  std::vector<std::string_view> all;
  all.reserve(facts.event_count());
  for (const auto* list : {&facts.facts, &facts.withheld, &facts.retractions}) {
    for (const Fact& f : *list) all.emplace_back(f.bytes());
  }
  std::ostringstream out(std::ios::binary);
  out.put(static_cast<char>(kChildFactsFormatVersion));
  {
    // Written as cereal writes a std::vector<std::string>, without copying the bytes.
    cereal::PortableBinaryOutputArchive ar(out);
    ar(facts.child_id, cereal::make_size_tag(static_cast<cereal::size_type>(all.size())));
    for (std::string_view bytes : all) {
      ar(cereal::make_size_tag(static_cast<cereal::size_type>(bytes.size())),
         cereal::binary_data(bytes.data(), bytes.size()));
    }
  }
  return out.str();
}

Result<ChildFacts> DecodeChildFacts(std::string_view bytes) {
  if (bytes.empty()) return Error(ErrorCode::kCorruption, "child facts: empty record");
  const auto version = static_cast<std::uint8_t>(bytes[0]);
  if (version != 1 && version != kChildFactsFormatVersion) {
    return Error(ErrorCode::kCorruption,
                 "child facts: unknown format version " + std::to_string(unsigned{version}));
  }
  std::string child_id;
  auto all = ReadFacts(bytes.substr(1), version, child_id);
  if (!all.ok()) return all.error();
  ChildFacts facts;
  facts.child_id = child_id;
  for (Fact& f : *all) {
    if (f.child_id() != child_id) {
      return Error(ErrorCode::kCorruption, "child facts: the fact at position " +
                                               std::to_string(f.position().value()) +
                                               " belongs to another child");
    }
    ApplyFact(facts, std::move(f));
  }
  return facts;
}

}  // namespace cjl::projections
