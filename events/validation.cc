#include "events/validation.h"

#include <string>

#include "events/event_spec.h"

namespace cjl::events {
namespace {

constexpr std::size_t kMaxIdLength = 64;
constexpr std::size_t kMaxTextLength = 200;

bool IsAlnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

bool AllOf(std::string_view s, std::string_view extra) {
  for (char c : s) {
    if (!IsAlnum(c) && extra.find(c) == std::string_view::npos) return false;
  }
  return true;
}

// Printable: no ASCII control characters (UTF-8 text beyond ASCII is allowed).
bool IsPrintable(std::string_view s) {
  for (unsigned char c : s) {
    if (c < 0x20 || c == 0x7f) return false;
  }
  return true;
}

std::string Quoted(std::string_view s) { return "\"" + std::string(s) + "\""; }

// A field's name as an error names it, put together only when there is an error (every
// event is validated, and most are valid).
struct FieldName {
  FieldName(const char* whole) : name(whole) {}  // NOLINT(google-explicit-constructor)
  FieldName(std::string_view prefix, std::string_view name) : prefix(prefix), name(name) {}
  std::string str() const { return std::string(prefix).append(name); }

  std::string_view prefix;
  std::string_view name;
};

// For a 903 REC that PeriodOfCareEnded does not take, what records it instead; empty
// for a code that is not a REC at all.
std::string_view EventEndingCareWith(std::string_view rec) {
  if (rec == "E11" || rec == "E12") return "an adoption is recorded with AdoptionOrderGranted";
  if (rec == "E41")
    return "a child arrangements order is recorded with ChildArrangementsOrderGranted";
  if (rec == "E43" || rec == "E44" || rec == "E45" || rec == "E46" || rec == "E47" ||
      rec == "E48") {
    return "a special guardianship order is recorded with SpecialGuardianshipOrderGranted";
  }
  if (rec == "X1") return "X1 (episode ceases, another starts) is derived, never recorded";
  return {};
}

class Checker {
 public:
  explicit Checker(std::vector<FieldError>& out) : out_(out) {}
  void Add(const FieldName& field, std::string message) {
    out_.push_back({field.str(), std::move(message)});
  }
  void Text(const FieldName& field, std::string_view v, bool required, std::size_t max) {
    if (v.empty()) {
      if (required) Add(field, "required");
      return;
    }
    if (v.size() > max) Add(field, "longer than " + std::to_string(max) + " characters");
    if (!IsPrintable(v)) Add(field, "contains a control character");
  }
  void Code(const FieldName& field, std::string_view v, bool required, codes::CodeList list) {
    if (v.empty()) {
      if (required) Add(field, "required");
      return;
    }
    if (codes::Contains(list, v)) return;
    if (list.data() == codes::kPeriodEndReason.data()) {
      if (std::string_view own = EventEndingCareWith(v); !own.empty()) {
        Add(field, Quoted(v) + " is not a PeriodOfCareEnded reason: " + std::string(own));
        return;
      }
    }
    Add(field, "unknown code " + Quoted(v));
  }

 private:
  std::vector<FieldError>& out_;
};

void CheckPlacement(Checker& check, const Event& e) {
  const auto& p = e.payload.placement;
  if (!p) {
    check.Add("payload.placement", "required");
    return;
  }
  check.Code("payload.placement.placement_type", p->placement_type, true, codes::kPlacementType);
  check.Code("payload.placement.provider", p->provider, false, codes::kPlacementProvider);
  check.Text("payload.placement.carer_id", p->carer_id, true, kMaxIdLength);
  check.Text("payload.placement.postcode_district", p->postcode_district, false, 8);
  check.Text("payload.placement.urn", p->urn, false, 16);
  if (e.type == EventType::kPlacedForAdoption && !p->placement_type.empty() &&
      codes::Contains(codes::kPlacementType, p->placement_type) &&
      !codes::IsAdoptivePlacement(p->placement_type)) {
    check.Add(
        "payload.placement.placement_type",
        "PlacedForAdoption needs an adoptive placement A3-A6, got " + Quoted(p->placement_type));
  }
}

// Fields that the type does not take must be empty (events built in code, not JSON).
void CheckNoForeignFields(Checker& check, const Event& e, const TypeSpec& spec) {
  auto foreign = [&](std::string_view name, bool set) {
    if (set && !FindField(spec, name)) {
      check.Add(FieldName("payload.", name), "not a field of " + std::string(spec.name));
    }
  };
  const Payload& p = e.payload;
  foreign("date_of_birth", p.date_of_birth.has_value());
  foreign("sex", !p.sex.empty());
  foreign("ethnicity", !p.ethnicity.empty());
  foreign("referral_source", !p.referral_source.empty());
  foreign("outcome", !p.outcome.empty());
  foreign("kind", !p.kind.empty());
  foreign("category", !p.category.empty());
  foreign("case_number", !p.case_number.empty());
  foreign("weeks", p.weeks.has_value());
  foreign("reason", !p.reason.empty());
  foreign("legal_status", !p.legal_status.empty());
  foreign("category_of_need", !p.category_of_need.empty());
  foreign("placement", p.placement.has_value());
  foreign("reason_previous_ended", !p.reason_previous_ended.empty());
  foreign("plan", !p.plan.empty());
  foreign("consent", !p.consent.empty());
  foreign("by_foster_carers", p.by_foster_carers.has_value());
  foreign("carer", !p.carer.empty());
  foreign("participation", !p.participation.empty());
  foreign("ended_on", p.ended_on.has_value());
  foreign("target_event_id", !p.target_event_id.empty());
  foreign("team", !p.team.empty());
}

}  // namespace

bool IsValidEventId(std::string_view id) {
  return !id.empty() && id.size() <= kMaxIdLength && AllOf(id, "._:-");
}

bool IsValidChildId(std::string_view id) {
  return !id.empty() && id.size() <= kMaxIdLength && AllOf(id, "._-");
}

std::vector<FieldError> ValidateEvent(const Event& e, std::optional<Date> today) {
  std::vector<FieldError> errors;
  Checker check(errors);
  if (e.event_id.empty()) {
    check.Add("event_id", "required");
  } else if (!IsValidEventId(e.event_id)) {
    check.Add("event_id", "must be 1-64 characters of A-Za-z0-9._:-");
  }
  if (e.child_id.empty()) {
    check.Add("child_id", "required");
  } else if (!IsValidChildId(e.child_id)) {
    check.Add("child_id", "must be 1-64 characters of A-Za-z0-9._-");
  }
  check.Text("source", e.source, true, kMaxIdLength);
  if (e.schema_version < 1 || e.schema_version > kCurrentSchemaVersion) {
    check.Add("schema_version", "unsupported version " + std::to_string(e.schema_version) +
                                    " (this ledger reads 1 to " +
                                    std::to_string(kCurrentSchemaVersion) + ")");
  }
  if (today && e.occurred_on > *today) {
    check.Add("occurred_on", FormatIsoDate(e.occurred_on) + " is in the future (today is " +
                                 FormatIsoDate(*today) + ")");
  }

  const TypeSpec& spec = SpecFor(e.type);
  for (const FieldSpec& f : spec.fields) {
    const FieldName path("payload.", f.name);
    switch (f.kind) {
      case FieldKind::kText:
        check.Text(path, e.payload.*f.text, f.required, kMaxTextLength);
        break;
      case FieldKind::kCode:
        check.Code(path, e.payload.*f.text, f.required, f.codes);
        break;
      case FieldKind::kDate:
        if (f.required && !(e.payload.*f.date)) check.Add(path, "required");
        break;
      case FieldKind::kWeeks:
        if (!e.payload.weeks) {
          check.Add(path, "required");
        } else if (*e.payload.weeks < 1 || *e.payload.weeks > 8) {
          check.Add(path, "must be 1 to 8 weeks, got " + std::to_string(*e.payload.weeks));
        }
        break;
      case FieldKind::kBool:
        break;
      case FieldKind::kPlacement:
        CheckPlacement(check, e);
        break;
    }
  }
  CheckNoForeignFields(check, e, spec);

  const Payload& p = e.payload;
  if (e.type == EventType::kChildRegistered && p.date_of_birth) {
    if (today && *p.date_of_birth > *today) {
      check.Add("payload.date_of_birth", "is in the future");
    }
    if (e.occurred_on < *p.date_of_birth) {
      check.Add("occurred_on",
                "before the child's date of birth " + FormatIsoDate(*p.date_of_birth));
    }
  }
  if (e.type == EventType::kMissingEpisodeRecorded && p.ended_on && *p.ended_on < e.occurred_on) {
    check.Add("payload.ended_on", "before occurred_on");
  }
  if (e.type == EventType::kEventRetracted && !p.target_event_id.empty()) {
    if (!IsValidEventId(p.target_event_id)) {
      check.Add("payload.target_event_id", "must be 1-64 characters of A-Za-z0-9._:-");
    } else if (p.target_event_id == e.event_id) {
      check.Add("payload.target_event_id", "an event cannot retract itself");
    }
  }
  return errors;
}

}  // namespace cjl::events
