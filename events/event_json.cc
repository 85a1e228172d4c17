#include "events/event_json.h"

#include <chrono>
#include <cstdio>

#include "events/event_spec.h"
#include "events/validation.h"

namespace cjl::events {
namespace {

using json = nlohmann::json;

constexpr std::string_view kLedgerFields[] = {"position", "stream_version", "recorded_at",
                                              "prev_hash", "hash"};

class Reader {
 public:
  std::vector<FieldError> errors;

  void Add(std::string field, std::string message) {
    errors.push_back({std::move(field), std::move(message)});
  }
  // A string member; "must be a string" otherwise. Absent leaves `out` empty.
  void String(const json& obj, const char* key, const std::string& path, std::string& out) {
    auto it = obj.find(key);
    if (it == obj.end()) return;
    if (!it->is_string()) {
      Add(path, "must be a string");
      return;
    }
    out = it->get<std::string>();
    if (out.empty()) Add(path, "must not be empty");
  }
  std::optional<Date> DateValue(const json& v, const std::string& path) {
    if (!v.is_string()) {
      Add(path, "must be a date string YYYY-MM-DD");
      return std::nullopt;
    }
    auto d = ParseIsoDate(v.get_ref<const std::string&>());
    if (!d) Add(path, "malformed date \"" + v.get<std::string>() + "\" (expected YYYY-MM-DD)");
    return d;
  }
};

void ReadPlacement(Reader& r, const json& v, Placement& out) {
  const std::string base = "payload.placement";
  if (!v.is_object()) {
    r.Add(base, "must be an object");
    return;
  }
  for (auto it = v.begin(); it != v.end(); ++it) {
    const std::string& k = it.key();
    const std::string path = base + "." + k;
    std::string* target = k == "placement_type"      ? &out.placement_type
                          : k == "provider"          ? &out.provider
                          : k == "carer_id"          ? &out.carer_id
                          : k == "postcode_district" ? &out.postcode_district
                          : k == "urn"               ? &out.urn
                                                     : nullptr;
    if (!target) {
      r.Add(path, "unknown field");
      continue;
    }
    if (it->is_number_integer() && k == "urn") {  // URNs are often sent as numbers
      *target = std::to_string(it->get<long long>());
    } else {
      r.String(v, k.c_str(), path, *target);
    }
  }
}

void ReadPayload(Reader& r, const json& v, const TypeSpec& spec, Payload& p) {
  if (!v.is_object()) {
    r.Add("payload", "must be an object");
    return;
  }
  for (auto it = v.begin(); it != v.end(); ++it) {
    const std::string path = "payload." + it.key();
    const FieldSpec* f = FindField(spec, it.key());
    if (!f) {
      r.Add(path, "unknown field for " + std::string(spec.name));
      continue;
    }
    switch (f->kind) {
      case FieldKind::kText:
      case FieldKind::kCode:
        r.String(v, it.key().c_str(), path, p.*(f->text));
        break;
      case FieldKind::kDate:
        p.*(f->date) = r.DateValue(*it, path);
        break;
      case FieldKind::kWeeks:
        if (!it->is_number_integer()) {
          r.Add(path, "must be an integer");
        } else {
          p.weeks = static_cast<int>(std::clamp<long long>(it->get<long long>(), -1, 1000));
        }
        break;
      case FieldKind::kBool:
        if (!it->is_boolean()) {
          r.Add(path, "must be true or false");
        } else {
          p.by_foster_carers = it->get<bool>();
        }
        break;
      case FieldKind::kPlacement:
        p.placement.emplace();
        ReadPlacement(r, *it, *p.placement);
        break;
    }
  }
}

Error Invalid(std::vector<FieldError> errors) {
  std::string summary = errors.size() == 1 ? "1 error" : std::to_string(errors.size()) + " errors";
  return Error(ErrorCode::kInvalidInput, "invalid event (" + summary + ")", std::move(errors));
}

}  // namespace

Result<Event> EventFromJson(const json& v, std::optional<Date> today) {
  Reader r;
  if (!v.is_object()) {
    r.Add("", "an event must be a JSON object");
    return Invalid(std::move(r.errors));
  }
  Event e;
  for (auto it = v.begin(); it != v.end(); ++it) {
    const std::string& k = it.key();
    if (k == "event_id" || k == "child_id" || k == "source" || k == "type" || k == "occurred_on" ||
        k == "payload" || k == "schema_version") {
      continue;
    }
    bool ledger_field = false;
    for (auto lf : kLedgerFields) ledger_field = ledger_field || k == lf;
    r.Add(k, ledger_field ? "set by the ledger; a client never sends it" : "unknown field");
  }
  r.String(v, "event_id", "event_id", e.event_id);
  r.String(v, "child_id", "child_id", e.child_id);
  r.String(v, "source", "source", e.source);

  std::optional<EventType> type;
  if (auto it = v.find("type"); it == v.end()) {
    r.Add("type", "required");
  } else if (!it->is_string()) {
    r.Add("type", "must be a string");
  } else if (!(type = EventTypeFromName(it->get_ref<const std::string&>()))) {
    r.Add("type", "unknown type \"" + it->get<std::string>() + "\"");
  }
  bool have_date = false;
  if (auto it = v.find("occurred_on"); it == v.end()) {
    r.Add("occurred_on", "required");
  } else if (auto d = r.DateValue(*it, "occurred_on")) {
    e.occurred_on = *d;
    have_date = true;
  }
  if (auto it = v.find("schema_version"); it != v.end()) {
    if (!it->is_number_integer()) {
      r.Add("schema_version", "must be an integer");
    } else {
      e.schema_version = static_cast<int>(std::clamp<long long>(it->get<long long>(), -1, 1 << 20));
    }
  }
  if (e.schema_version > kCurrentSchemaVersion) {
    // A newer contract than this code knows: reject whole, never half-read.
    r.Add("schema_version", "unsupported version " + std::to_string(e.schema_version) +
                                " (this ledger reads 1 to " +
                                std::to_string(kCurrentSchemaVersion) + ")");
    return Invalid(std::move(r.errors));
  }
  auto payload = v.find("payload");
  if (payload == v.end()) r.Add("payload", "required (may be an empty object)");
  if (!type) return Invalid(std::move(r.errors));
  e.type = *type;
  if (payload != v.end()) ReadPayload(r, *payload, SpecFor(e.type), e.payload);

  // Contract rules on the values, skipping those already reported as structurally wrong.
  for (FieldError& fe : ValidateEvent(e, today)) {
    bool already = false;
    for (const FieldError& prior : r.errors) already = already || prior.field == fe.field;
    if (fe.field == "occurred_on" && !have_date) already = true;
    if (!already) r.errors.push_back(std::move(fe));
  }
  if (!r.errors.empty()) return Invalid(std::move(r.errors));
  return e;
}

Result<Event> ParseEventJson(std::string_view text, std::optional<Date> today) {
  json v = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (v.is_discarded()) {
    return Invalid({{"", "not valid JSON"}});
  }
  return EventFromJson(v, today);
}

std::string PeekEventId(std::string_view text) {
  json v = json::parse(text, nullptr, false);
  if (v.is_object()) {
    auto it = v.find("event_id");
    if (it != v.end() && it->is_string()) return it->get<std::string>();
  }
  return "";
}

nlohmann::ordered_json EventToJson(const Event& e) {
  nlohmann::ordered_json out;
  out["event_id"] = e.event_id;
  out["type"] = EventTypeName(e.type);
  out["child_id"] = e.child_id;
  out["occurred_on"] = FormatIsoDate(e.occurred_on);
  out["source"] = e.source;
  out["schema_version"] = e.schema_version;
  nlohmann::ordered_json payload = nlohmann::ordered_json::object();
  const Payload& p = e.payload;
  for (const FieldSpec& f : SpecFor(e.type).fields) {
    const std::string name(f.name);
    switch (f.kind) {
      case FieldKind::kText:
      case FieldKind::kCode:
        if (!(p.*f.text).empty()) payload[name] = p.*f.text;
        break;
      case FieldKind::kDate:
        if (p.*f.date) payload[name] = FormatIsoDate(*(p.*f.date));
        break;
      case FieldKind::kWeeks:
        if (p.weeks) payload[name] = *p.weeks;
        break;
      case FieldKind::kBool:
        if (p.by_foster_carers) payload[name] = *p.by_foster_carers;
        break;
      case FieldKind::kPlacement:
        if (p.placement) {
          nlohmann::ordered_json pl;
          pl["placement_type"] = p.placement->placement_type;
          if (!p.placement->provider.empty()) pl["provider"] = p.placement->provider;
          pl["carer_id"] = p.placement->carer_id;
          if (!p.placement->postcode_district.empty()) {
            pl["postcode_district"] = p.placement->postcode_district;
          }
          if (!p.placement->urn.empty()) pl["urn"] = p.placement->urn;
          payload[name] = std::move(pl);
        }
        break;
    }
  }
  out["payload"] = std::move(payload);
  return out;
}

std::string HexOf(const Sha256& h) {
  static const char* kDigits = "0123456789abcdef";
  std::string out;
  out.reserve(64);
  for (std::uint8_t b : h) {
    out.push_back(kDigits[b >> 4]);
    out.push_back(kDigits[b & 15]);
  }
  return out;
}

std::string FormatTimestampUs(std::int64_t unix_us) {
  using namespace std::chrono;
  sys_time<microseconds> t{microseconds{unix_us}};
  auto day = floor<days>(t);
  hh_mm_ss<microseconds> tod{t - day};
  char buf[40];
  std::snprintf(buf, sizeof buf, "%sT%02d:%02d:%02d.%06dZ", FormatIsoDate(day).c_str(),
                int(tod.hours().count()), int(tod.minutes().count()), int(tod.seconds().count()),
                int(tod.subseconds().count()));
  return buf;
}

nlohmann::ordered_json RecordedEventToJson(const RecordedEvent& r) {
  nlohmann::ordered_json out = EventToJson(r.event);
  out["position"] = r.position.value();
  out["stream_version"] = r.stream_version.value();
  out["recorded_at"] = FormatTimestampUs(r.recorded_at_us);
  out["prev_hash"] = HexOf(r.prev_hash);
  out["hash"] = HexOf(r.hash);
  return out;
}

}  // namespace cjl::events
