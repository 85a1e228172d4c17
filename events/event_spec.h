// The contract table: for each event type, its wire name and the payload fields it
// takes (EVENTS.md v1), with each field's kind, whether it is required and its code list.
// The JSON adapter, the validator and the docs all read this one table.
// Owned by events/. Immutable; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "events/codes.h"
#include "events/event.h"

namespace cjl::events {

enum class FieldKind {
  kText,   // free text, 1-200 printable chars
  kCode,   // one of `codes`
  kDate,   // YYYY-MM-DD
  kWeeks,  // integer 1-8
  kBool,
  kPlacement,  // the placement object
};

struct FieldSpec {
  std::string_view name;
  FieldKind kind;
  bool required;
  codes::CodeList codes{};                       // kCode only
  std::string Payload::*text = nullptr;          // kText, kCode
  std::optional<Date> Payload::*date = nullptr;  // kDate
};

struct TypeSpec {
  EventType type;
  std::string_view name;
  std::vector<FieldSpec> fields;
};

const TypeSpec& SpecFor(EventType type);
// nullptr when `name` is not a field of `type`.
const FieldSpec* FindField(const TypeSpec& spec, std::string_view name);

}  // namespace cjl::events
