// ChildFacts encoding (see child_facts_codec.h).
#include "projections/child_facts_codec.h"

#include <utility>

#include <cereal/types/string.hpp>
#include <cereal/types/vector.hpp>

#include "events/event_binary.h"

namespace cjl::projections {
namespace {

// Reads the archive after the format byte into child_id and its facts.
template <typename Load>
Status ReadArchive(std::string_view body, std::string& child_id, Load&& load) {
  return events::ReadPortable(
      body,
      [&](cereal::PortableBinaryInputArchive& ar) {
        ar(child_id);
        load(ar);
      },
      "child facts");
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
  std::string out;
  AppendChildFacts(out, facts);
  return out;
}

void AppendChildFacts(std::string& out, const ChildFacts& facts) {
  std::size_t size = 1 + 16 + facts.child_id.size();
  for (const auto* list : {&facts.facts, &facts.withheld, &facts.retractions}) {
    for (const Fact& f : *list) size += 8 + f.bytes().size();
  }
  out.reserve(out.size() + size + 1);
  out.push_back(static_cast<char>(kChildFactsFormatVersion));
  events::AppendPortable(out, [&](cereal::PortableBinaryOutputArchive& ar) {
    // Written as cereal writes a std::vector<std::string>, without copying the bytes.
    ar(facts.child_id, cereal::make_size_tag(static_cast<cereal::size_type>(facts.event_count())));
    for (const auto* list : {&facts.facts, &facts.withheld, &facts.retractions}) {
      for (const Fact& f : *list) {
        ar(cereal::make_size_tag(static_cast<cereal::size_type>(f.bytes().size())),
           cereal::binary_data(f.bytes().data(), f.bytes().size()));
      }
    }
  });
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
