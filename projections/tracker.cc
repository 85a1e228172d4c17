// Tracker rows: assembly, ordering and output forms (see tracker.h).
#include <algorithm>
#include <sstream>

#include "projections/tracker.h"

namespace cjl::projections {
namespace {

using nlohmann::json;

std::string DoneText(const Milestone& m) { return m.done ? FormatIsoDate(*m.done) : std::string(); }

}  // namespace

std::optional<long> TrackerRow::urgency() const {
  std::optional<long> best;
  for (const Milestone& m : milestones) {
    if (!m.done && (!best || m.days < *best)) best = m.days;
  }
  return best;
}

TrackerRow ComputeChildTracker(const ChildFacts& facts, Date as_at, const TrackerSettings& settings,
                               CountingProfile profile) {
  const Journey j = BuildJourney(facts, as_at);
  TrackerRow row;
  row.child_id = facts.child_id;
  row.looked_after = j.LookedAfterOn(as_at);
  row.milestones = ComputeMilestones(j, settings);
  row.alerts = ComputeAlerts(j, ChildPlacements(j, profile), row.milestones, settings);
  return row;
}

std::vector<TrackerRow> ComputeTrackers(const AuthorityState& state, Date as_at,
                                        const TrackerSettings& settings, CountingProfile profile) {
  std::vector<TrackerRow> rows;
  for (const auto& [child, facts] : state) {
    TrackerRow row = ComputeChildTracker(facts, as_at, settings, profile);
    if (row.looked_after || row.urgency()) rows.push_back(std::move(row));
  }
  // Stable sort over child_id order: ties keep child_id order.
  std::stable_sort(rows.begin(), rows.end(), [](const TrackerRow& a, const TrackerRow& b) {
    const auto ua = a.urgency();
    const auto ub = b.urgency();
    if (ua && ub) return *ua < *ub;
    return ua.has_value() && !ub.has_value();
  });
  return rows;
}

json TrackerRowToJson(const TrackerRow& row) {
  json milestones = json::array();
  for (const Milestone& m : row.milestones) {
    milestones.push_back({{"id", m.id},
                          {"trigger", FormatIsoDate(m.trigger)},
                          {"due", FormatIsoDate(m.due)},
                          {"done", m.done ? json(FormatIsoDate(*m.done)) : json(nullptr)},
                          {"status", m.status},
                          {"days", m.days}});
  }
  json alerts = json::array();
  for (const Alert& a : row.alerts)
    alerts.push_back({{"kind", a.kind}, {"since", FormatIsoDate(a.since)}});
  return {{"child_id", row.child_id},
          {"looked_after", row.looked_after},
          {"milestones", milestones},
          {"alerts", alerts}};
}

json TrackersToJson(Date as_at, const std::vector<TrackerRow>& rows) {
  json children = json::array();
  for (const TrackerRow& r : rows) children.push_back(TrackerRowToJson(r));
  return {{"as_at", FormatIsoDate(as_at)}, {"children", children}};
}

std::string TrackersToTable(Date as_at, const std::vector<TrackerRow>& rows) {
  std::vector<std::vector<std::string>> cells = {
      {"child", "looked_after", "milestone / alert", "trigger", "due", "done", "status", "days"}};
  for (const TrackerRow& r : rows) {
    const std::string la = r.looked_after ? "yes" : "no";
    for (const Milestone& m : r.milestones) {
      cells.push_back({r.child_id, la, m.id, FormatIsoDate(m.trigger), FormatIsoDate(m.due),
                       DoneText(m), m.status, std::to_string(m.days)});
    }
    for (const Alert& a : r.alerts) {
      cells.push_back(
          {r.child_id, la, "alert " + a.kind, "since " + FormatIsoDate(a.since), "", "", "", ""});
    }
    if (r.milestones.empty() && r.alerts.empty())
      cells.push_back({r.child_id, la, "", "", "", "", "", ""});
  }
  std::vector<std::size_t> width(cells[0].size(), 0);
  for (const auto& line : cells) {
    for (std::size_t i = 0; i < line.size(); ++i) width[i] = std::max(width[i], line[i].size());
  }
  std::ostringstream out;
  out << "Permanence tracker as at " << FormatIsoDate(as_at) << " (" << rows.size()
      << " children)\n";
  for (const auto& line : cells) {
    std::string text;
    for (std::size_t i = 0; i < line.size(); ++i) {
      text += line[i];
      if (i + 1 < line.size()) text += std::string(width[i] - line[i].size() + 2, ' ');
    }
    while (!text.empty() && text.back() == ' ') text.pop_back();
    out << text << "\n";
  }
  return out.str();
}

std::string TrackersToCsv(Date as_at, const std::vector<TrackerRow>& rows) {
  std::ostringstream out;
  out << "as_at,child_id,looked_after,kind,id,trigger,due,done,status,days,since\n";
  const std::string date = FormatIsoDate(as_at);
  for (const TrackerRow& r : rows) {
    const char* la = r.looked_after ? "true" : "false";
    for (const Milestone& m : r.milestones) {
      out << date << "," << r.child_id << "," << la << ",milestone," << m.id << ","
          << FormatIsoDate(m.trigger) << "," << FormatIsoDate(m.due) << "," << DoneText(m) << ","
          << m.status << "," << m.days << ",\n";
    }
    for (const Alert& a : r.alerts) {
      out << date << "," << r.child_id << "," << la << ",alert," << a.kind << ",,,,,,"
          << FormatIsoDate(a.since) << "\n";
    }
  }
  return out.str();
}

}  // namespace cjl::projections
