// The dashboard's static files, built into the binary from ops/dashboard/ at build time
// (no external network, no CDN). Immutable; thread-safe.
#pragma once

#include <optional>
#include <string_view>

namespace cjl::ops {

struct DashboardAsset {
  std::string_view content_type;
  std::string_view body;
};

// "/index.html", "/assets/app.js", ...; nullopt when there is no such file.
std::optional<DashboardAsset> FindDashboardAsset(std::string_view path);

}  // namespace cjl::ops
