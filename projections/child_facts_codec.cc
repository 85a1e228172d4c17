// ChildFacts encoding (see child_facts_codec.h).
#include "projections/child_facts_codec.h"

#include <sstream>

#include <cereal/archives/portable_binary.hpp>
#include <cereal/types/string.hpp>
#include <cereal/types/vector.hpp>

#include "events/event_binary.h"

namespace cjl::projections {

std::string EncodeChildFacts(const ChildFacts& facts) {
  std::vector<events::RecordedEvent> all;
  all.reserve(facts.event_count());
  all.insert(all.end(), facts.facts.begin(), facts.facts.end());
  all.insert(all.end(), facts.withheld.begin(), facts.withheld.end());
  all.insert(all.end(), facts.retractions.begin(), facts.retractions.end());
  std::ostringstream out(std::ios::binary);
  out.put(static_cast<char>(kChildFactsFormatVersion));
  {
    cereal::PortableBinaryOutputArchive ar(out);
    ar(facts.child_id, all);
  }
  return out.str();
}

Result<ChildFacts> DecodeChildFacts(std::string_view bytes) {
  if (bytes.empty()) return Error(ErrorCode::kCorruption, "child facts: empty record");
  if (static_cast<std::uint8_t>(bytes[0]) != kChildFactsFormatVersion) {
    return Error(ErrorCode::kCorruption,
                 "child facts: unknown format version " +
                     std::to_string(static_cast<unsigned>(static_cast<std::uint8_t>(bytes[0]))));
  }
  std::string child_id;
  std::vector<events::RecordedEvent> all;
  std::istringstream in(std::string(bytes.substr(1)), std::ios::binary);
  try {
    cereal::PortableBinaryInputArchive ar(in);
    ar(child_id, all);
  } catch (const std::exception& e) {
    return Error(ErrorCode::kCorruption, std::string("child facts: cannot decode: ") + e.what());
  }
  if (in.peek() != std::char_traits<char>::eof()) {
    return Error(ErrorCode::kCorruption, "child facts: trailing bytes after the record");
  }
  ChildFacts facts;
  facts.child_id = child_id;
  for (const auto& e : all) {
    if (e.event.child_id != child_id) {
      return Error(ErrorCode::kCorruption, "child facts of " + child_id + ": holds event " +
                                               e.event.event_id + " of child " + e.event.child_id);
    }
    ApplyEvent(facts, e);
  }
  return facts;
}

}  // namespace cjl::projections
