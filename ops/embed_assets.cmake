# Generates dashboard_assets.cc: each file of ops/dashboard/ as a string literal, so the
# dashboard is built into the binary. Called with -DOUT=... -DSRC=... at build time.
file(GLOB files RELATIVE ${SRC} ${SRC}/*)
list(SORT files)
set(entries "")
foreach(f ${files})
  file(READ ${SRC}/${f} content)
  if(f MATCHES "\\.html$")
    set(type "text/html; charset=utf-8")
    set(url "/index.html")
  elseif(f MATCHES "\\.js$")
    set(type "text/javascript; charset=utf-8")
    set(url "/assets/${f}")
  elseif(f MATCHES "\\.css$")
    set(type "text/css; charset=utf-8")
    set(url "/assets/${f}")
  else()
    continue()
  endif()
  string(APPEND entries "    {\"${url}\", {\"${type}\", R\"CJLASSET(${content})CJLASSET\"}},\n")
endforeach()
file(WRITE ${OUT}.tmp "// Generated from ops/dashboard/ by ops/embed_assets.cmake; do not edit.
#include \"ops/dashboard_assets.h\"

#include <map>

namespace cjl::ops {

std::optional<DashboardAsset> FindDashboardAsset(std::string_view path) {
  static const std::map<std::string_view, DashboardAsset> kAssets = {
${entries}  };
  auto it = kAssets.find(path);
  if (it == kAssets.end()) return std::nullopt;
  return it->second;
}

}  // namespace cjl::ops
")
file(COPY_FILE ${OUT}.tmp ${OUT} ONLY_IF_DIFFERENT)
